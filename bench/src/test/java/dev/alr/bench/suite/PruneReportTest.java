package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The prune report's tables and goal checks, computed from made-up rows with known answers. */
class PruneReportTest {
  private static final PruneSuite SUITE = PruneSuite.named("prune");

  /** Rows for every policy, seed and cycle 0…15, test accuracy given per policy and cycle (same for each seed but ±d). */
  private static List<PruneRow> rows(Map<String, IntToDoubleFunction> accuracy, double seedSpread) {
    List<PruneRow> out = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      for (String p : PruneSuite.POLICIES) {
        for (int c = 0; c <= 15; c++) {
          double s = SUITE.sparsity(c);
          double acc = accuracy.get(p).applyAsDouble(c) + (seed - 2) * seedSpread;
          long per = p.equals("oracle") ? 5 : p.equals("alr") ? (c == 0 ? 3 : 6) : 1;
          out.add(new PruneRow(p, seed, c, s, 1 - s, Math.round((1 - s) * 266_200), 0.08, (int) per, 0.3, 0.4, acc,
              acc, 20_000L * per * (c + 1), per * (c + 1), 4.0 * per * (c + 1)));
        }
      }
    }
    return out;
  }

  @Test
  void goalsAreComputedFromTheDataWithTheCyclesAndMarginsTheyMiss() {
    // silo loses 0.3 pp to constant at cycles 8 and 12 only; silo is 0.2 pp under the oracle everywhere;
    // alr is 0.1 pp above silo at even cycles and 0.3 pp below at odd ones
    String md = PruneReport.markdown(SUITE, rows(Map.of(
        "silo", c -> 0.85,
        "constant", c -> c == 8 || c == 12 ? 0.853 : 0.84,
        "oracle", c -> 0.852,
        "alr", c -> c % 2 == 0 ? 0.851 : 0.847), 0.001), List.of(), List.of());
    assertTrue(md.contains("**missed** in 2 of 9 cycle(s): cycle 8 (83.2 %): -0.30 pp; cycle 12 (93.1 %): -0.30 pp"),
        md);
    assertTrue(md.contains("SILO − oracle = -0.20 pp on average over the pruned cycles 1…15"), md);
    assertTrue(md.contains("-0.20 pp with the dense cycle 0): **met**"), md);
    // 7 even cycles among 1…15 at +0.1, 8 odd at −0.3: mean (0.7 − 2.4) / 15 = −0.113 pp
    assertTrue(md.contains("ALR − SILO = -0.11 pp on average over the pruned cycles; ALR ≥ SILO in 7 of 15 cycle(s): "
        + "**missed** by 0.11 pp on average"), md);
  }

  @Test
  void headlineRowsAreCyclesSevenTenAndThirteenWithTheirExactSparsity() {
    String md = PruneReport.markdown(SUITE, rows(Map.of(
        "silo", c -> 0.8 - 0.01 * c, "constant", c -> 0.8, "oracle", c -> 0.8, "alr", c -> 0.8), 0.01), List.of(),
        List.of());
    assertTrue(md.contains("| 80 % | 79.03 | 7 | 73.00 ± 1.00 | 80.00 ± 1.00 |"), md);
    assertTrue(md.contains("| 90 % | 89.26 | 10 | 70.00 ± 1.00 |"), md);
    assertTrue(md.contains("| 95 % | 94.50 | 13 | 67.00 ± 1.00 |"), md);
    assertTrue(md.contains("**met**") || md.contains("**missed**"));
  }

  @Test
  void computeIsTheRunTotalsOverSeedsWithTheRatioToSilo() {
    List<PruneRow> rows = rows(Map.of("silo", c -> 0.8, "constant", c -> 0.8, "oracle", c -> 0.8, "alr", c -> 0.8), 0);
    PruneTable t = new PruneTable(rows);
    assertEquals(16 * 20_000, t.totalSampleGradients("silo"), 1e-9);
    assertEquals(80 * 20_000, t.totalSampleGradients("oracle"), 1e-9);
    assertEquals(7, t.nearestCycle(0.80, 0.02));
    assertEquals(-1, t.nearestCycle(0.999, 0.02));
    String md = PruneReport.markdown(SUITE, rows, List.of(), List.of());
    assertTrue(md.contains("| oracle | 80 | 1.600e+06 | 5.0 |"), md);
  }
}
