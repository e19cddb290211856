package dev.alr.bench.suite;

import dev.alr.engine.policy.NProbeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.md}: per workload the comparison at equal epochs and at equal compute (mean ± std
 * over seeds), robustness over the start LR with ALR's gap to the oracle, ranks per setting (as
 * the REX paper ranks them) and links to the plots. Stateless and thread-safe.
 */
public final class Report {
  private Report() {
  }

  /**
   * The report text.
   *
   * @param suite   the suite that ran
   * @param summary its finished cells
   * @param plots   plot file names per workload ({@code model/dataset})
   * @param notes   lines to show under the title (skipped datasets, timing)
   */
  public static String markdown(Suite suite, Summary summary, Map<String, List<String>> plots, List<String> notes) {
    StringBuilder sb = new StringBuilder();
    sb.append("# alr bench — suite `").append(suite.name()).append("`\n\n");
    sb.append(String.format(Locale.ROOT, "%d epoch(s), batch %d, seeds %s; ALR M=%d: `alr` the default search "
            + "(opening round 1/1000 … 1000, adaptive span, ranked on a held-out tenth after a 15 %% decay, halving η 4, "
            + "last epoch annealed), `alr-classic` the paper's (factors 0.5/1/2, training loss); N-probe "
            + "defaults (probes every %d steps on the whole batch, rule %s: a wide calibration of the level over the "
            + "first 16 probes, then 2, 1, 0.5 with a level that only comes down, steps at 2 × level × a REX decay); "
            + "oracle = grid over %s.%n%n",
        suite.epochs(), suite.batch(), suite.seeds(), Cell.BEAMS, NProbeSettings.DEFAULT_EVERY,
        NProbeSettings.DEFAULT_RULE.cliName(), lrs(suite.oracleGrid())));
    sb.append("Learning-rate-free baselines: schedule-free (Schedule-Free SGD, β 0.9, γ = the start LR, evaluated "
        + "at its average x) runs the start-LR sweep; dog (DoG, ε 1e-6, multiplier 1) and adam (Adam at its "
        + "default LR 1e-3, β1 0.9: the untuned choice) ignore the start LR: they run once per seed and appear "
        + "at every start LR, like the oracles.\n\n");
    for (String m : suite.models()) {
      Suite.ModelPlan p = suite.plan(m);
      sb.append(String.format(Locale.ROOT, "- %s: %s training samples; start LRs %s; %s%s%n", m, samples(p.limit()),
          lrs(p.startLrs()), String.join(", ", p.strategies()), p.computeSchedules().isEmpty() ? ""
              : "; at equal compute: " + String.join(", ", p.computeSchedules())));
    }
    for (String n : notes) {
      sb.append("- ").append(n).append('\n');
    }
    sb.append("\nAccuracy is the test accuracy of the best model after the last epoch, in %, mean ± sample std "
        + "over seeds. Sample-gradients count forward+backward sample evaluations (all candidates), probe "
        + "forwards the N-probe's extra forward passes. Replay acc is, for ALR, one fresh model trained along the "
        + "winning lineage's per-epoch LR path with the same seed: the part of ALR's accuracy the schedule alone "
        + "gives.\n");
    for (String w : summary.workloads()) {
      sb.append("\n## ").append(w).append("\n\n");
      equalEpochs(sb, suite, summary, w);
      equalCompute(sb, suite, summary, w);
      robustness(sb, summary, w);
      for (String p : plots.getOrDefault(w, List.of())) {
        sb.append("![").append(p).append("](").append(p).append(")\n\n");
      }
    }
    ranks(sb, summary);
    return sb.toString();
  }

