package dev.alr.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The finished cells of a suite grouped for reporting: final rows per group of seeds, means and
 * standard deviations, ranks per setting. Immutable after construction; thread-safe.
 */
public final class Summary {
  private final List<CellResult> results;

  /** @param results finished cells, in suite order */
  public Summary(List<CellResult> results) {
    this.results = List.copyOf(results);
  }

  /** All finished cells. */
  public List<CellResult> results() {
    return results;
  }

  /** Model/dataset pairs present, in suite order, as {@code model/dataset}. */
  public List<String> workloads() {
    List<String> out = new ArrayList<>();
    for (CellResult r : results) {
      String w = r.cell().model() + "/" + r.cell().dataset();
      if (!out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** Strategy labels present, in first-seen order. */
  public List<String> strategies() {
    List<String> out = new ArrayList<>();
    for (CellResult r : results) {
      if (!out.contains(r.cell().strategy())) {
        out.add(r.cell().strategy());
      }
    }
    return out;
  }

  /** Start LRs present at equal epochs (strategies that ignore it excluded), ascending. */
  public List<Double> startLrs(String workload) {
    TreeSet<Double> lrs = new TreeSet<>();
    for (CellResult r : results) {
      if (of(r, workload) && !r.cell().ignoresStartLr() && Cell.EQUAL_EPOCHS.equals(r.cell().budget())) {
        lrs.add(r.cell().lr0());
      }
    }
    return new ArrayList<>(lrs);
  }

  /**
   * The cells of one group: a strategy on a workload at a start LR (ignored for the oracles, dog
   * and adam) and budget. Runs that diverged before finishing an epoch are included; their final values are NaN.
   */
  public List<CellResult> group(String workload, String strategy, double lr0, Budget budget) {
    List<CellResult> out = new ArrayList<>();
    for (CellResult r : results) {
      Cell c = r.cell();
      if (of(r, workload) && c.strategy().equals(strategy) && c.budget() == budget
          && (c.ignoresStartLr() || c.lr0() == lr0)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Final values of {@code field} over the seeds of a group (NaN for a run without a finished epoch). */
  public static List<Double> finals(List<CellResult> group, java.util.function.ToDoubleFunction<EpochRow> field) {
    List<Double> out = new ArrayList<>();
    for (CellResult r : group) {
      out.add(r.last() == null ? Double.NaN : field.applyAsDouble(r.last()));
    }
    return out;
  }

  /** Mean final test accuracy of a group (NaN when empty). */
  public double meanAccuracy(String workload, String strategy, double lr0, Budget budget) {
    return Stats.mean(finals(group(workload, strategy, lr0, budget), EpochRow::testAccuracy));
  }

  /** The oracle's accuracy on a workload: the better of the oracle strategies' means. */
  public double oracleAccuracy(String workload) {
    double best = Double.NaN;
    for (String s : strategies()) {
      if (s.startsWith("oracle-")) {
        double m = meanAccuracy(workload, s, 0, Cell.EQUAL_EPOCHS);
        if (Double.isFinite(m) && !(m <= best)) {
          best = m;
        }
      }
    }
    return best;
  }

  /**
   * Ranks of the strategies per setting (workload × start LR, equal epochs) by mean final test
   * accuracy, 1 best, ties averaged; oracles, dog and adam take part in every setting of their
   * workload.
   *
   * @return setting name → (strategy → rank)
   */
  public Map<String, Map<String, Double>> ranks() {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    List<String> strategies = strategies();
    for (String w : workloads()) {
      for (double lr0 : startLrs(w)) {
        List<String> present = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (String s : strategies) {
          double m = meanAccuracy(w, s, lr0, Cell.EQUAL_EPOCHS);
          if (!group(w, s, lr0, Cell.EQUAL_EPOCHS).isEmpty()) {
            present.add(s);
            scores.add(m);
          }
        }
        double[] ranks = Stats.ranksDescending(scores.stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < present.size(); i++) {
          m.put(present.get(i), ranks[i]);
        }
        out.put(w + " lr0=" + Report.lr(lr0), m);
      }
    }
    return out;
  }

  private static boolean of(CellResult r, String workload) {
    return workload.equals(r.cell().model() + "/" + r.cell().dataset());
  }
}
