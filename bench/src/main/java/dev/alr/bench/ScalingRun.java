package dev.alr.bench;

import dev.alr.actors.ActorExecutor;
import dev.alr.engine.Alr;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.Strategies;
import dev.alr.engine.SearchResult;
import dev.alr.engine.spi.WorkloadSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures, in one run, ALR's training throughput through the actors on 1 and 2 workers against
 * {@link BareTrainer} JVMs — one alone, then two side by side (the machine's 2-core limit):
 * <pre>{@code java -cp 'cli/target/alr.jar:cli/target/lib/*' dev.alr.bench.ScalingRun EPOCHS LIMIT}</pre>
 * ALR (M = 2, factors 0.5/1/2, no per-epoch test evaluation) trains {@code EPOCHS} epochs; its
 * throughput is sample-gradients over the rounds' wall seconds, for all epochs and for epochs ≥ 2
 * (epoch 1 has 3 candidates, which 2 workers cannot split evenly), after an untimed 2-epoch ALR
 * run that warms the JIT. Each bare JVM trains {@code 3·EPOCHS} epochs after 3 untimed warm-up
 * epochs (about what each of ALR's 2 workers trains: 3 + 6(E − 1) candidate-epochs in all). Prints one line per measurement and the ratios.
 * Single-threaded driver; not for use as a library.
 */
public final class ScalingRun {
  private ScalingRun() {
  }

  /** See the class comment. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int epochs = Integer.parseInt(args[0]);
    int limit = Integer.parseInt(args[1]);
    String dataset = args.length > 2 ? args[2] : "fashion-mnist";
    double bare1 = bare(1, 3 * epochs, limit, dataset);
    double bare2 = bare(2, 3 * epochs, limit, dataset);
    alr(1, 2, limit, dataset);
    double[] alr1 = alr(1, epochs, limit, dataset);
    double[] alr2 = alr(2, epochs, limit, dataset);
    System.out.printf(Locale.ROOT, "ratio alr1/bare1 (all epochs) %.3f  (epochs>=2) %.3f  -> engine overhead %.1f%%%n",
        alr1[0] / bare1, alr1[1] / bare1, 100 * (bare1 / alr1[1] - 1));
    System.out.printf(Locale.ROOT, "ratio alr2/bare2 (all epochs) %.3f  (epochs>=2) %.3f%n", alr2[0] / bare2,
        alr2[1] / bare2);
    System.out.printf(Locale.ROOT, "scaling 1->2: alr %.3f (epochs>=2), bare %.3f%n", alr2[1] / alr1[1], bare2 / bare1);
  }

  /** Runs {@code n} bare JVMs at once; returns their combined samples/s over the union of their training windows. */
  static double bare(int n, int epochs, int limit, String dataset) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
          BareTrainer.class.getName(), Integer.toString(epochs), Integer.toString(limit), dataset);
      pb.environment().put("OMP_NUM_THREADS", "1");
      pb.environment().put("OPENBLAS_NUM_THREADS", "1");
      pb.redirectErrorStream(true);
      ps.add(pb.start());
    }
    long samples = 0;
    long start = Long.MAX_VALUE;
    long end = 0;
    for (Process p : ps) {
      Map<String, String> kv = new HashMap<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("bare ")) {
            System.out.println("  " + line);
            for (String tok : line.substring(5).split(" ")) {
              String[] x = tok.split("=", 2);
              kv.put(x[0], x[1]);
            }
          }
        }
      }
      if (p.waitFor() != 0 || kv.isEmpty()) {
        throw new IllegalStateException("bare trainer failed with exit code " + p.exitValue());
      }
      samples += Long.parseLong(kv.get("samples"));
      start = Math.min(start, Long.parseLong(kv.get("start")));
      end = Math.max(end, Long.parseLong(kv.get("end")));
    }
    double rate = samples / ((end - start) / 1e3);
    System.out.printf(Locale.ROOT, "bare x%d side by side: %d samples in %.2f s -> %.1f samples/s%n", n, samples,
        (end - start) / 1e3, rate);
    return rate;
  }

  /** Runs ALR on {@code workers} actor workers; returns samples/s over all epochs and over epochs ≥ 2. */
  static double[] alr(int workers, int epochs, int limit, String dataset) {
    SearchResult r = Alr.search(WorkloadSpec.of("mlp", dataset, 1).withLimit(limit))
        .strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.05).epochs(epochs).workers(workers).evalEachEpoch(false)
        .executor(new ActorExecutor()).run();
    double seconds = 0;
    double laterSeconds = 0;
    long later = 0;
    for (EpochRecord e : r.epochs()) {
      seconds += e.seconds();
      if (e.epoch() >= 2) {
        laterSeconds += e.seconds();
        later += e.candidates().stream().mapToLong(c -> c.sampleGradients()).sum();
      }
    }
    double all = r.sampleGradients() / seconds;
    double late = later == 0 ? all : later / laterSeconds;
    System.out.printf(Locale.ROOT, "alr %d worker(s): %d candidate-epochs, %d samples in %.2f s -> %.1f samples/s "
        + "(epochs>=2: %.1f)%n", workers, r.candidateEpochs(), r.sampleGradients(), seconds, all, late);
    return new double[] {all, late};
  }
}
