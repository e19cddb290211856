package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The learning-rate range test (Smith 2015, "Cyclical Learning Rates for Training Neural
 * Networks"; fastai's {@code lr_find}) that chooses a start LR for any strategy: on a copy of the
 * initial model the LR rises exponentially from {@code start} to {@code end} over {@code steps}
 * mini-batch steps, the loss of each step is smoothed with an exponential moving average
 * (bias-corrected, factor {@link #SMOOTHING}), the test stops early when the smoothed loss exceeds
 * {@code divergence} × its minimum so far (or is not finite), and {@link Pick} chooses the LR from
 * the recorded curve.
 *
 * <p>Call order: {@link #lr(int)} for each step i = 0, 1, …; after each step {@link #smooth} the
 * raw losses so far and {@link #diverged} tells whether to stop; finally {@link #choose} the LR.
 * Immutable and thread-safe: every method is a pure function of its arguments.
 *
 * @param start      the first step's LR (finite, &gt; 0)
 * @param end        the last step's LR (finite, &gt; start)
 * @param steps      the number of steps when the test does not stop early (&ge; 10)
 * @param divergence the stop threshold as a multiple of the minimum smoothed loss (&gt; 1)
 * @param pick       how the start LR is chosen from the curve
 */
public record LrRangeTest(double start, double end, int steps, double divergence, Pick pick) {
  /** Default first LR. */
  public static final double DEFAULT_START = 1e-7;
  /** Default last LR. */
  public static final double DEFAULT_END = 10;
  /** Default number of steps. */
  public static final int DEFAULT_STEPS = 100;
  /** Default stop threshold: 4× the minimum smoothed loss, as fastai. */
  public static final double DEFAULT_DIVERGENCE = 4;
  /** The exponential moving average's factor for the loss curve, as fastai. */
  public static final double SMOOTHING = 0.98;

  /**
   * How the start LR is read off the smoothed curve. Every rule skips the first tenth of the
   * steps (the moving average is still warming up) and the last steps up to where the loss turned.
   */
  public enum Pick {
    /**
     * fastai's default since 2.4: the longest stretch over which the smoothed loss keeps falling
     * (longest decreasing subsequence), and the LR about half-way along it (fastai: start +
     * ⌊length/3⌋ + ⌊length/6⌋) — a point well inside the valley, before its bottom.
     */
    VALLEY,
    /** The LR where the smoothed loss falls fastest per decade of LR (most negative slope). */
    STEEPEST,
    /** One tenth of the LR at the smoothed loss's minimum (Smith's and fastai's older rule). */
    MINIMUM;

    /** The rule named {@code name} (case-insensitive), or an exception listing the rules. */
    public static Pick parse(String name) {
      for (Pick p : values()) {
        if (p.name().equalsIgnoreCase(name.trim())) {
          return p;
        }
      }
      throw new IllegalArgumentException("lrPick: must be valley, steepest or minimum, got '" + name + "'");
    }
  }

  /** Validates; messages name the field. */
  public LrRangeTest {
    if (!(start > 0) || Double.isInfinite(start)) {
      throw new IllegalArgumentException("lr range start must be finite and > 0, got " + start);
    }
    if (!(end > start) || Double.isInfinite(end)) {
      throw new IllegalArgumentException("lr range end must be finite and > the start " + start + ", got " + end);
    }
    if (steps < 10) {
      throw new IllegalArgumentException("lr range steps must be >= 10, got " + steps);
    }
    if (!(divergence > 1) || Double.isInfinite(divergence)) {
      throw new IllegalArgumentException("lr range divergence must be finite and > 1, got " + divergence);
    }
    if (pick == null) {
      throw new IllegalArgumentException("lr range pick must be given");
    }
  }

  /** 1e-7 to 10 over 100 steps, stop at 4× the minimum, valley rule. */
  public static LrRangeTest defaults() {
    return new LrRangeTest(DEFAULT_START, DEFAULT_END, DEFAULT_STEPS, DEFAULT_DIVERGENCE, Pick.VALLEY);
  }

  /** The same test over {@code [newStart, newEnd]}. */
  public LrRangeTest withRange(double newStart, double newEnd) {
    return new LrRangeTest(newStart, newEnd, steps, divergence, pick);
  }

  /** The same test with {@code newSteps} steps. */
  public LrRangeTest withSteps(int newSteps) {
    return new LrRangeTest(start, end, newSteps, divergence, pick);
  }

  /** The same test choosing by {@code newPick}. */
  public LrRangeTest withPick(Pick newPick) {
    return new LrRangeTest(start, end, steps, divergence, newPick);
  }

  /** Step {@code i}'s LR: {@code start · (end/start)^(i/(steps−1))}; step 0 is start, step steps−1 is end. */
  public double lr(int i) {
    if (i < 0 || i >= steps) {
      throw new IllegalArgumentException("step must be in [0, " + steps + "), got " + i);
    }
    return i == steps - 1 ? end : start * Math.pow(end / start, (double) i / (steps - 1));
  }

  /** The bias-corrected exponential moving average of {@code losses} (a non-finite loss stays non-finite). */
  public static List<Double> smooth(List<Double> losses) {
    List<Double> out = new ArrayList<>(losses.size());
    double avg = 0;
    double weight = 1;
    for (double loss : losses) {
      avg = SMOOTHING * avg + (1 - SMOOTHING) * loss;
      weight *= SMOOTHING;
      out.add(avg / (1 - weight));
    }
    return List.copyOf(out);
  }

  /** Whether the test stops after the last of {@code smoothed}: not finite, or above divergence × the minimum. */
  public boolean diverged(List<Double> smoothed) {
    double last = smoothed.get(smoothed.size() - 1);
    if (!Double.isFinite(last)) {
      return true;
    }
    double min = Double.POSITIVE_INFINITY;
    for (double s : smoothed) {
      min = Math.min(min, s);
    }
    return smoothed.size() > 1 && last > divergence * min;
  }

  /**
   * The start LR chosen by {@link #pick} from the steps' {@code lrs} and {@code smoothed} losses
   * (the same length, at least 2). The first tenth of the steps is skipped (at least one step is
   * kept) and, when the test diverged, so is every step after the last finite loss below the
   * divergence threshold.
   */
  public double choose(List<Double> lrs, List<Double> smoothed) {
    if (lrs.size() != smoothed.size() || lrs.size() < 2) {
      throw new IllegalArgumentException("need as many LRs as losses, at least 2: " + lrs.size() + ", "
          + smoothed.size());
    }
    int to = lrs.size();
    while (to > 1 && (!Double.isFinite(smoothed.get(to - 1)) || diverged(smoothed.subList(0, to)))) {
      to--;
    }
    int from = Math.min(steps / 10, to - 1);
    List<Double> x = lrs.subList(from, to);
    List<Double> y = smoothed.subList(from, to);
    return switch (pick) {
      case VALLEY -> x.get(valley(y));
      case STEEPEST -> x.get(steepest(x, y));
      case MINIMUM -> x.get(argmin(y)) / 10;
    };
  }

  /** fastai's valley index: the longest decreasing run (as a subsequence), then 1/2 of the way in. */
  static int valley(List<Double> y) {
    int n = y.size();
    int[] lds = new int[n];
    int maxEnd = 0;
    int maxStart = 0;
    for (int i = 0; i < n; i++) {
      lds[i] = 1;
      for (int j = 0; j < i; j++) {
        if (y.get(i) < y.get(j) && lds[i] < lds[j] + 1) {
          lds[i] = lds[j] + 1;
        }
      }
      if (lds[maxEnd] < lds[i]) {
        maxEnd = i;
        maxStart = maxEnd - lds[maxEnd];
      }
    }
    double sections = (maxEnd - maxStart) / 3.0;
    return Math.max(0, Math.min(n - 1, maxStart + (int) sections + (int) (sections / 2)));
  }

  /** The index of the most negative slope of y over log10(x) (central differences inside, one-sided at the ends). */
  static int steepest(List<Double> x, List<Double> y) {
    int n = y.size();
    if (n < 2) {
      return 0;
    }
    int best = 0;
    double bestSlope = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      int a = Math.max(0, i - 1);
      int b = Math.min(n - 1, i + 1);
      double slope = (y.get(b) - y.get(a)) / (Math.log10(x.get(b)) - Math.log10(x.get(a)));
      if (slope < bestSlope) {
        bestSlope = slope;
        best = i;
      }
    }
    return best;
  }

  private static int argmin(List<Double> y) {
    int best = 0;
    for (int i = 1; i < y.size(); i++) {
      if (y.get(i) < y.get(best)) {
        best = i;
      }
    }
    return best;
  }
}
