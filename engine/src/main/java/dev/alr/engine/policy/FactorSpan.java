package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * An adaptive factor grid for ALR: {@code count} factors spaced geometrically from 1/s to s around
 * 1, where the span s is policy state. After each round, {@link #next} widens the span (s → s²,
 * at most {@code cap}) when the best candidate used the smallest or largest factor, and narrows it
 * (s → √s, at least {@code base}) when it used an inner one. With base 2 and 3 factors the grid
 * starts as 0.5, 1, 2 and can grow to 0.25, 1, 4 and 1/16, 1, 16.
 *
 * <p>Call order: {@link #factors(double)} of {@code state.span()} to plan a round, then
 * {@link #next} with the round's best factor to get the next round's span. Immutable and
 * thread-safe; pure functions of their arguments (the grid of a span is bit-identical wherever it
 * is computed).
 *
 * @param base  the span the search starts with and narrows back to (finite, &gt; 1)
 * @param cap   the widest span (finite, &ge; base)
 * @param count the number of factors (odd, &ge; 3, so that 1 is always one of them)
 */
public record FactorSpan(double base, double cap, int count) {
  /** Default starting span: factors 0.5, 1, 2. */
  public static final double DEFAULT_BASE = 2;
  /** Default widest span: factors 1/16, 1, 16. */
  public static final double DEFAULT_CAP = 16;
  /** Default factor count. */
  public static final int DEFAULT_COUNT = 3;

  /** Validates; messages name the field. */
  public FactorSpan {
    if (!(base > 1) || Double.isInfinite(base)) {
      throw new IllegalArgumentException("factors: the adaptive base span must be finite and > 1, got " + base);
    }
    if (!(cap >= base) || Double.isInfinite(cap)) {
      throw new IllegalArgumentException("factors: the adaptive cap must be finite and >= the base span "
          + base + ", got " + cap);
    }
    if (count < 3 || count % 2 == 0) {
      throw new IllegalArgumentException("factors: the adaptive factor count must be odd and >= 3 (so that 1 "
          + "is a factor), got " + count);
    }
  }

  /** Base 2, cap 16, 3 factors. */
  public static FactorSpan defaults() {
    return new FactorSpan(DEFAULT_BASE, DEFAULT_CAP, DEFAULT_COUNT);
  }

  /**
   * The factors of span {@code span}, ascending: {@code span^(2i/(count-1) - 1)} for i = 0 … count-1,
   * so the middle one is exactly 1 and, for a power-of-two span, every factor is exact.
   */
  public List<Double> factors(double span) {
    List<Double> out = new ArrayList<>(count);
    int half = (count - 1) / 2;
    for (int i = -half; i <= half; i++) {
      out.add(i == 0 ? 1.0 : Math.pow(span, (double) i / half));
    }
    return List.copyOf(out);
  }

  /** The span after a round planned with {@code span} whose best candidate used {@code bestFactor}. */
  public double next(double span, double bestFactor) {
    List<Double> f = factors(span);
    boolean edge = bestFactor == f.get(0) || bestFactor == f.get(count - 1);
    return edge ? Math.min(cap, span * span) : Math.max(base, Math.sqrt(span));
  }
}
