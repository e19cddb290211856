package dev.alr.bench.suite;

import dev.alr.engine.Alr;
import dev.alr.engine.prune.PruneConfig;
import dev.alr.engine.prune.PruneExecutor;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.models.Workloads;
import dev.alr.models.nn.NetworkModel;
import dev.alr.models.prune.WeightArray;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one {@link PruneCell} through {@link Alr#prune(PruneConfig, Consumer, PruneExecutor)} (the
 * path {@code alr prune} takes, on one worker) and turns its records into one {@link PruneRow} per
 * cycle. Immutable and thread-safe: each call is its own run.
 */
public final class PruneCellRunner {
  private final PruneSuite suite;
  private final String dataDir;
  private final PruneExecutor executor;

  /**
   * @param suite    the suite (workload and policy parameters)
   * @param dataDir  where to look first for named datasets, or {@code null}
   * @param executor runs the prune run (the actors' {@code ActorPruneExecutor}, as {@code alr prune})
   */
  public PruneCellRunner(PruneSuite suite, String dataDir, PruneExecutor executor) {
    this.suite = suite;
    this.dataDir = dataDir;
    this.executor = executor;
  }

  /**
   * Trains the cell through every cycle.
   *
   * @param onCandidate hears each candidate's record as its cycle ends (progress)
   */
  public PruneCellResult run(PruneCell c, Consumer<PruneRecord> onCandidate) {
    PruneConfig config = suite.config(c.policy(), c.seed(), dataDir);
    long prunable = prunableWeights(config);
    List<PruneRecord> records = new ArrayList<>();
    List<Double> cycleEnds = new ArrayList<>();
    long started = System.nanoTime();
    Alr.prune(config, r -> {
      while (cycleEnds.size() <= r.cycle()) {
        cycleEnds.add((System.nanoTime() - started) / 1e9);
      }
      records.add(r);
      onCandidate.accept(r);
    }, executor);
    return new PruneCellResult(c, prunable, rows(c, prunable, records, cycleEnds), records);
  }

  /** The dense model's prunable weights (built once, not trained). */
  static long prunableWeights(PruneConfig config) {
    try (NetworkModel m = Workloads.factory(config.workload()).create()) {
      return m.weightArrays().stream().mapToLong(WeightArray::length).sum();
    }
  }

  /**
   * One row per cycle: the cycle's best survivor (lowest validation loss, ties by id; the line the
   * policy ranks first) with the cumulative counts of every candidate up to the cycle.
   *
   * @param cycleEnds wall seconds since the start when each cycle's records arrived
   */
  static List<PruneRow> rows(PruneCell c, long prunable, List<PruneRecord> records, List<Double> cycleEnds) {
    int last = records.stream().mapToInt(PruneRecord::cycle).max().orElse(-1);
    List<PruneRow> rows = new ArrayList<>();
    long grads = 0;
    long candidates = 0;
    for (int cycle = 0; cycle <= last; cycle++) {
      int cy = cycle;
      List<PruneRecord> of = records.stream().filter(r -> r.cycle() == cy).toList();
      grads += of.stream().mapToLong(PruneRecord::sampleGradients).sum();
      candidates += of.size();
      PruneRecord best = of.stream().filter(PruneRecord::survived)
          .min(Comparator.comparingDouble((PruneRecord r) -> Double.isFinite(r.valLoss()) ? r.valLoss()
              : Double.POSITIVE_INFINITY).thenComparingInt(PruneRecord::id))
          .orElse(null);
      if (best == null) {
        continue;
      }
      rows.add(new PruneRow(c.policy(), c.seed(), cycle, best.sparsity(), 1 - best.sparsity(),
          Math.round((1 - best.sparsity()) * prunable), best.maxLr(), of.size(), best.trainLoss(), best.valLoss(),
          best.valAccuracy(), best.testAccuracy(), grads, candidates,
          cycle < cycleEnds.size() ? cycleEnds.get(cycle) : Double.NaN));
    }
    return rows;
  }
}
