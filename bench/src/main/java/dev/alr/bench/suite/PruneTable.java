package dev.alr.bench.suite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The rows of a prune suite grouped for reporting: per policy and cycle, the values over seeds,
 * their mean and sample standard deviation. Immutable after construction; thread-safe.
 */
public final class PruneTable {
  private final List<PruneRow> rows;

  /** @param rows the suite's rows, any order */
  public PruneTable(List<PruneRow> rows) {
    this.rows = List.copyOf(rows);
  }

  /** Policies present: those of {@link PruneSuite#POLICIES} in its order, then any other. */
  public List<String> policies() {
    List<String> present = new ArrayList<>();
    for (PruneRow r : rows) {
      if (!present.contains(r.policy())) {
        present.add(r.policy());
      }
    }
    present.sort(Comparator.comparingInt(p -> PruneSuite.POLICIES.contains(p) ? PruneSuite.POLICIES.indexOf(p)
        : PruneSuite.POLICIES.size()));
    return present;
  }

  /** Seeds present, ascending. */
  public List<Long> seeds() {
    return new ArrayList<>(new TreeSet<>(rows.stream().map(PruneRow::seed).toList()));
  }

  /** Cycles present for any policy, ascending. */
  public List<Integer> cycles() {
    return new ArrayList<>(new TreeSet<>(rows.stream().map(PruneRow::cycle).toList()));
  }

  /** Cycles present for {@code policy}, ascending. */
  public List<Integer> cycles(String policy) {
    return new ArrayList<>(new TreeSet<>(rows.stream().filter(r -> r.policy().equals(policy))
        .map(PruneRow::cycle).toList()));
  }

  /** The rows of {@code policy} at {@code cycle}, one per seed. */
  public List<PruneRow> at(String policy, int cycle) {
    return rows.stream().filter(r -> r.policy().equals(policy) && r.cycle() == cycle).toList();
  }

  /** The values of {@code f} over seeds of {@code policy} at {@code cycle}. */
  public List<Double> values(String policy, int cycle, ToDoubleFunction<PruneRow> f) {
    return at(policy, cycle).stream().map(r -> f.applyAsDouble(r)).toList();
  }

  /** Mean over seeds (NaN when absent). */
  public double mean(String policy, int cycle, ToDoubleFunction<PruneRow> f) {
    return Stats.mean(values(policy, cycle, f));
  }

  /** Sample standard deviation over seeds (0 for one seed, NaN when absent). */
  public double std(String policy, int cycle, ToDoubleFunction<PruneRow> f) {
    return Stats.std(values(policy, cycle, f));
  }

  /** Mean sparsity of {@code cycle} over every policy and seed (the same for all but rounding). */
  public double sparsity(int cycle) {
    return Stats.mean(rows.stream().filter(r -> r.cycle() == cycle).map(PruneRow::sparsity).toList());
  }

  /** Mean remaining weights of {@code cycle} over every policy and seed. */
  public double remainingWeights(int cycle) {
    return Stats.mean(rows.stream().filter(r -> r.cycle() == cycle).map(r -> (double) r.remainingWeights()).toList());
  }

  /** The last row of each seed of {@code policy} (its run's totals). */
  public List<PruneRow> finals(String policy) {
    List<PruneRow> out = new ArrayList<>();
    for (long seed : seeds()) {
      rows.stream().filter(r -> r.policy().equals(policy) && r.seed() == seed)
          .max(Comparator.comparingInt(PruneRow::cycle)).ifPresent(out::add);
    }
    return out;
  }

  /** Mean over seeds of a run's total sample-gradients. */
  public double totalSampleGradients(String policy) {
    return Stats.mean(finals(policy).stream().map(r -> (double) r.sampleGradients()).toList());
  }

  /** Mean over seeds of a run's candidate-cycles. */
  public double totalCandidateCycles(String policy) {
    return Stats.mean(finals(policy).stream().map(r -> (double) r.candidateCycles()).toList());
  }

  /** Mean over seeds of a run's wall seconds. */
  public double totalWallSeconds(String policy) {
    return Stats.mean(finals(policy).stream().map(PruneRow::wallSeconds).toList());
  }

  /**
   * The cycle whose mean sparsity is nearest {@code target}, or −1 when none lies within
   * {@code tolerance} of it.
   */
  public int nearestCycle(double target, double tolerance) {
    int best = -1;
    double gap = Double.POSITIVE_INFINITY;
    for (int c : cycles()) {
      double d = Math.abs(sparsity(c) - target);
      if (d < gap) {
        gap = d;
        best = c;
      }
    }
    return gap <= tolerance ? best : -1;
  }

  /**
   * Mean over seeds of {@code a}'s test accuracy minus {@code b}'s at {@code cycle} (NaN when either
   * is absent).
   */
  public double accuracyGap(String a, String b, int cycle) {
    return mean(a, cycle, PruneRow::testAccuracy) - mean(b, cycle, PruneRow::testAccuracy);
  }
}
