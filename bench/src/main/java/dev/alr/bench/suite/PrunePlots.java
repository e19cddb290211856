package dev.alr.bench.suite;

import dev.alr.engine.run.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The prune suite's PNG plots, drawn with XChart: test accuracy against the remaining weights
 * (log scale; pruning proceeds to the left), the {@code max_lr} each policy chose per cycle, and
 * the compute (sample-gradients) each policy spent. A policy has one colour in every plot
 * ({@link Palette}); where several seeds ran, points are means with error bars of ± one sample
 * standard deviation. Stateless and thread-safe.
 */
public final class PrunePlots {
  /** Test accuracy against remaining weights. */
  public static final String ACCURACY = "prune-acc-vs-remaining.png";
  /** {@code max_lr} per cycle. */
  public static final String MAX_LR = "prune-maxlr-per-cycle.png";
  /** Sample-gradients per policy. */
  public static final String COMPUTE = "prune-compute.png";

  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private PrunePlots() {
  }

  /**
   * Draws every plot of {@code rows} into {@code dir}.
   *
   * @return the file names written, in report order
   */
  public static List<String> draw(Path dir, PruneSuite suite, List<PruneRow> rows) {
    System.setProperty("java.awt.headless", "true");
    List<String> files = new ArrayList<>();
    PruneTable t = new PruneTable(rows);
    save(dir, ACCURACY, accuracy(suite, t), files);
    save(dir, MAX_LR, maxLr(suite, t), files);
    save(dir, COMPUTE, compute(suite, t), files);
    return files;
  }

  private static void save(Path dir, String name, Chart<?, ?> chart, List<String> files) {
    if (chart == null || chart.getSeriesMap().isEmpty()) {
      return;
    }
    try {
      OutputFiles.write(dir.resolve(name), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
      files.add(name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + OutputFiles.cause(e), e);
    }
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setMarkerSize(6);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setErrorBarsColorSeriesColor(true);
    return c;
  }

  private static String subtitle(PruneSuite s, PruneTable t) {
    return String.format(Locale.ROOT, "%s%s, %s, p %s, E %d, %d seed(s)", s.model(),
        s.hidden().isEmpty() ? "" : " " + String.join("-", s.hidden().stream().map(String::valueOf).toList()),
        s.dataset(), PruneSuite.num(s.fraction()), s.cycleEpochs(), t.seeds().size());
  }

  /** Mean test accuracy per cycle against the mean remaining fraction (log x, in %). */
  static XYChart accuracy(PruneSuite suite, PruneTable t) {
    XYChart c = chart("test accuracy vs remaining weights — " + subtitle(suite, t),
        "remaining weights % (log scale; pruning proceeds to the left)",
        "test accuracy %" + (t.seeds().size() > 1 ? " (mean ± 1 std over seeds)" : ""));
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setXAxisLogarithmicDecadeOnly(false);
    c.getStyler().setXAxisDecimalPattern("0.#");
    boolean seeds = t.seeds().size() > 1;
    for (String p : t.policies()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> errs = new ArrayList<>();
      for (int cycle : t.cycles(p)) {
        double y = 100 * t.mean(p, cycle, PruneRow::testAccuracy);
        if (Double.isFinite(y)) {
          xs.add(100 * t.mean(p, cycle, PruneRow::remainingFraction));
          ys.add(y);
          errs.add(100 * t.std(p, cycle, PruneRow::testAccuracy));
        }
      }
      add(c, p, xs, ys, seeds ? errs : null);
    }
    return c;
  }

  /** The chosen {@code max_lr} per cycle (mean over seeds; ALR: its best line's), log y. */
  static XYChart maxLr(PruneSuite suite, PruneTable t) {
    XYChart c = chart("max_lr per cycle — " + subtitle(suite, t),
        "prune cycle (0 = dense)", "max_lr (mean over seeds; alr: its best line's)");
    Plots.logTicks(c);
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (String p : t.policies()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int cycle : t.cycles(p)) {
        double y = t.mean(p, cycle, PruneRow::maxLr);
        if (y > 0) {
          xs.add((double) cycle);
          ys.add(y);
          lo = Math.min(lo, y);
          hi = Math.max(hi, y);
        }
      }
      add(c, p, xs, ys, null);
    }
    if (hi > 0) {
      // bounds at labelled ticks (1, 2, 3, 5 × 10^k), so both ends of the axis carry a label
      c.getStyler().setYAxisMin(nice(lo, false));
      c.getStyler().setYAxisMax(nice(hi, true));
    }
    return c;
  }

  /** The nearest of 1, 2, 3, 5 × 10^k at or above ({@code up}) or at or below {@code x} (&gt; 0). */
  static double nice(double x, boolean up) {
    double decade = Math.pow(10, Math.floor(Math.log10(x)));
    double[] steps = {1, 2, 3, 5, 10};
    double best = up ? 10 * decade : decade;
    for (double m : steps) {
      double v = m * decade;
      if (up && v >= x * (1 - 1e-9)) {
        return v;
      }
      if (!up && v <= x * (1 + 1e-9)) {
        best = v;
      }
    }
    return best;
  }

  /** Total sample-gradients per policy (mean over seeds), one bar each. */
  static CategoryChart compute(PruneSuite suite, PruneTable t) {
    double max = t.policies().stream().mapToDouble(t::totalSampleGradients).filter(Double::isFinite).max().orElse(0);
    double unit = max >= 1e6 ? 1e6 : max >= 1e3 ? 1e3 : 1;
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("compute per run — " + subtitle(suite, t)).xAxisTitle("policy")
        .yAxisTitle("sample-gradients (forward+backward)" + (unit == 1e6 ? ", millions" : unit == 1e3 ? ", thousands"
            : "")).build();
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setLegendVisible(false);
    c.getStyler().setOverlapped(true);
    List<String> names = t.policies();
    for (String p : names) {
      List<Double> ys = new ArrayList<>();
      for (String q : names) {
        ys.add(q.equals(p) ? t.totalSampleGradients(p) / unit : 0.0);
      }
      if (ys.stream().anyMatch(y -> y > 0)) {
        CategorySeries s = c.addSeries(p, names, ys);
        s.setFillColor(Palette.color(p));
      }
    }
    return c;
  }

  private static void add(XYChart c, String name, List<Double> xs, List<Double> ys, List<Double> errs) {
    if (xs.isEmpty()) {
      return;
    }
    XYSeries ser = errs == null ? c.addSeries(name, xs, ys) : c.addSeries(name, xs, ys, errs);
    java.awt.Color col = Palette.color(name);
    ser.setLineColor(col);
    ser.setMarkerColor(col);
  }
}
