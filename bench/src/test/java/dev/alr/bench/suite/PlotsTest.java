package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Termination;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class PlotsTest {
  private static final Suite SUITE = Suite.named("quick");
  private static final double LR0 = SUITE.referenceLr();

  private static CellResult cell(String strategy, long seed, double... accuracies) {
    List<EpochRow> rows = new ArrayList<>();
    for (int e = 0; e < accuracies.length; e++) {
      rows.add(new EpochRow(strategy, "mlp", "synthetic", seed, LR0, Budget.EPOCHS, accuracies.length, e + 1,
          accuracies[e], 0.5, 0.5, LR0, LR0, 1.0, 100L * (e + 1), 0, e + 1));
    }
    List<TreeNode> tree = !strategy.equals("alr") ? List.of() : List.of(
        new TreeNode(1, 0, -1, LR0 * 0.5, 0.9, false, false),
        new TreeNode(1, 1, -1, LR0, 0.8, true, true),
        new TreeNode(1, 2, -1, LR0 * 2, 0.85, true, false),
        new TreeNode(2, 3, 1, LR0 * 0.5, 0.7, true, true),
        new TreeNode(2, 4, 2, LR0 * 4, 0.9, false, false));
    return new CellResult(new Cell(strategy, "mlp", "synthetic", 0, seed, LR0, Budget.EPOCHS, accuracies.length),
        rows, tree, Termination.COMPLETED, List.of());
  }

  @Test
  void treeJoinsEveryCandidateToItsParentOnAReadableLogAxis() {
    Summary s = new Summary(List.of(cell("alr", 1, 0.5, 0.6)));
    XYChart c = Plots.tree(SUITE, s, "mlp/synthetic");
    assertNotNull(c);
    XYSeries edge = c.getSeriesMap().get("edge 4");
    assertNotNull(edge, c.getSeriesMap().keySet().toString());
    assertEquals(List.of(1.0, 2.0), List.of(edge.getXData()[0], edge.getXData()[1]));
    assertEquals(LR0 * 2, edge.getYData()[0], 1e-12, "edge starts at the parent's LR");
    XYSeries root = c.getSeriesMap().get("edge 0");
    assertEquals(0.0, root.getXData()[0], "first-epoch candidates start from the initial model at epoch 0");
    assertEquals(LR0, root.getYData()[0], 1e-12);
    assertEquals(5, c.getSeriesMap().keySet().stream().filter(k -> k.startsWith("edge ")).count());
    assertFalse(edge.isShowInLegend());
    assertTrue(c.getStyler().isYAxisLogarithmic());
    assertFalse(c.getStyler().isYAxisLogarithmicDecadeOnly(), "ticks between decades are labelled too");
  }

  @Test
  void errorBarsOnlyWhereSeveralSeedsRan() {
    Summary s = new Summary(List.of(cell("alr", 1, 0.5, 0.6), cell("alr", 2, 0.7, 0.8), cell("cosine", 1, 0.4, 0.5)));
    XYChart c = Plots.accuracy(SUITE, s, "mlp/synthetic", false);
    XYSeries alr = c.getSeriesMap().get("alr");
    assertNotNull(alr.getExtraValues(), "two seeds: error bars");
    assertEquals(100 * Stats.std(List.of(0.6, 0.8)), alr.getExtraValues()[1], 1e-9);
    assertEquals(70.0, alr.getYData()[1], 1e-9);
    assertNull(c.getSeriesMap().get("cosine").getExtraValues(), "one seed: no error bars");
    assertEquals(Palette.color("alr"), alr.getLineColor());
    assertEquals(Palette.color("cosine"), c.getSeriesMap().get("cosine").getMarkerColor());
  }

  @Test
  void oneSeedPrintsTheMeanAlone() {
    assertEquals("81.0", Report.pm(List.of(0.81), 100, 1));
    assertEquals("70.0 ± 14.1", Report.pm(List.of(0.6, 0.8), 100, 1));
    assertEquals("60.0 (1 diverged)", Report.pm(List.of(0.6, Double.NaN), 100, 1));
    assertEquals("diverged", Report.pm(List.of(Double.NaN), 100, 1));
    assertEquals("", Report.pm(List.of(), 100, 1));
  }
}
