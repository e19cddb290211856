package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The prune plots: one series per policy in its colour, log axes, error bars with several seeds. */
class PrunePlotsTest {
  @TempDir
  Path tmp;

  private static List<PruneRow> rows(int seeds) {
    PruneSuite suite = PruneSuite.named("prune");
    List<PruneRow> out = new ArrayList<>();
    for (long seed = 1; seed <= seeds; seed++) {
      for (String p : PruneSuite.POLICIES) {
        for (int c = 0; c <= 15; c++) {
          double s = suite.sparsity(c);
          out.add(new PruneRow(p, seed, c, s, 1 - s, Math.round((1 - s) * 266_200), 0.08 * (1 + c / 15.0), 1, 0.3,
              0.4, 0.85, 0.85 - 0.001 * seed, 20_000L * (c + 1), c + 1, 4.0 * (c + 1)));
        }
      }
    }
    return out;
  }

  @Test
  void drawsThreePlotsWithOneSeriesPerPolicyInItsColour() throws Exception {
    List<String> files = PrunePlots.draw(tmp, PruneSuite.named("prune"), rows(3));
    assertEquals(List.of(PrunePlots.ACCURACY, PrunePlots.MAX_LR, PrunePlots.COMPUTE), files);
    for (String f : files) {
      assertTrue(Files.size(tmp.resolve(f)) > 1000, f);
    }
    XYChart acc = PrunePlots.accuracy(PruneSuite.named("prune"), new PruneTable(rows(3)));
    assertEquals(PruneSuite.POLICIES, new ArrayList<>(acc.getSeriesMap().keySet()));
    assertTrue(acc.getStyler().isXAxisLogarithmic());
    XYSeries silo = acc.getSeriesMap().get("silo");
    assertEquals(Palette.color("silo"), silo.getLineColor());
    assertEquals(16, silo.getXData().length);
    assertEquals(3.52, silo.getXData()[15], 0.01, "cycle 15 keeps 0.8^15 = 3.5 % of the weights");
    assertTrue(silo.getExtraValues() != null, "error bars over three seeds");
    assertTrue(PrunePlots.accuracy(PruneSuite.named("prune"), new PruneTable(rows(1))).getSeriesMap().get("silo")
        .getExtraValues() == null, "no error bars for one seed");
  }

  @Test
  void theMaxLrAxisEndsAtLabelledTicks() {
    assertEquals(0.05, PrunePlots.nice(0.06, false), 1e-12);
    assertEquals(0.2, PrunePlots.nice(0.16, true), 1e-12);
    assertEquals(0.1, PrunePlots.nice(0.1, true), 1e-12);
    assertEquals(0.3, PrunePlots.nice(0.32, false), 1e-12);
    assertEquals(0.5, PrunePlots.nice(0.32, true), 1e-12);
    assertEquals(0.02, PrunePlots.nice(0.02, false), 1e-12);
    assertEquals(1.0, PrunePlots.nice(0.6, true), 1e-12);
  }

  @Test
  void theSilosAndTheOraclesColoursDifferFromEachOtherAndFromConstantAndAlr() {
    assertEquals(4, PruneSuite.POLICIES.stream().map(Palette::color).distinct().count());
  }
}
