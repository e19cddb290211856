package dev.alr.engine.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * An adaptive factor grid for ALR: {@code count} factors spaced geometrically from 1/s to s around
 * 1, where the span s is policy state. After each round, {@link #next} widens the span (s → s²,
 * at most {@code cap}) when the best candidate used the smallest or largest factor, and narrows it
 * (s → √s, at least {@code base}) when it used an inner one. With base 2 and 3 factors the grid
 * starts as 0.5, 1, 2 and can grow to 0.25, 1, 4 and 1/16, 1, 16.
 *
 * <p>An optional <em>opening</em> widens the first round only: its single root beam tries
 * {@code openCount} factors spaced geometrically from 1/{@code openSpan} to {@code openSpan} (e.g. 7
 * factors over 1/1000 … 1000, one per decade), so a start LR several decades from the good region
 * is left in one round instead of one octave per round; the next round starts at the cap when the
 * opening's best was an edge factor, else at the base span.
 *
 * <p>Call order: {@link #opening()} for the first round when {@link #opens()}, else
 * {@link #factors(double)} of {@code state.span()} to plan a round; then {@link #afterOpening} or
 * {@link #next} with the round's best factor to get the next round's span. Immutable and
 * thread-safe; pure functions of their arguments (the grid of a span is bit-identical wherever it
 * is computed).
 *
 * @param base  the span the search starts with and narrows back to (finite, &gt; 1)
 * @param cap   the widest span (finite, &ge; base)
 * @param count the number of factors (odd, &ge; 3, so that 1 is always one of them)
 * @param openSpan  the opening round's span (finite, &gt; 1), or 0 without an opening (then left out
 *                  of the JSON, so that a span's JSON and a checkpoint's fingerprint are as before
 *                  openings existed)
 * @param openCount the opening round's factor count (odd, &ge; 3), or 0 without an opening (idem)
 */
public record FactorSpan(double base, double cap, int count,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) double openSpan,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) int openCount) {
  /** Default starting span: factors 0.5, 1, 2. */
  public static final double DEFAULT_BASE = 2;
  /** Default widest span: factors 1/16, 1, 16. */
  public static final double DEFAULT_CAP = 16;
  /** Default factor count. */
  public static final int DEFAULT_COUNT = 3;
  /** Default opening span: the opening's factors reach 1/1000 and 1000. */
  public static final double DEFAULT_OPEN_SPAN = 1000;
  /** Default opening factor count: one factor per decade from 1/1000 to 1000. */
  public static final int DEFAULT_OPEN_COUNT = 7;

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
    if (openCount != 0 || openSpan != 0) {
      if (!(openSpan > 1) || Double.isInfinite(openSpan)) {
        throw new IllegalArgumentException("factors: the opening span must be finite and > 1, got " + openSpan);
      }
      if (openCount < 3 || openCount % 2 == 0) {
        throw new IllegalArgumentException("factors: the opening factor count must be odd and >= 3 (so that 1 "
            + "is a factor), got " + openCount);
      }
    }
  }

  /** No opening: every round uses the adaptive grid. */
  public FactorSpan(double base, double cap, int count) {
    this(base, cap, count, 0, 0);
  }

  /** Base 2, cap 16, 3 factors. */
  public static FactorSpan defaults() {
    return new FactorSpan(DEFAULT_BASE, DEFAULT_CAP, DEFAULT_COUNT);
  }

  /**
   * Stable; without an opening the same string as before openings existed, so that older
   * checkpoints keep their fingerprint.
   */
  @Override
  public String toString() {
    return "FactorSpan[base=" + base + ", cap=" + cap + ", count=" + count
        + (opens() ? ", openSpan=" + openSpan + ", openCount=" + openCount : "") + "]";
  }

  /** This span with the default opening (7 factors, 1/1000 … 1000). */
  public FactorSpan withOpening() {
    return new FactorSpan(base, cap, count, DEFAULT_OPEN_SPAN, DEFAULT_OPEN_COUNT);
  }

  /** Whether the first round uses the opening grid. */
  public boolean opens() {
    return openCount > 0;
  }

  /** The opening round's factors, ascending (see {@link #factors(double)}); only when {@link #opens()}. */
  public List<Double> opening() {
    if (!opens()) {
      throw new IllegalStateException("no opening");
    }
    return grid(openSpan, openCount);
  }

  /** The span of the round after the opening, whose best candidate used {@code bestFactor}. */
  public double afterOpening(double bestFactor) {
    List<Double> f = opening();
    return bestFactor == f.get(0) || bestFactor == f.get(openCount - 1) ? cap : base;
  }

  /**
   * The factors of span {@code span}, ascending: {@code span^(2i/(count-1) - 1)} for i = 0 … count-1,
   * so the middle one is exactly 1 and, for a power-of-two span, every factor is exact.
   */
  public List<Double> factors(double span) {
    return grid(span, count);
  }

  private static List<Double> grid(double span, int count) {
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
