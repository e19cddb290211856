package dev.alr.bench.suite;

import dev.alr.engine.run.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG plots, drawn with XChart, per workload: test accuracy against epoch and against
 * sample-gradients per strategy, the LR trajectory per strategy, ALR's beam tree (epoch × LR, the
 * survivors and the chosen path marked, each candidate joined to its parent) and final accuracy
 * against the start LR. A strategy has one colour in every plot ({@link Palette}); where several
 * seeds ran, points carry error bars of ± one standard deviation over the seeds. Stateless and
 * thread-safe.
 */
public final class Plots {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private Plots() {
  }

  /**
   * Draws every plot of {@code workload} into {@code dir}.
   *
   * @return the file names written, in report order
   */
  public static List<String> draw(Path dir, Suite suite, Summary s, String workload) {
    System.setProperty("java.awt.headless", "true");
    String slug = workload.replace('/', '-');
    List<String> files = new ArrayList<>();
    save(dir, "acc-vs-epoch-" + slug + ".png", accuracy(suite, s, workload, false), files);
    save(dir, "acc-vs-compute-" + slug + ".png", accuracy(suite, s, workload, true), files);
    save(dir, "lr-trajectory-" + slug + ".png", lrTrajectory(suite, s, workload), files);
    save(dir, "alr-tree-" + slug + ".png", tree(suite, s, workload), files);
    save(dir, "acc-vs-lr0-" + slug + ".png", robustness(s, workload), files);
    return files;
  }

  private static void save(Path dir, String name, XYChart chart, List<String> files) {
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
    c.getStyler().setMarkerSize(5);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setErrorBarsColorSeriesColor(true);
    return c;
  }

