package dev.alr.bench;

import dev.alr.bench.jmh.EngineOverheadBench;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.TrainableModel;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The engine-overhead benchmark's two per-candidate-epoch bodies ({@link EngineOverheadBench}'s
 * {@code workerCandidateEpochs} and {@code bareLoop}) alternated in one JVM on one thread, pair by
 * pair, so that a load change on a shared machine hits both sides of a pair alike (JMH runs one
 * benchmark after the other, each in its own fork). Each rep runs both, in alternating order;
 * the first {@code WARMUP} reps are not counted. Prints per rep the wall and thread-CPU
 * milliseconds of each side, then the overhead (engine / bare − 1) as the ratio of the sums and
 * as the median of the per-pair ratios, in wall and in CPU time, and the minimum and first quartile
 * of each side (the least disturbed reps). Then it times, as many times, the per-candidate parts
 * of the engine's path that the bare loop does not have in the same form (restoring a state,
 * exporting it, building the epoch's data order) and prints their minimum, first quartile and
 * median:
 * <pre>{@code java -cp 'cli/target/alr.jar:cli/target/lib/*' dev.alr.bench.OverheadRun LIMIT EPOCHS REPS [WARMUP]}</pre>
 * Single-threaded; one instance per JVM.
 */
public final class OverheadRun {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private OverheadRun() {
  }

  /** Times of one side of one pair. */
  private record Time(double wallMs, double cpuMs) {
  }

  private static Time time(Runnable r) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    r.run();
    return new Time((System.nanoTime() - wall) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
  }

  /** Runs {@code args[2]} pairs at limit {@code args[0]}, {@code args[1]} epochs, after {@code args[3]} (2) warm-up pairs. */
  public static void main(String[] args) {
    EngineOverheadBench bench = new EngineOverheadBench();
    bench.limit = Integer.parseInt(args[0]);
    bench.epochs = Integer.parseInt(args[1]);
    int reps = Integer.parseInt(args[2]);
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    bench.setup();
    double[][] engine = new double[2][reps];
    double[][] bare = new double[2][reps];
    for (int r = -warmup; r < reps; r++) {
      Time e;
      Time b;
      if ((r & 1) == 0) {
        e = time(bench::workerCandidateEpochs);
        b = time(bench::bareLoop);
      } else {
        b = time(bench::bareLoop);
        e = time(bench::workerCandidateEpochs);
      }
      System.out.printf(Locale.ROOT, "%s %d engine %.1f ms (cpu %.1f) bare %.1f ms (cpu %.1f) ratio %.4f (cpu %.4f)%n",
          r < 0 ? "warmup" : "rep", r, e.wallMs(), e.cpuMs(), b.wallMs(), b.cpuMs(), e.wallMs() / b.wallMs(),
          e.cpuMs() / b.cpuMs());
      if (r >= 0) {
        engine[0][r] = e.wallMs();
        engine[1][r] = e.cpuMs();
        bare[0][r] = b.wallMs();
        bare[1][r] = b.cpuMs();
      }
    }
    bench.tearDown();
    String[] kinds = {"wall", "cpu"};
    for (int k = 0; k < 2; k++) {
      double[] ratios = new double[reps];
      for (int r = 0; r < reps; r++) {
        ratios[r] = engine[k][r] / bare[k][r];
      }
      System.out.printf(Locale.ROOT, "%s: engine sum %.1f ms, bare sum %.1f ms, overhead (sums) %+.2f %%, "
              + "overhead (median pair) %+.2f %%; engine min/p25/median %.1f/%.1f/%.1f ms, bare %.1f/%.1f/%.1f ms%n",
          kinds[k], Arrays.stream(engine[k]).sum(), Arrays.stream(bare[k]).sum(),
          100 * (Arrays.stream(engine[k]).sum() / Arrays.stream(bare[k]).sum() - 1), 100 * (median(ratios) - 1),
          quantile(engine[k], 0), quantile(engine[k], 0.25), median(engine[k]),
          quantile(bare[k], 0), quantile(bare[k], 0.25), median(bare[k]));
    }
    parts(WorkloadSpec.of("mlp", "fashion-mnist", 1).withLimit(bench.limit), Math.max(reps, 10));
  }

  /** Thread-CPU milliseconds of restore, export and the data order, {@code reps} times each. */
  private static void parts(WorkloadSpec spec, int reps) {
    try (TrainableModel model = Workloads.factory(spec).create()) {
      ModelState state = model.export();
      int n = model.trainSize();
      double[][] t = new double[3][reps];
      for (int r = 0; r < reps; r++) {
        t[0][r] = time(() -> model.restore(state)).cpuMs();
        t[1][r] = time(model::export).cpuMs();
        t[2][r] = time(() -> new DataOrder(spec.seed(), 1).batches(n, 64)).cpuMs();
      }
      String[] names = {"restore", "export", "data order"};
      for (int k = 0; k < 3; k++) {
        System.out.printf(Locale.ROOT, "part %s: cpu min/p25/median %.3f/%.3f/%.3f ms per candidate-epoch%n", names[k],
            quantile(t[k], 0), quantile(t[k], 0.25), median(t[k]));
      }
    }
  }

  private static double quantile(double[] values, double q) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[(int) Math.floor(q * (v.length - 1))];
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
