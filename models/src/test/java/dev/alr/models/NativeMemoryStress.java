package dev.alr.models;

import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.nn.NetworkModel;
import dev.alr.models.nn.NetworkModelFactory;

/**
 * Child-JVM program of {@link NativeMemoryTest}: probes and scores a small MLP in a tight loop for
 * the given number of seconds while a second thread allocates garbage, so that young GCs (and
 * ND4J's deallocation of collected arrays) happen during native calls all the time. Prints
 * {@code ok <calls> <freed>} and exits 0 when it survives; a use-after-free crashes the JVM.
 *
 * <p>Run with a small young generation (e.g. {@code -Xmn4m}) to make GCs frequent.
 */
public final class NativeMemoryStress {
  private static volatile Object sink;

  private NativeMemoryStress() {
  }

  /** {@code args[0]}: seconds to run. */
  public static void main(String[] args) {
    double seconds = Double.parseDouble(args[0]);
    NetworkModelFactory factory = Workloads.factory(WorkloadSpec.of("mlp", "synthetic", 3).withLimit(64));
    Thread garbage = new Thread(() -> {
      while (true) {
        sink = new byte[256];
      }
    }, "garbage");
    garbage.setDaemon(true);
    long calls = 0;
    try (NetworkModel model = factory.create()) {
      Batch gradient = new Batch(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
      Batch probe = gradient.head(4);
      double[] factors = {2, 1, 0.5};
      garbage.start();
      long end = System.nanoTime() + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        model.probe(gradient, probe, 1e-3, factors);
        model.loss(probe);
        calls++;
      }
    }
    System.out.println("ok " + calls + " " + NativeMemory.freed());
  }
}