  /** Mean test accuracy per epoch (x: epoch, or mean cumulative sample-gradients). */
  static XYChart accuracy(Suite suite, Summary s, String w, boolean compute) {
    XYChart c = chart("test accuracy vs " + (compute ? "compute" : "epoch") + " — " + w + ", lr0 "
        + Report.lr(suite.referenceLr()), compute ? "sample-gradients (forward+backward)" : "epoch",
        "test accuracy %");
    List<Budget> budgets = compute ? List.of(Cell.EQUAL_EPOCHS, Cell.EQUAL_COMPUTE) : List.of(Cell.EQUAL_EPOCHS);
    for (Budget budget : budgets) {
      for (String st : s.strategies()) {
        List<CellResult> g = s.group(w, st, suite.referenceLr(), budget);
        if (g.isEmpty()) {
          continue;
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> errs = new ArrayList<>();
        int epochs = g.stream().mapToInt(r -> r.rows().size()).min().orElse(0);
        for (int e = 0; e < epochs; e++) {
          int ep = e;
          double y = 100 * mean(g, ep, EpochRow::testAccuracy);
          if (Double.isFinite(y)) {
            xs.add(compute ? mean(g, ep, r -> r.sampleGradients()) : ep + 1);
            ys.add(y);
            errs.add(100 * spread(g.stream().map(r -> r.rows().get(ep).testAccuracy()).toList()));
          }
        }
        if (!ys.isEmpty()) {
          add(c, Cell.EQUAL_COMPUTE.equals(budget) ? st + Palette.EQUAL_COMPUTE : st, xs, ys, g.size() > 1 ? errs : null);
        }
      }
    }
    return c;
  }

  /**
   * LR of the chosen path over the epochs of the first seed (log scale): the recorded per-step LR
   * where the cell has one (schedules, N-probe), otherwise each epoch's LR as a step (ALR).
   */
  static XYChart lrTrajectory(Suite suite, Summary s, String w) {
    XYChart c = chart("learning rate of the chosen path — " + w + ", lr0 " + Report.lr(suite.referenceLr())
        + ", seed " + suite.seeds().get(0), "epoch", "learning rate");
    logTicks(c);
    for (String st : s.strategies()) {
      List<CellResult> g = s.group(w, st, suite.referenceLr(), Cell.EQUAL_EPOCHS);
      if (g.isEmpty()) {
        continue;
      }
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (LrSample p : g.get(0).lrTrace()) {
        if (p.lr() > 0) {
          xs.add(p.epoch());
          ys.add(p.lr());
        }
      }
      if (xs.isEmpty()) {
        for (EpochRow r : g.get(0).rows()) {
          if (r.lr() > 0 && r.endLr() > 0) {
            xs.add(r.epoch() - 1.0);
            ys.add(r.lr());
            xs.add(r.epoch() - 0.0001);
            ys.add(r.endLr());
          }
        }
      }
      if (!xs.isEmpty()) {
        add(c, st, xs, ys, null).setMarker(SeriesMarkers.NONE);
      }
    }
    return c;
  }

  /** ALR's candidates of the first seed at the reference LR: all, the survivors, the chosen path. */
  static XYChart tree(Suite suite, Summary s, String w) {
    List<CellResult> g = s.group(w, "alr", suite.referenceLr(), Cell.EQUAL_EPOCHS);
    if (g.isEmpty() || g.get(0).tree().isEmpty()) {
      return null;
    }
    XYChart c = chart("ALR beam tree — " + w + ", lr0 " + Report.lr(suite.referenceLr()) + ", seed "
        + g.get(0).cell().seed(), "epoch", "learning rate");
    logTicks(c);
    List<TreeNode> nodes = g.get(0).tree();
    edges(c, nodes, suite.referenceLr());
    scatter(c, "candidates", nodes.stream().filter(n -> !n.kept()).toList(), java.awt.Color.LIGHT_GRAY);
    scatter(c, "survivors (beams)", nodes.stream().filter(n -> n.kept() && !n.chosen()).toList(),
        new java.awt.Color(30, 100, 200));
    List<TreeNode> path = nodes.stream().filter(TreeNode::chosen).toList();
    if (!path.isEmpty()) {
      XYSeries ser = c.addSeries("chosen path", path.stream().map(n -> (double) n.epoch()).toList(),
          path.stream().map(TreeNode::lr).toList());
      ser.setLineColor(new java.awt.Color(200, 30, 30));
      ser.setMarkerColor(new java.awt.Color(200, 30, 30));
      ser.setMarker(SeriesMarkers.DIAMOND);
    }
    return c;
  }

  /**
   * A log LR axis labelled between decades too (2, 3, 5 × 10^k ticks besides the decades), so an
   * axis spanning less than a decade still reads.
   */
  static void logTicks(XYChart c) {
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmicDecadeOnly(false);
    c.getStyler().setYAxisDecimalPattern("0.####");
  }

  /**
   * One thin grey line from each candidate back to its parent (epoch − 1, the parent's LR); the
   * first epoch's candidates start from the initial model, drawn at epoch 0 and the start LR.
   */
  static void edges(XYChart c, List<TreeNode> nodes, double lr0) {
    java.util.Map<Integer, TreeNode> byId = new java.util.HashMap<>();
    nodes.forEach(n -> byId.put(n.id(), n));
    for (TreeNode n : nodes) {
      TreeNode p = byId.get(n.parent());
      double px = p == null ? n.epoch() - 1.0 : p.epoch();
      double py = p == null ? lr0 : p.lr();
      if ((p == null && n.parent() >= 0) || !(py > 0) || !(n.lr() > 0)) {
        continue;
      }
      XYSeries e = c.addSeries("edge " + n.id(), List.of(px, (double) n.epoch()), List.of(py, n.lr()));
      e.setShowInLegend(false);
      e.setMarker(SeriesMarkers.NONE);
      e.setLineColor(n.chosen() ? new java.awt.Color(200, 30, 30) : new java.awt.Color(190, 190, 190));
      e.setLineStyle(new java.awt.BasicStroke(n.kept() ? 1.5f : 0.8f));
    }
  }

  /** Adds a series in its strategy's fixed colour, with error bars when {@code errs} is given. */
  private static XYSeries add(XYChart c, String name, List<Double> xs, List<Double> ys, List<Double> errs) {
    XYSeries ser = errs == null ? c.addSeries(name, xs, ys) : c.addSeries(name, xs, ys, errs);
    java.awt.Color col = Palette.color(name);
    ser.setLineColor(col);
    ser.setMarkerColor(col);
    if (Palette.dashed(name)) {
      ser.setLineStyle(Palette.dashedStroke());
    }
    return ser;
  }

  /** Sample standard deviation over seeds of the finite values (0 for one). */
  private static double spread(List<Double> xs) {
    double sd = Stats.std(xs);
    return Double.isFinite(sd) ? sd : 0;
  }

  private static void scatter(XYChart c, String name, List<TreeNode> nodes, java.awt.Color color) {
    if (nodes.isEmpty()) {
      return;
    }
    XYSeries ser = c.addSeries(name, nodes.stream().map(n -> (double) n.epoch()).toList(),
        nodes.stream().map(TreeNode::lr).toList());
    ser.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    ser.setMarkerColor(color);
    ser.setMarker(SeriesMarkers.CIRCLE);
  }

  /** Mean final accuracy against the start LR (log x); the oracles, dog and adam as flat lines. */
  static XYChart robustness(Summary s, String w) {
    List<Double> lrs = s.startLrs(w);
    if (lrs.size() < 2) {
      return null;
    }
    XYChart c = chart("final test accuracy vs start LR — " + w, "start LR", "test accuracy %");
    c.getStyler().setXAxisLogarithmic(true);
    for (String st : s.strategies()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> errs = new ArrayList<>();
      boolean seeds = false;
      for (double lr0 : lrs) {
        double a = s.meanAccuracy(w, st, lr0, Cell.EQUAL_EPOCHS);
        if (Double.isFinite(a)) {
          List<Double> finals = Summary.finals(s.group(w, st, lr0, Cell.EQUAL_EPOCHS), EpochRow::testAccuracy);
          seeds |= finals.size() > 1;
          xs.add(lr0);
          ys.add(100 * a);
          errs.add(100 * spread(finals));
        }
      }
      if (!xs.isEmpty()) {
        XYSeries ser = add(c, st, xs, ys, seeds ? errs : null);
        if (Cell.ignoresStartLr(st)) {
          ser.setMarker(SeriesMarkers.NONE);
        }
      }
    }
    return c;
  }

  private static double mean(List<CellResult> g, int epoch, ToDoubleFunction<EpochRow> f) {
    List<Double> xs = new ArrayList<>();
    for (CellResult r : g) {
      xs.add(f.applyAsDouble(r.rows().get(epoch)));
    }
    return Stats.mean(xs);
  }
}
