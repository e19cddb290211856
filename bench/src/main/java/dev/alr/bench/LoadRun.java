package dev.alr.bench;

import dev.alr.actors.ActorExecutor;
import dev.alr.actors.Worker;
import dev.alr.actors.cluster.ClusterExecutor;
import dev.alr.actors.cluster.ClusterNode;
import dev.alr.actors.cluster.NodeConfig;
import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchExecutor;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.WorkloadSpec;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's cost per round as the candidates of a round grow (10 → 100 → 1,000), on a
 * tiny model, with every candidate checked to be reported exactly once:
 * <pre>{@code java -cp 'cli/target/alr.jar:cli/target/lib/*' dev.alr.bench.LoadRun MODE WORKERS SLOTS ROUNDS C1,C2,...}</pre>
 * {@code MODE} {@code local}: {@code WORKERS} worker actors with {@code SLOTS} training threads each
 * in this JVM ({@link ActorExecutor#ActorExecutor(int)}); {@code jvms}: a seed node in this JVM,
 * {@code WORKERS} worker JVMs with {@code SLOTS} slots each on loopback, and each search run through
 * a {@link ClusterExecutor} from this JVM (the engine protocol over Artery, states streamed between
 * JVMs). For each {@code C} an ALR search of {@code ROUNDS} rounds runs with M beams and N = C / M
 * factors (M = 2 for C &lt; 100, else 10; N geometric in [0.5, 2]), so that every round after the
 * first trains exactly C candidates; an untimed search with the first C warms the JIT first. The
 * model is an MLP 784-4-10 (3,190 parameters) on 64 synthetic samples in 2 batches of 32.
 *
 * <p>Per round after the first: <em>cycle</em> = wall seconds between the ends of two consecutive
 * rounds (plan, placement, training, results, selection, closing), <em>L</em> = the longest
 * candidate's own training seconds as its worker measured them, and <em>coordinator</em> = cycle −
 * L (the issue's definition; exact only with a free core per candidate, so on a small shared
 * machine it also holds the training that queued behind busy cores). Because that wall figure
 * depends on the machine's load, the run also measures CPU in this JVM: <em>engine CPU</em> = the
 * process's CPU seconds in the round minus those of its training threads ({@code alr-train-*}):
 * the coordinator, round and close actors, the workers' actors, messaging, the listener, GC and
 * JIT — in mode {@code jvms} all of this JVM (the search node and the seed; the worker JVMs'
 * actors are not in it) — and <em>actor threads' CPU</em> = that of Pekko's dispatcher and
 * scheduler threads alone. Prints one line per round (with the engine CPU by thread group, GC
 * count and pauses, JIT time) and a markdown row per C with the medians over rounds, per round and
 * per candidate. Exits 1 when a candidate was reported other than once, 0 otherwise (also when an
 * actor system failed to stop in time). Results: bench/RESULTS.md §14. Single-threaded driver; not
 * for use as a library.
 */
public final class LoadRun {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 7).withHidden(List.of(4))
      .withLimit(64).withBatchSize(32);
  private static final double LR = 0.05;
  /**
   * Settings for a small, loaded machine (several JVMs on 2 shared cores): Pekko's loggers may take
   * longer than 5 s to start, and a heartbeat may be late by more than the failure detector's
   * default pause, which would mark nodes unreachable and down the cluster. Set in every JVM.
   */
  private static final Map<String, String> LOADED_MACHINE = Map.of(
      "pekko.logger-startup-timeout", "60s",
      "alr.cluster.pekko.cluster.failure-detector.acceptable-heartbeat-pause", "60s");

  private LoadRun() {
  }

  /** See the class comment; {@code worker SEED NAME SLOTS} is the worker JVMs' own entry. */
  public static void main(String[] args) throws Exception {
    LOADED_MACHINE.forEach(System::setProperty);
    if (args.length == 4 && args[0].equals("worker")) {
      runWorker(args[1], args[2], Integer.parseInt(args[3]));
      return;
    }
    if (args.length != 5 || !(args[0].equals("local") || args[0].equals("jvms"))) {
      System.err.println("usage: LoadRun local|jvms WORKERS SLOTS ROUNDS C1,C2,... (e.g. local 4 4 5 10,100,1000)");
      System.exit(2);
    }
    int workers = Integer.parseInt(args[1]);
    int slots = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    int[] counts = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "load: mode %s, %d worker(s) x %d slot(s), %d rounds, %d processor(s)%n",
        args[0], workers, slots, rounds, cores);
    List<Process> jvms = new ArrayList<>();
    ClusterNode seed = null;
    boolean ok = true;
    try {
      SearchExecutorFactory executors;
      if (args[0].equals("local")) {
        executors = () -> new ActorExecutor(slots);
      } else {
        int port = freePort();
        seed = ClusterNode.coordinator(new NodeConfig("coordinator", "127.0.0.1", port, List.of(), null));
        seed.awaitUp(Duration.ofMinutes(1), "127.0.0.1:" + port);
        for (int i = 0; i < workers; i++) {
          jvms.add(startWorker("127.0.0.1:" + port, "load-" + i, slots));
        }
        executors = () -> new ClusterExecutor(new NodeConfig("search", "127.0.0.1", 0,
            List.of("127.0.0.1:" + port), null), workers, Duration.ofMinutes(3));
      }
      run(executors, workers, Math.min(rounds, 3), counts[0], false);
      List<String> summary = new ArrayList<>();
      for (int c : counts) {
        Summary s = run(executors, workers, rounds, c, true);
        summary.add(s.line());
        ok &= s.exactlyOnce();
      }
      System.out.println("| C | beams x factors | rounds | cycle s | longest candidate s | coordinator s = cycle - longest"
          + " | per candidate ms | engine CPU s | per candidate ms | training CPU s | actor threads' CPU s"
          + " | per candidate ms |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
      summary.forEach(System.out::println);
      if (!ok) {
        System.out.println("FAILED: some candidate was not reported exactly once");
      }
    } finally {
      for (Process p : jvms) {
        p.destroy();
      }
      for (Process p : jvms) {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
      if (seed != null) {
        seed.stop();
      }
    }
    System.exit(ok ? 0 : 1);
  }

  /** A fresh executor for each search (a cluster executor joins and leaves per run). */
  private interface SearchExecutorFactory {
    SearchExecutor create();
  }

  /** One C's figures: medians and means over the measured rounds. */
  private record Summary(String line, boolean exactlyOnce) {
  }

  /** The M of the class comment. */
  static int beams(int candidates) {
    return candidates < 100 ? 2 : 10;
  }

  /** N factors geometric in [0.5, 2] (just 1 when N = 1). */
  static double[] factors(int n) {
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      f[i] = n == 1 ? 1 : 0.5 * Math.pow(4, (double) i / (n - 1));
    }
    return f;
  }

  private static Summary run(SearchExecutorFactory executors, int workers, int rounds, int candidates,
                             boolean print) {
    int m = beams(candidates);
    int n = candidates / m;
    if (m * n != candidates) {
      throw new IllegalArgumentException("candidates: " + candidates + " is not a multiple of " + m + " beams");
    }
    Timeline timeline = new Timeline();
    SearchResult r = Alr.search(WORKLOAD).strategy(Strategies.beam(m, factors(n))).lr(LR).epochs(rounds)
        .workers(workers).evalEachEpoch(false).executor(executors.create()).listener(timeline).run();
    if (!r.completed()) {
      throw new IllegalStateException("the load search did not complete: " + r.message());
    }
    boolean once = timeline.exactlyOnce(r);
    List<double[]> rows = new ArrayList<>();
    for (int k = 1; k < r.epochs().size(); k++) {
      EpochRecord e = r.epochs().get(k);
      int c = e.candidates().size();
      Timeline.Mark from = timeline.marks.get(k);
      Timeline.Mark to = timeline.marks.get(k + 1);
      double cycle = (to.wall() - from.wall()) / 1e9;
      double longest = e.candidates().stream().mapToDouble(CandidateRecord::seconds).max().orElse(0);
      double total = e.candidates().stream().mapToDouble(CandidateRecord::seconds).sum();
      double coordinator = cycle - longest;
      double training = (to.trainingCpu() - from.trainingCpu()) / 1e9;
      double engine = (to.processCpu() - from.processCpu()) / 1e9 - training;
      double actors = to.actorCpu(from) / 1e9;
      rows.add(new double[] {cycle, longest, coordinator, engine, training, actors});
      if (print) {
        System.out.printf(Locale.ROOT, "  C=%d round %d: %d candidates, cycle %.3f s (training phase %.3f s), longest"
            + " %.4f s, sum %.3f s, coordinator %.3f s = %.3f ms/candidate, engine CPU %.3f s = %.3f ms/candidate,"
            + " training CPU %.3f s, actor threads' CPU %.3f s = %.3f ms/candidate%n", candidates, e.round(), c, cycle,
            e.seconds(), longest, total, coordinator, 1e3 * coordinator / c, engine, 1e3 * engine / c, training, actors,
            1e3 * actors / c);
        System.out.println("    engine CPU s by thread: " + to.breakdown(from));
      }
    }
    if (print) {
      System.out.printf(Locale.ROOT, "  C=%d: every candidate reported exactly once: %s; means: coordinator %.3f s,"
          + " engine CPU %.3f s%n", candidates, once, mean(rows, 2), mean(rows, 3));
    }
    String line = String.format(Locale.ROOT, "| %d | %d x %d | %d | %.3f | %.4f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f"
        + " | %.3f |", candidates, m, n, rows.size(), median(rows, 0), median(rows, 1), median(rows, 2),
        1e3 * median(rows, 2) / candidates, median(rows, 3), 1e3 * median(rows, 3) / candidates, median(rows, 4),
        median(rows, 5), 1e3 * median(rows, 5) / candidates);
    return new Summary(line, once);
  }

  private static double mean(List<double[]> rows, int col) {
    return rows.stream().mapToDouble(x -> x[col]).average().orElse(Double.NaN);
  }

  private static double median(List<double[]> rows, int col) {
    double[] v = rows.stream().mapToDouble(x -> x[col]).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /**
   * When each round ended ({@code marks.get(0)} is the run's start) and how often each
   * candidate was reported. Called from the coordinator's actor, one event at a time.
   */
  private static final class Timeline implements SearchListener {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<Mark> marks = new ArrayList<>();
    private final Map<Integer, Integer> reports = new ConcurrentHashMap<>();

    /** Nanoseconds of wall clock, of this process's CPU, and of its training threads' CPU. */
    private record Mark(long wall, long processCpu, long trainingCpu, Map<String, Long> byGroup) {
      static Mark now() {
        long training = 0;
        Map<String, Long> groups = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
          if (t == null) {
            continue;
          }
          long cpu = Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
          if (t.getThreadName().startsWith("alr-train-")) {
            training += cpu;
          } else {
            groups.merge(t.getThreadName().replaceAll("[0-9]+", "N"), cpu, Long::sum);
          }
        }
        long gcMs = 0;
        long gcs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
          gcMs += Math.max(0, gc.getCollectionTime());
          gcs += Math.max(0, gc.getCollectionCount());
        }
        groups.put("(GC count)", gcs);
        groups.put("(GC ms)", gcMs);
        groups.put("(JIT ms)", ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
        return new Mark(System.nanoTime(), OS.getProcessCpuTime(), training, groups);
      }

      /** CPU nanoseconds since {@code from} of the threads actors run on (Pekko's dispatchers, its scheduler). */
      long actorCpu(Mark from) {
        long ns = 0;
        for (Map.Entry<String, Long> e : byGroup.entrySet()) {
          if (e.getKey().startsWith("alr-pekko") || e.getKey().startsWith("alr-scheduler")) {
            ns += e.getValue() - from.byGroup.getOrDefault(e.getKey(), 0L);
          }
        }
        return ns;
      }

      /** CPU seconds since {@code from} by group of this JVM's other threads, largest first (the rest: JIT, GC). */
      String breakdown(Mark from) {
        Map<String, Long> d = new HashMap<>();
        byGroup.forEach((g, ns) -> d.put(g, ns - from.byGroup.getOrDefault(g, 0L)));
        String counters = String.format(Locale.ROOT, "GCs %d taking %d ms, JIT %d ms; ", d.remove("(GC count)"),
            d.remove("(GC ms)"), d.remove("(JIT ms)"));
        long java = d.values().stream().mapToLong(Long::longValue).sum();
        long rest = processCpu - from.processCpu - (trainingCpu - from.trainingCpu) - java;
        StringBuilder b = new StringBuilder(counters);
        d.entrySet().stream().filter(e -> e.getValue() > 5_000_000).sorted((x, y) -> Long.compare(y.getValue(),
            x.getValue())).forEach(e -> b.append(String.format(Locale.ROOT, "%s %.3f, ", e.getKey(), e.getValue() / 1e9)));
        return b.append(String.format(Locale.ROOT, "JIT/GC/other %.3f", rest / 1e9)).toString();
      }
    }

    @Override
    public synchronized void runStarted(SearchConfig config, long planned, long done) {
      marks.add(Mark.now());
    }

    @Override
    public synchronized void epochFinished(EpochRecord epoch) {
      marks.add(Mark.now());
    }

    @Override
    public void candidateFinished(Candidate candidate, CandidateResult result) {
      reports.merge(result.candidateId(), 1, Integer::sum);
    }

    /**
     * Whether every candidate of every round was reported once, and nothing else was: the
     * listener's reports by id against the result's candidates (each id in one round only).
     */
    boolean exactlyOnce(SearchResult r) {
      Map<Integer, Integer> expected = new HashMap<>();
      for (EpochRecord e : r.epochs()) {
        for (CandidateRecord c : e.candidates()) {
          expected.merge(c.id(), 1, Integer::sum);
        }
      }
      boolean ok = expected.values().stream().allMatch(k -> k == 1) && expected.equals(reports);
      if (!ok) {
        System.out.printf(Locale.ROOT, "  %d candidate ids in the result, %d reported; ids not reported once: %s%n",
            expected.size(), reports.size(), reports.entrySet().stream().filter(x -> x.getValue() != 1).limit(10)
                .toList());
      }
      return ok;
    }
  }

  private static Process startWorker(String seed, String name, int slots) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile("alr-load-" + name + "-", ".log");
    Path crash = log.getParent();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:ErrorFile=" + crash.resolve("hs_err_pid%p.log")));
    LOADED_MACHINE.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadRun.class.getName(), "worker", seed, name,
        Integer.toString(slots)));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    System.out.println("  worker JVM " + name + " (" + slots + " slots), log " + log);
    return pb.start();
  }

  private static void runWorker(String seed, String name, int slots) throws InterruptedException {
    ClusterNode node = ClusterNode.worker(new NodeConfig("worker", "127.0.0.1", 0, List.of(seed), null), name, slots,
        Worker.ThreadSetup.NONE);
    System.out.println("joined as " + node.awaitUp(Duration.ofMinutes(1), seed));
    node.awaitTermination();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
