package dev.alr.cli;

import dev.alr.bench.suite.BenchRun;
import dev.alr.bench.suite.CellResult;
import dev.alr.bench.suite.CellStore;
import dev.alr.bench.suite.EpochRow;
import dev.alr.bench.suite.PruneBenchRun;
import dev.alr.bench.suite.PruneCellResult;
import dev.alr.bench.suite.PruneRow;
import dev.alr.bench.suite.PruneSuite;
import dev.alr.bench.suite.Report;
import dev.alr.bench.suite.Suite;
import dev.alr.actors.prune.ActorPruneExecutor;
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
 * then writes {@code results.csv}, {@code results.json}, {@code report.md} and PNG plots. The prune
 * suites ({@code prune}, {@code prune-quick}: policies × seeds, each a whole prune run) write
 * {@code prune-results.csv}, {@code prune-results.json}, {@code prune-report.md} and their plots.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark ALR against N-probe, fixed schedules and a grid-searched oracle, or (--suite prune) the "
        + "prune policies silo, constant, oracle and alr; write CSV, JSON, a report and plots.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--suite", defaultValue = "quick",
      description = "quick, standard, full, prune or prune-quick (default: ${DEFAULT-VALUE})")
  String suite;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
  Path out;

  @Option(names = "--resume", description = "skip the cells already finished in --out")
  boolean resume;

  @Option(names = "--parallel", paramLabel = "P", description = "cells trained at once, one core each "
      + "(default: number of cores)")
  Integer parallel;

  @Option(names = "--epochs", paramLabel = "E", description = "override the suite's epoch budget (prune suites: "
      + "epochs per cycle)")
  Integer epochs;

  @Option(names = "--limit", paramLabel = "N", description = "override the suite's training samples (0: all; prune "
      + "suites: samples including the validation split)")
  Integer limit;

  @Option(names = "--cycles", paramLabel = "C", description = "prune suites: override the prune cycles after the "
      + "dense cycle 0")
  Integer cycles;

  @Option(names = "--val", paramLabel = "K", description = "prune suites: override the validation split (default "
      + "with --limit: the suite's share of it)")
  Integer val;

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
          + "rex, oracle-constant, oracle-cosine, schedule-free, dog, adam (prune suites: silo, constant, oracle, alr)")
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
    String name = suite == null ? "" : suite.trim().toLowerCase(Locale.ROOT);
    if (PruneSuite.NAMES.contains(name)) {
      return prune(name);
    }
    if (!Suite.NAMES.contains(name)) {
      throw new IllegalArgumentException("--suite: unknown suite '" + suite + "'; allowed: "
          + String.join(", ", Suite.NAMES) + ", " + String.join(", ", PruneSuite.NAMES));
    }
    if (cycles != null || val != null) {
      throw new IllegalArgumentException((cycles != null ? "--cycles" : "--val") + ": only for the prune suites ("
          + String.join(", ", PruneSuite.NAMES) + ")");
    }
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

  /** Runs a prune suite; every bad value is refused before anything is written. */
  private int prune(String name) {
    List<String> unused = new ArrayList<>();
    if (!datasets.isEmpty()) {
      unused.add("--datasets");
    }
    if (!models.isEmpty()) {
      unused.add("--models");
    }
    if (!lrs.isEmpty()) {
      unused.add("--lrs");
    }
    if (computeSchedules != null) {
      unused.add("--compute-schedules");
    }
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(unused.get(0) + ": not used by suite " + name + " (it takes --seeds, "
          + "--strategies, --cycles, --epochs, --limit, --val)");
    }
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("--limit: must be >= 1 for suite " + name + ", got " + limit);
    }
    PruneSuite s = PruneSuite.named(name).withSeeds(seeds).withPolicies(strategies).withCycles(cycles)
        .withCycleEpochs(epochs).withSamples(limit, val);
    for (String policy : s.policies()) {
      ActorPruneExecutor.validated(s.config(policy, s.seeds().get(0), dataDir));
    }
    int p = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
    if (p < 1) {
      throw new IllegalArgumentException("--parallel: must be >= 1, got " + p);
    }
    if (!resume && !new CellStore(out).isEmpty()) {
      throw new IllegalArgumentException("--out: " + out + " already holds results; pass --resume to continue them "
          + "or choose another directory");
    }
    Workloads.dataset(s.workload(s.seeds().get(0), dataDir));
    Outputs.probeDirectory("--out", out);
    PrintStream o = System.out;
    double estimate = s.estimatedSeconds(p);
    o.printf(Locale.ROOT, "alr bench: suite %s, %s%s on %s, %s samples (%s validation), p %s, cycles 0..%d, %d "
            + "epoch(s) per cycle, policies %s, seeds %s, %d cell(s) at a time -> %s%n", s.name(), s.model(),
        s.hidden(), s.dataset(), Report.samples(s.limit()), Report.samples(s.val()), s.fraction(), s.cycles(),
        s.cycleEpochs(), s.policies(), s.seeds(), p, out);
    o.printf(Locale.ROOT, "%d candidate-cycles planned; estimated %s on %d core(s)%n", s.plannedCandidateCycles(),
        !Double.isFinite(estimate) ? "?" : estimate < 120 ? String.format(Locale.ROOT, "%.0f s", estimate)
            : String.format(Locale.ROOT, "%.0f min", estimate / 60), p);
    PruneBenchRun run = new PruneBenchRun(s, out, resume, p, dataDir, ActorPruneExecutor::new,
        new PruneBar(o, !noProgress && Terminal.interactive()));
    PruneBenchRun.Outcome r;
    try {
      r = run.run();
    } catch (UncheckedIOException e) {
      throw new RunFailedException("--out: " + e.getMessage() + "; the finished cells are kept in "
          + new CellStore(out).dir() + " (bin/alr bench --resume writes the rest)");
    } catch (dev.alr.engine.SearchFailedException e) {
      throw new RunFailedException(e.getMessage() + "; the finished cells are kept in " + new CellStore(out).dir()
          + " (bin/alr bench --resume continues)");
    }
    o.printf(Locale.ROOT, "%d cell(s) trained, %d resumed, in %.0f s; wrote:%n", r.trained(), r.skipped(), r.seconds());
    r.files().forEach(f -> o.println("  " + f));
    return 0;
  }

  /**
   * The overall progress bar of a suite (or, without a terminal, a line per finished cell with an
   * ETA), counting units of work ({@code candidate-epochs}, {@code candidate-cycles}). Synchronised:
   * cells report from several threads.
   */
  private static class CellBar {
    private final PrintStream out;
    private final boolean bars;
    private final String unit;
    private ProgressBar bar;
    private long startNanos;
    private long total;
    private long done;
    private long doneAtStart;

    CellBar(PrintStream out, boolean bars, String unit) {
      this.out = out;
      this.bars = bars;
      this.unit = unit;
    }

    /** The suite starts: {@code units} planned, {@code alreadyDone} of them stored. */
    public synchronized void started(long units, long alreadyDone, int cells, int skipped) {
      total = units;
      done = alreadyDone;
      doneAtStart = alreadyDone;
      startNanos = System.nanoTime();
      out.printf(Locale.ROOT, "%d cell(s), %d %s; %d cell(s) already finished%n", cells, units, unit, skipped);
      if (bars) {
        bar = Terminal.bar(unit, units, alreadyDone);
      }
    }

    /** One more unit finished. */
    synchronized void step() {
      done++;
      if (bar != null) {
        bar.maxHint(Math.max(total, done));
        bar.stepTo(done);
      }
    }

    /** A cell finished: closes the bar after the last one; prints {@code [finished/cells] key: summary; ETA} without one. */
    synchronized void cellFinished(String key, String summary, int finished, int cells) {
      if (finished == cells && bar != null) {
        bar.close();
        bar = null;
      }
      if (bar == null) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long trained = done - doneAtStart;
        double eta = trained == 0 ? Double.NaN : elapsed / trained * Math.max(0, total - done);
        out.printf(Locale.ROOT, "[%d/%d] %s: %s; ETA %s%n", finished, cells, key, summary,
            Double.isFinite(eta) ? String.format(Locale.ROOT, "%.0f s", eta) : "?");
      }
    }
  }

  /** The prune suite's {@link CellBar}. */
  private static final class PruneBar extends CellBar implements PruneBenchRun.Progress {
    PruneBar(PrintStream out, boolean bars) {
      super(out, bars, "candidate-cycles");
    }

    @Override
    public void candidateCycle() {
      step();
    }

    @Override
    public void cellFinished(PruneCellResult r, int finished, int cells) {
      PruneRow last = r.rows().isEmpty() ? null : r.rows().get(r.rows().size() - 1);
      cellFinished(r.cell().key(), last == null ? "-" : String.format(Locale.ROOT,
          "cycle %d, sparsity %.1f%%, test acc %.2f%%, %.0f s", last.cycle(), 100 * last.sparsity(),
          100 * last.testAccuracy(), last.wallSeconds()), finished, cells);
    }
  }

  /** The search suites' {@link CellBar}. */
  private static final class Bar extends CellBar implements BenchRun.Progress {
    Bar(PrintStream out, boolean bars) {
      super(out, bars, "candidate-epochs");
    }

    @Override
    public void candidateEpoch() {
      step();
    }

    @Override
    public void cellFinished(CellResult r, int finished, int cells) {
      EpochRow last = r.last();
      cellFinished(r.cell().key(), "test acc " + (last == null ? "-" : String.format(Locale.ROOT, "%.2f%%",
          100 * last.testAccuracy())) + ", " + r.termination(), finished, cells);
    }
  }
}
