package dev.alr.engine.policy;

import java.util.Locale;

/**
 * How ALR ends on a decayed LR: the run's last {@code epochs} epochs decay as one curve, every
 * candidate training with its LR following that curve from the level the policy chose, so the run
 * reaches ~0 at its end (see {@link LrRule.Annealed}); with {@code epochs} equal to the run's
 * epochs, ALR chooses the level of a whole-run cosine (or linear) schedule epoch by epoch.
 * {@link #NONE} leaves the candidates' LRs fixed. The LR a beam carries into the next epoch is its
 * level, the LR its candidate's curve was scaled by.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shape  the decay within an epoch
 * @param epochs how many final epochs anneal (&ge; 1; more than the run has means every epoch)
 */
public record Anneal(Shape shape, int epochs) {
  /** No annealing: candidates keep one LR for the whole epoch. */
  public static final Anneal NONE = new Anneal(Shape.NONE, 1);

  /** Validates; messages name the field. */
  public Anneal {
    if (shape == null) {
      throw new IllegalArgumentException("anneal: must be none, linear or cosine");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("anneal.epochs: must be >= 1, got " + epochs);
    }
  }

  /** Decay of the LR over the steps of one epoch. */
  public enum Shape {
    /** Constant LR. */
    NONE,
    /** lr · (1 − t), t = step / steps. */
    LINEAR,
    /** lr · (1 + cos(π t)) / 2, t = step / steps (computed as lr · cos²(π t / 2): positive up to t = 1). */
    COSINE;

    /**
     * The LR of step {@code step} (0-based) of an epoch of {@code steps} steps that starts at
     * {@code lr}: {@code lr} at step 0, decaying towards 0 at the end of the epoch (t = 1) and
     * positive before it.
     */
    public double lr(double lr, int step, int steps) {
      double t = (double) step / steps;
      return switch (this) {
        case NONE -> lr;
        case LINEAR -> lr * (1 - t);
        case COSINE -> {
          double c = Math.cos(0.5 * Math.PI * t);
          yield lr * c * c;
        }
      };
    }

    /** Parses {@code none}, {@code linear} or {@code cosine} (any case). */
    public static Shape parse(String s) {
      return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
        case "none" -> NONE;
        case "linear" -> LINEAR;
        case "cosine" -> COSINE;
        default -> throw new IllegalArgumentException("anneal: must be none, linear or cosine, got '" + s + "'");
      };
    }
  }

  /** Whether this anneals at all. */
  public boolean active() {
    return shape != Shape.NONE;
  }

  /** Whether epoch {@code epoch} (from 1) of a run of {@code totalEpochs} epochs anneals. */
  public boolean covers(int epoch, int totalEpochs) {
    return active() && epoch > totalEpochs - epochs;
  }
}
