package dev.alr.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code prune-report.md}: the suite's parameters; test accuracy against sparsity per policy (mean ±
 * std over seeds); the rows nearest 80 %, 90 % and 95 % sparsity; the {@code max_lr} each policy
 * chose per cycle; compute per policy; and the three goals checked against the data
 * (SILO ≥ constant at every sparsity ≥ 80 %, SILO within 0.5 pp of the oracle on average, ALR ≥
 * SILO). Stateless and thread-safe.
 */
public final class PruneReport {
  /** The sparsities of the headline rows. */
  public static final List<Double> HEADLINE = List.of(0.80, 0.90, 0.95);
  /** How far from a headline sparsity the nearest cycle may be. */
  static final double HEADLINE_TOLERANCE = 0.02;
  /** The sparsity from which SILO must match or beat the constant. */
  public static final double GOAL_SPARSITY = 0.80;
  /** How far below the oracle SILO may be on average, in accuracy (0.5 pp). */
  public static final double ORACLE_MARGIN = 0.005;

  private PruneReport() {
  }

  /**
   * The report text.
   *
   * @param suite the suite that ran
   * @param rows  its rows
   * @param plots plot file names
   * @param notes lines to show under the parameters (timing)
   */
  public static String markdown(PruneSuite suite, List<PruneRow> rows, List<String> plots, List<String> notes) {
    PruneTable t = new PruneTable(rows);
    StringBuilder sb = new StringBuilder();
    sb.append("# alr bench — suite `").append(suite.name()).append("` (iterative magnitude pruning)\n\n");
    parameters(sb, suite, t);
    for (String n : notes) {
      sb.append("- ").append(n).append('\n');
    }
    sb.append("\nEach run trains cycles 0…").append(suite.cycles()).append(": cycle 0 the dense network, every later "
        + "cycle prunes a fraction p of the surviving weights, resets the survivors and retrains. A row describes the "
        + "line the run continues with after the cycle (the best survivor by validation loss); accuracy is its test "
        + "accuracy in %, mean ± sample std over seeds.\n\n");
    accuracyTable(sb, t);
    headline(sb, t);
    maxLrTable(sb, t);
    compute(sb, t);
    goals(sb, t);
    for (String p : plots) {
      sb.append("![").append(p).append("](").append(p).append(")\n\n");
    }
    sb.append("Reading the plots: `").append(PrunePlots.ACCURACY).append("` puts the remaining weights on a log x "
        + "axis (100 % at the right; each step left is one more cycle), so the curves' tails show how each policy "
        + "holds up at high sparsity. `").append(PrunePlots.MAX_LR).append("` shows the peak LR each policy trained "
        + "each cycle with: constant is flat, SILO follows its S-curve, the oracle's and ALR's are what their "
        + "searches picked (for ALR the best line's).\n");
    return sb.toString();
  }

  private static void parameters(StringBuilder sb, PruneSuite s, PruneTable t) {
    sb.append("## Parameters\n\n");
    sb.append(String.format(Locale.ROOT, "- workload: %s%s on %s, the first %s training samples of which the last "
            + "%s are the validation split (%s training), batch %d, updater %s %s, seeds %s%n", s.model(),
        s.hidden().isEmpty() ? "" : " --hidden " + String.join(",", s.hidden().stream().map(String::valueOf).toList()),
        s.dataset(), Report.samples(s.limit()), Report.samples(s.val()), Report.samples(s.trainSamples()), s.batch(),
        s.updater(), PruneSuite.num(s.momentum()), s.seeds()));
    sb.append(String.format(Locale.ROOT, "- pruning: p = %s per cycle, cycles 0…%d (sparsity up to %.1f %%), %d "
            + "epoch(s) per cycle, criterion %s, reset %s, within-cycle schedule: linear warm-up, ×0.1 at 50 %%, "
            + "×0.01 at 64 %% (SILO's)%n", PruneSuite.num(s.fraction()), s.cycles(), 100 * s.sparsity(s.cycles()),
        s.cycleEpochs(), s.criterion(), s.reset()));
    sb.append("\n| policy | parameters | candidates per run |\n|---|---|---|\n");
    for (String p : s.policies()) {
      sb.append("| ").append(p).append(" | ").append(s.policyParameters(p)).append(" | ")
          .append(s.plannedCandidateCycles(p)).append(" |\n");
    }
    sb.append("\nThis suite: `").append(s.benchCommand("DIR")).append("` (`--resume` continues it, `bin/alr report DIR` "
        + "redraws this report from `prune-results.json`).\n");
    sb.append("\nOne cell is the prune run of one policy and seed; the same run from the command line (seed ")
        .append(s.seeds().get(0)).append("):\n\n```\n");
    for (String p : s.policies()) {
      sb.append(s.pruneCommand(p, s.seeds().get(0))).append('\n');
    }
    sb.append("```\n\n");
  }