  private static void equalEpochs(StringBuilder sb, Suite suite, Summary s, String w) {
    double ref = suite.referenceLr();
    sb.append("### Equal epochs (start LR ").append(lr(ref)).append(", ").append(suite.epochs())
        .append(" epochs)\n\n");
    sb.append("| strategy | test acc % | replay acc % | test loss | train loss | sample-gradients | probe forwards "
        + "| wall s | rank |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Double> ranks = s.ranks().getOrDefault(w + " lr0=" + lr(ref), Map.of());
    for (String st : s.strategies()) {
      List<CellResult> g = s.group(w, st, ref, Cell.EQUAL_EPOCHS);
      if (g.isEmpty()) {
        continue;
      }
      sb.append("| ").append(st).append(" | ").append(pm(Summary.finals(g, EpochRow::testAccuracy), 100, 2))
          .append(" | ").append(st.startsWith("alr") ? pm(Summary.finals(g, EpochRow::replayAccuracy), 100, 2) : "")
          .append(" | ").append(pm(Summary.finals(g, EpochRow::testLoss), 1, 4))
          .append(" | ").append(pm(Summary.finals(g, EpochRow::trainLoss), 1, 4))
          .append(" | ").append(count(Stats.mean(Summary.finals(g, r -> r.sampleGradients()))))
          .append(" | ").append(count(Stats.mean(Summary.finals(g, r -> r.probeForwards()))))
          .append(" | ").append(String.format(Locale.ROOT, "%.1f", Stats.mean(Summary.finals(g, EpochRow::wallSeconds))))
          .append(" | ").append(ranks.containsKey(st) ? String.format(Locale.ROOT, "%.1f", ranks.get(st)) : "")
          .append(" |\n");
    }
    sb.append('\n');
  }

  private static void equalCompute(StringBuilder sb, Suite suite, Summary s, String w) {
    double ref = suite.referenceLr();
    List<String> rows = new ArrayList<>();
    for (String st : s.strategies()) {
      List<CellResult> g = s.group(w, st, ref, Cell.EQUAL_COMPUTE);
      if (!g.isEmpty()) {
        rows.add(row(st + " (equal compute)", g));
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    sb.append("### Equal compute (fixed schedules trained as many sample-gradients as ALR)\n\n");
    sb.append("| run | epochs | test acc % | sample-gradients | wall s |\n|---|---|---|---|---|\n");
    List<CellResult> alr = s.group(w, "alr", ref, Cell.EQUAL_EPOCHS);
    if (!alr.isEmpty()) {
      sb.append(row("alr", alr));
    }
    rows.forEach(sb::append);
    sb.append('\n');
  }

  private static String row(String name, List<CellResult> g) {
    return "| " + name + " | " + g.get(0).cell().epochs() + " | "
        + pm(Summary.finals(g, EpochRow::testAccuracy), 100, 2) + " | "
        + count(Stats.mean(Summary.finals(g, r -> r.sampleGradients()))) + " | "
        + String.format(Locale.ROOT, "%.1f", Stats.mean(Summary.finals(g, EpochRow::wallSeconds))) + " |\n";
  }

  private static void robustness(StringBuilder sb, Summary s, String w) {
    List<Double> lrs = s.startLrs(w);
    if (lrs.size() < 2) {
      return;
    }
    sb.append("### Robustness over the start LR (test acc %)\n\n| strategy |");
    lrs.forEach(x -> sb.append(" lr0=").append(lr(x)).append(" |"));
    sb.append("\n|---|");
    lrs.forEach(x -> sb.append("---|"));
    sb.append('\n');
    for (String st : s.strategies()) {
      if (st.startsWith("oracle-")) {
        continue;
      }
      sb.append("| ").append(st).append(" |");
      for (double x : lrs) {
        sb.append(' ').append(pm(Summary.finals(s.group(w, st, x, Cell.EQUAL_EPOCHS), EpochRow::testAccuracy), 100, 2))
            .append(" |");
      }
      sb.append('\n');
    }
    double oracle = s.oracleAccuracy(w);
    if (Double.isFinite(oracle)) {
      sb.append("| **oracle** (best grid) |");
      lrs.forEach(x -> sb.append(String.format(Locale.ROOT, " %.2f |", 100 * oracle)));
      sb.append("\n| **ALR − oracle, pp** |");
      for (double x : lrs) {
        double a = s.meanAccuracy(w, "alr", x, Cell.EQUAL_EPOCHS);
        sb.append(Double.isFinite(a) ? String.format(Locale.ROOT, " %+.2f |", 100 * (a - oracle)) : " |");
      }
      sb.append('\n');
    }
    sb.append('\n');
  }

  private static void ranks(StringBuilder sb, Summary s) {
    Map<String, Map<String, Double>> ranks = s.ranks();
    if (ranks.isEmpty()) {
      return;
    }
    sb.append("## Ranks per setting (1 = best mean test accuracy; ties share the mean rank)\n\n| strategy |");
    ranks.keySet().forEach(k -> sb.append(' ').append(k).append(" |"));
    sb.append(" mean rank |\n|---|");
    ranks.keySet().forEach(k -> sb.append("---|"));
    sb.append("---|\n");
    for (String st : s.strategies()) {
      sb.append("| ").append(st).append(" |");
      List<Double> mine = new ArrayList<>();
      for (Map<String, Double> m : ranks.values()) {
        Double r = m.get(st);
        sb.append(r == null ? " |" : String.format(Locale.ROOT, " %.1f |", r));
        if (r != null) {
          mine.add(r);
        }
      }
      sb.append(String.format(Locale.ROOT, " %.2f |%n", Stats.mean(mine)));
    }
    sb.append('\n');
  }

  /**
   * Mean ± std of {@code xs × scale} with {@code digits} decimals over the finite values (the mean
   * alone when only one value is finite: one seed has no spread), with "(k diverged)" when k runs
   * have none; blank when there is nothing.
   */
  static String pm(List<Double> xs, double scale, int digits) {
    double m = Stats.mean(xs);
    if (!Double.isFinite(m)) {
      return xs.isEmpty() ? "" : "diverged";
    }
    long bad = xs.stream().filter(x -> !Double.isFinite(x)).count();
    String f = "%." + digits + "f";
    String value = xs.size() - bad > 1 ? String.format(Locale.ROOT, f + " ± " + f, m * scale, Stats.std(xs) * scale)
        : String.format(Locale.ROOT, f, m * scale);
    return value + (bad > 0 ? " (" + bad + " diverged)" : "");
  }

  /** An LR in short form. */
  static String lr(double x) {
    return x == 0 ? "grid" : String.format(Locale.ROOT, "%.3g", x);
  }

  /** A training-sample limit in words: {@code all} for 0, else the count with thousands separators. */
  public static String samples(int limit) {
    return limit == 0 ? "all" : String.format(Locale.ROOT, "%,d", limit);
  }

  private static String lrs(List<Double> xs) {
    return String.join(", ", xs.stream().map(Report::lr).toList());
  }

  private static String count(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3g", x) : "";
  }
}
