package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Successive halving inside a round ({@code --halving η --rungs R}): every candidate of a round
 * trains the round's first rung of batches, is ranked on its loss so far, and only the best
 * {@code max(M, ⌈n/η⌉)} continue (M, the beam count, so the beams can still be chosen); so on for
 * each rung; the finishers complete the round and the policy chooses the beams on their full-round
 * loss as without halving. A continued candidate resumes from its rung state (weights and
 * optimizer state); nothing is trained twice.
 *
 * <p>Rungs split a round geometrically, as Hyperband does: rung r (1 … R) ends at the fraction
 * η^(r−R) of the round's batches (η = 3, R = 2: after 1/3, then the rest). With exactly 1/η of the
 * candidates continuing, every rung then costs the same (n/η^(r−1) candidates × η^(r−1) budget),
 * and the early rungs are short, which is where halving saves: M = 2 beams × N = 3 factors, η = 3,
 * R = 2 trains 6 × 1/3 + 2 × 2/3 = 3.33 candidate-rounds instead of 6 (56 %); equal rungs would
 * give 6 × 1/2 + 2 × 1/2 = 4 (67 %).
 *
 * <p>Immutable and thread-safe.
 *
 * @param rate  η, the inverse of the fraction that continues at each rung (&gt; 1)
 * @param rungs R, rungs per round (&ge; 1; 1 is no halving)
 */
public record Halving(double rate, int rungs) {
  /** No halving: every candidate trains the whole round. */
  public static final Halving NONE = new Halving(2, 1);

  /** Validates; messages name the field. */
  public Halving {
    if (!(rate > 1) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("halving: the rate must be a finite number > 1, got " + rate);
    }
    if (rungs < 1) {
      throw new IllegalArgumentException("rungs: must be >= 1, got " + rungs);
    }
  }

  /** Whether candidates can be stopped before the round's end. */
  public boolean active() {
    return rungs > 1;
  }

  /**
   * The batch after each rung's last one, for a round on the batches {@code [from, to)}: strictly
   * increasing, the last one {@code to}. A round with fewer batches than rungs gets fewer rungs
   * (each rung trains at least one batch).
   */
  public List<Integer> ends(int from, int to) {
    if (to <= from) {
      throw new IllegalArgumentException("round must have batches, got [" + from + ", " + to + ")");
    }
    int steps = to - from;
    List<Integer> out = new ArrayList<>(rungs);
    int prev = from;
    for (int r = 1; r < rungs; r++) {
      int end = Math.max(prev + 1, from + (int) Math.round(steps * Math.pow(rate, r - rungs)));
      if (end >= to) {
        break;
      }
      out.add(end);
      prev = end;
    }
    out.add(to);
    return List.copyOf(out);
  }

  /** How many of {@code n} candidates continue past a rung with {@code beams} beams to choose: max(M, ⌈n/η⌉), at most n. */
  public int keep(int n, int beams) {
    return Math.min(n, Math.max(beams, (int) Math.ceil(n / rate - 1e-9)));
  }
}
