package dev.alr.bench.suite;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per strategy, the same in every plot: a fixed, distinct colour for each name in
 * {@link Suite#ALL} and each prune policy of {@link PruneSuite#POLICIES}; a series of the equal-compute budget ({@code "cosine (equal compute)"}) keeps
 * its strategy's hue, darker, and is drawn dashed, so it never takes another strategy's colour. A
 * name outside the suite gets a colour from a spare list chosen by its hash (stable across runs).
 * Stateless and thread-safe.
 */
public final class Palette {
  /** The suffix {@link Plots} gives a series of the equal-compute budget. */
  public static final String EQUAL_COMPUTE = " (equal compute)";
  private static final Map<String, Color> BY_STRATEGY = new LinkedHashMap<>();
  private static final List<Color> SPARE = List.of(new Color(102, 102, 0), new Color(0, 128, 128),
      new Color(153, 51, 0), new Color(102, 0, 153));
  private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
      new float[] {6f, 4f}, 0f);

  static {
    BY_STRATEGY.put("alr", new Color(214, 39, 40));
    BY_STRATEGY.put("nprobe", new Color(255, 127, 14));
    BY_STRATEGY.put("constant", new Color(127, 127, 127));
    BY_STRATEGY.put("step", new Color(140, 86, 75));
    BY_STRATEGY.put("linear", new Color(188, 189, 34));
    BY_STRATEGY.put("cosine", new Color(44, 160, 44));
    BY_STRATEGY.put("sgdr", new Color(23, 190, 207));
    BY_STRATEGY.put("clr", new Color(227, 119, 194));
    BY_STRATEGY.put("1cycle", new Color(148, 103, 189));
    BY_STRATEGY.put("rex", new Color(31, 119, 180));
    BY_STRATEGY.put("oracle-constant", new Color(0, 0, 0));
    BY_STRATEGY.put("oracle-cosine", new Color(0, 90, 50));
    BY_STRATEGY.put("schedule-free", new Color(0, 0, 128));
    BY_STRATEGY.put("dog", new Color(200, 150, 0));
    BY_STRATEGY.put("adam", new Color(128, 0, 64));
    BY_STRATEGY.put("silo", new Color(0, 114, 178));
    BY_STRATEGY.put("oracle", new Color(0, 0, 0));
  }

  private Palette() {
  }

  /** The colour of a series named by its strategy, with or without {@link #EQUAL_COMPUTE}. */
  public static Color color(String series) {
    boolean equalCompute = series.endsWith(EQUAL_COMPUTE);
    String strategy = strategy(series);
    Color base = BY_STRATEGY.get(strategy);
    if (base == null) {
      base = SPARE.get(Math.floorMod(strategy.hashCode(), SPARE.size()));
    }
    return equalCompute ? shade(base) : base;
  }

  /** Whether the series is drawn dashed (the equal-compute budget). */
  public static boolean dashed(String series) {
    return series.endsWith(EQUAL_COMPUTE);
  }

  /** The dashed stroke of an equal-compute series. */
  static BasicStroke dashedStroke() {
    return DASHED;
  }

  /** The strategy a series name stands for. */
  static String strategy(String series) {
    return series.endsWith(EQUAL_COMPUTE) ? series.substring(0, series.length() - EQUAL_COMPUTE.length()) : series;
  }

  /** A darker shade, or a lighter one for black. */
  private static Color shade(Color c) {
    if (c.getRed() + c.getGreen() + c.getBlue() < 60) {
      return new Color(90, 90, 90);
    }
    return new Color(c.getRed() * 3 / 5, c.getGreen() * 3 / 5, c.getBlue() * 3 / 5);
  }
}