  private static void accuracyTable(StringBuilder sb, PruneTable t) {
    List<String> ps = t.policies();
    sb.append("## Test accuracy vs sparsity\n\n| cycle | sparsity % | remaining weights |");
    ps.forEach(p -> sb.append(' ').append(p).append(" |"));
    sb.append("\n|---|---|---|");
    ps.forEach(p -> sb.append("---|"));
    sb.append('\n');
    for (int c : t.cycles()) {
      sb.append(row(t, c, ps));
    }
    sb.append('\n');
  }

  private static String row(PruneTable t, int c, List<String> ps) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| %d | %.2f | %,.0f |", c, 100 * t.sparsity(c),
        t.remainingWeights(c)));
    for (String p : ps) {
      sb.append(' ').append(Report.pm(t.values(p, c, PruneRow::testAccuracy), 100, 2)).append(" |");
    }
    return sb.append('\n').toString();
  }

  private static void headline(StringBuilder sb, PruneTable t) {
    List<String> ps = t.policies();
    sb.append("## At 80 %, 90 % and 95 % sparsity\n\nThe cycle whose sparsity 1 − (1 − p)^c is nearest each target "
        + "(its exact sparsity in the second column).\n\n| target | sparsity % | cycle |");
    ps.forEach(p -> sb.append(' ').append(p).append(" |"));
    sb.append("\n|---|---|---|");
    ps.forEach(p -> sb.append("---|"));
    sb.append('\n');
    for (double target : HEADLINE) {
      int c = t.nearestCycle(target, HEADLINE_TOLERANCE);
      if (c < 0) {
        sb.append(String.format(Locale.ROOT, "| %.0f %% | not reached | |", 100 * target));
        ps.forEach(p -> sb.append(" |"));
        sb.append('\n');
        continue;
      }
      sb.append(String.format(Locale.ROOT, "| %.0f %% | %.2f | %d |", 100 * target, 100 * t.sparsity(c), c));
      for (String p : ps) {
        sb.append(' ').append(Report.pm(t.values(p, c, PruneRow::testAccuracy), 100, 2)).append(" |");
      }
      sb.append('\n');
    }
    sb.append('\n');
  }

  private static void maxLrTable(StringBuilder sb, PruneTable t) {
    List<String> ps = t.policies();
    sb.append("## max_lr chosen per cycle (mean over seeds; alr: the best line's)\n\n| cycle |");
    ps.forEach(p -> sb.append(' ').append(p).append(" |"));
    sb.append("\n|---|");
    ps.forEach(p -> sb.append("---|"));
    sb.append('\n');
    for (int c : t.cycles()) {
      sb.append("| ").append(c).append(" |");
      for (String p : ps) {
        double m = t.mean(p, c, PruneRow::maxLr);
        sb.append(Double.isFinite(m) ? String.format(Locale.ROOT, " %.4g |", m) : " |");
      }
      sb.append('\n');
    }
    sb.append('\n');
  }

  private static void compute(StringBuilder sb, PruneTable t) {
    List<String> ps = t.policies();
    double base = ps.contains("silo") ? t.totalSampleGradients("silo") : Double.NaN;
    sb.append("## Compute per run (mean over seeds)\n\n| policy | candidate-cycles | sample-gradients | × silo | wall s "
        + "| s per candidate-cycle |\n|---|---|---|---|---|---|\n");
    for (String p : ps) {
      double g = t.totalSampleGradients(p);
      double cc = t.totalCandidateCycles(p);
      double w = t.totalWallSeconds(p);
      sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.4g | %s | %.1f | %.2f |%n", p, cc, g,
          Double.isFinite(base) && base > 0 ? String.format(Locale.ROOT, "%.1f", g / base) : "", w, w / cc));
    }
    sb.append('\n');
  }

  private static void goals(StringBuilder sb, PruneTable t) {
    List<String> ps = t.policies();
    sb.append("## Goals, checked against these results\n\nDifferences are of mean test accuracy over seeds, in "
        + "percentage points (pp).\n\n");
    List<Integer> pruned = t.cycles().stream().filter(c -> c > 0).toList();
    // 1. SILO ≥ constant at every sparsity ≥ 80 %
    if (ps.contains("silo") && ps.contains("constant")) {
      // from the cycle of the 80 % row (cycle 7 at p = 0.2: 79.0 %) on, or every cycle at ≥ 80 % without one
      int from = t.nearestCycle(GOAL_SPARSITY, HEADLINE_TOLERANCE);
      List<Integer> high = pruned.stream().filter(c -> from > 0 ? c >= from : t.sparsity(c) >= GOAL_SPARSITY).toList();
      if (high.isEmpty()) {
        sb.append("1. **SILO ≥ constant at every sparsity ≥ 80 %**: not checked — no cycle reaches 80 % sparsity.\n");
      } else {
        List<String> fails = new ArrayList<>();
        for (int c : high) {
          double d = t.accuracyGap("silo", "constant", c);
          if (!(d >= 0)) {
            fails.add(String.format(Locale.ROOT, "cycle %d (%.1f %%): %+.2f pp", c, 100 * t.sparsity(c), 100 * d));
          }
        }
        sb.append(String.format(Locale.ROOT, "1. **SILO ≥ constant at every sparsity ≥ 80 %%** (cycles %d…%d, "
                + "%.1f…%.1f %%): %s%s%n", high.get(0), high.get(high.size() - 1), 100 * t.sparsity(high.get(0)),
            100 * t.sparsity(high.get(high.size() - 1)), fails.isEmpty() ? "**met**" : "**missed** in "
                + fails.size() + " of " + high.size() + " cycle(s): ", String.join("; ", fails)));
      }
    } else {
      sb.append("1. SILO ≥ constant: not checked (needs both policies).\n");
    }
    // 2. SILO within 0.5 pp of the oracle on average over cycles
    if (ps.contains("silo") && ps.contains("oracle") && !pruned.isEmpty()) {
      double mean = meanGap(t, "silo", "oracle", pruned);
      double all = meanGap(t, "silo", "oracle", t.cycles());
      sb.append(String.format(Locale.ROOT, "2. **SILO within 0.5 pp of the oracle on average over cycles**: SILO − "
              + "oracle = %+.2f pp on average over the pruned cycles 1…%d (%+.2f pp with the dense cycle 0): %s%n",
          100 * mean, pruned.get(pruned.size() - 1), 100 * all, mean >= -ORACLE_MARGIN ? "**met**"
              : String.format(Locale.ROOT, "**missed** by %.2f pp", 100 * (-ORACLE_MARGIN - mean))));
    } else {
      sb.append("2. SILO vs the oracle: not checked (needs both policies and a pruned cycle).\n");
    }
    // 3. ALR ≥ SILO
    if (ps.contains("silo") && ps.contains("alr") && !pruned.isEmpty()) {
      double mean = meanGap(t, "alr", "silo", pruned);
      long ahead = pruned.stream().filter(c -> t.accuracyGap("alr", "silo", c) >= 0).count();
      sb.append(String.format(Locale.ROOT, "3. **ALR across cycles ≥ SILO**: ALR − SILO = %+.2f pp on average over the "
              + "pruned cycles; ALR ≥ SILO in %d of %d cycle(s): %s%n", 100 * mean, ahead, pruned.size(),
          mean >= 0 ? "**met** on average" : String.format(Locale.ROOT, "**missed** by %.2f pp on average",
              -100 * mean)));
    } else {
      sb.append("3. ALR vs SILO: not checked (needs both policies and a pruned cycle).\n");
    }
    sb.append("\nPer cycle (pp):\n\n| cycle | sparsity % | silo − constant | silo − oracle | alr − silo |\n"
        + "|---|---|---|---|---|\n");
    for (int c : t.cycles()) {
      sb.append(String.format(Locale.ROOT, "| %d | %.2f | %s | %s | %s |%n", c, 100 * t.sparsity(c),
          gap(t, "silo", "constant", c), gap(t, "silo", "oracle", c), gap(t, "alr", "silo", c)));
    }
    sb.append('\n');
  }

  private static double meanGap(PruneTable t, String a, String b, List<Integer> cycles) {
    return Stats.mean(cycles.stream().map(c -> t.accuracyGap(a, b, c)).toList());
  }

  private static String gap(PruneTable t, String a, String b, int c) {
    double d = t.accuracyGap(a, b, c);
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%+.2f", 100 * d) : "";
  }
}
