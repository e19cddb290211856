package dev.alr.cli;

import dev.alr.bench.suite.BenchRun;
import dev.alr.bench.suite.CellResult;
import dev.alr.bench.suite.CellStore;
import dev.alr.bench.suite.EpochRow;
import dev.alr.bench.suite.Report;
import dev.alr.bench.suite.Suite;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.models.Workloads;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alr bench}: runs a benchmark suite (strategies × models × datasets × seeds × start LRs)
 * with an overall progress bar and ETA, storing every finished cell so {@code --resume} skips it,
 * then writes {@code results.csv}, {@code results.json}, {@code report.md} and PNG plots.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark ALR against N-probe, fixed schedules and a grid-searched oracle; write CSV, JSON, "
        + "a report and plots.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--suite", defaultValue = "quick", description = "quick, standard or full (default: ${DEFAULT-VALUE})")
  String suite;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
  Path out;

  @Option(names = "--resume", description = "skip the cells already finished in --out")
  boolean resume;

  @Option(names = "--parallel", paramLabel = "P", description = "cells trained at once, one core each "
      + "(default: number of cores)")
  Integer parallel;

  @Option(names = "--epochs", paramLabel = "E", description = "override the suite's epoch budget")
  Integer epochs;

  @Option(names = "--limit", paramLabel = "N", description = "override the suite's training samples (0: all)")
  Integer limit;

  @Option(names = "--seeds", split = ",", paramLabel = "S1,S2", description = "override the suite's seeds")
  List<Long> seeds = new ArrayList<>();

  @Option(names = "--datasets", split = ",", paramLabel = "D1,D2", description = "override the suite's datasets")
  List<String> datasets = new ArrayList<>();

  @Option(names = "--models", split = ",", paramLabel = "M1,M2", description = "override the suite's models")
  List<String> models = new ArrayList<>();

  @Option(names = "--lrs", split = ",", paramLabel = "LR1,LR2",
      description = "override the start-LR sweep (must contain the reference LR 0.05)")
  List<Double> lrs = new ArrayList<>();

  @Option(names = "--strategies", split = ",", paramLabel = "S1,S2",
      description = "override the suite's strategies: alr, nprobe, constant, step, linear, cosine, sgdr, clr, 1cycle, "
          + "rex, oracle-constant, oracle-cosine, schedule-free, dog, adam")
  List<String> strategies = new ArrayList<>();

  @Option(names = "--compute-schedules", split = ",", paramLabel = "S1,S2",
      description = "override the schedules also run at equal compute (none: an empty value)")
  List<String> computeSchedules;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "where to look first for named datasets")
  String dataDir;

  @Option(names = "--no-progress", description = "no progress bar (a line per finished cell instead)")
  boolean noProgress;

  @Override
  public Integer call() {
    if (epochs != null && epochs < 1) {
      throw new IllegalArgumentException("--epochs: must be >= 1, got " + epochs);
    }
    Suite s = Suite.named(suite).withEpochs(epochs == null ? 0 : epochs).withLimit(limit).withSeeds(seeds)
        .withDatasets(datasets).withModels(models).withStartLrs(lrs).withStrategies(strategies)
        .withComputeSchedules(computeSchedules == null ? null
            : computeSchedules.stream().filter(x -> !x.isBlank()).toList());
    for (String c : s.computeSchedules()) {
      dev.alr.engine.Strategies.schedule(c);
    }
    for (String m : s.models()) {
      if (!dev.alr.models.nn.ModelKind.flagValues().contains(m)) {
        throw new IllegalArgumentException("--models: unknown model '" + m + "'; allowed: "
            + String.join(", ", dev.alr.models.nn.ModelKind.flagValues()));
      }
    }
    int p = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
    if (p < 1) {
      throw new IllegalArgumentException("--parallel: must be >= 1, got " + p);
    }
    if (!resume && !new CellStore(out).isEmpty()) {
      throw new IllegalArgumentException("--out: " + out + " already holds results; pass --resume to continue them "
          + "or choose another directory");
    }
    Outputs.probeDirectory("--out", out);
    PrintStream o = System.out;
    String limits = String.join(", ", s.models().stream().map(m -> m + " " + Report.samples(s.plan(m).limit()))
        .toList());
    o.printf(Locale.ROOT, "alr bench: suite %s, %d epoch(s), training samples %s, seeds %s, %d cell(s) at a time "
        + "-> %s%n", s.name(), s.epochs(), limits, s.seeds(), p, out);
    BenchRun run = new BenchRun(s, out, resume, p, dataDir, () -> new LocalExecutor(Workloads::factory),
        new Bar(o, !noProgress && Terminal.interactive()));
    BenchRun.Outcome r;
    try {
      r = run.run();
    } catch (UncheckedIOException e) {
      throw new RunFailedException("--out: " + e.getMessage() + "; the finished cells are kept in "
          + new CellStore(out).dir() + " (bin/alr bench --resume writes the rest)");
    }
    o.printf(Locale.ROOT, "%d cell(s) trained, %d resumed, in %.0f s; wrote:%n", r.trained(), r.skipped(), r.seconds());
    r.files().forEach(f -> o.println("  " + f));
    return 0;
  }

  /** The overall progress bar (or a line per cell). Synchronised: cells report from several threads. */
  private static final class Bar implements BenchRun.Progress {
    private final PrintStream out;
    private final boolean bars;
    private ProgressBar bar;
    private long startNanos;
    private long total;
    private long done;
    private long doneAtStart;

    Bar(PrintStream out, boolean bars) {
      this.out = out;
      this.bars = bars;
    }

    @Override
    public synchronized void started(long totalEpochs, long alreadyDone, int cells, int skipped) {
      total = totalEpochs;
      done = alreadyDone;
      doneAtStart = alreadyDone;
      startNanos = System.nanoTime();
      out.printf(Locale.ROOT, "%d cell(s), %d candidate-epochs; %d cell(s) already finished%n", cells, totalEpochs,
          skipped);
      if (bars) {
        bar = Terminal.bar("candidate-epochs", totalEpochs, alreadyDone);
      }
    }

    @Override
    public synchronized void candidateEpoch() {
      done++;
      if (bar != null) {
        bar.maxHint(Math.max(total, done));
        bar.stepTo(done);
      }
    }

    @Override
    public synchronized void cellFinished(CellResult r, int finished, int cells) {
      if (finished == cells && bar != null) {
        bar.close();
        bar = null;
      }
      if (bar == null) {
        EpochRow last = r.last();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long trained = done - doneAtStart;
        double eta = trained == 0 ? Double.NaN : elapsed / trained * Math.max(0, total - done);
        out.printf(Locale.ROOT, "[%d/%d] %s: test acc %s, %s; ETA %s%n", finished, cells, r.cell().key(),
            last == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * last.testAccuracy()), r.termination(),
            Double.isFinite(eta) ? String.format(Locale.ROOT, "%.0f s", eta) : "?");
      }
    }
  }
}
