package dev.alr.engine.policy;

import dev.alr.engine.schedule.Schedule;
import java.util.Objects;

/**
 * How a candidate's learning rate moves over the steps of its epoch. Plain data: travels with
 * the candidate to any worker.
 */
public sealed interface LrRule {

  /** The LR the candidate starts its epoch with. */
  double startLr(long globalStep);

  /** One LR for the whole epoch (ALR's candidates). */
  record Fixed(double lr) implements LrRule {
    @Override
    public double startLr(long globalStep) {
      return lr;
    }
  }

  /** LR (and possibly momentum) per global step from a fixed schedule. */
  record Scheduled(Schedule schedule) implements LrRule {
    @Override
    public double startLr(long globalStep) {
      return schedule.lr(globalStep);
    }
  }

  /**
   * ALR's candidate in an annealing epoch. The run's annealed epochs decay as one curve from the
   * level the policy chose towards 0 at the end of the last one, as {@code shape} says (see
   * {@link Anneal}); this epoch is part {@code part} (from 0) of the {@code parts} annealed
   * epochs, so it trains from {@code lr · shape(part/parts)} to {@code lr · shape((part+1)/parts)}.
   * With one annealed epoch, the candidate decays from {@code lr} to 0 within its epoch.
   *
   * @param lr    the level the policy chose (the beam carries it on)
   * @param shape the decay
   * @param part  this epoch's place among the annealed epochs, from 0
   * @param parts the number of annealed epochs (&ge; 1)
   */
  record Annealed(double lr, Anneal.Shape shape, int part, int parts) implements LrRule {
    /** Validates. */
    public Annealed {
      Objects.requireNonNull(shape, "shape");
      if (parts < 1 || part < 0 || part >= parts) {
        throw new IllegalArgumentException("annealed part must be in [0, parts), parts >= 1, got " + part + " of "
            + parts);
      }
    }

    /** A candidate whose single epoch decays from {@code lr} to 0. */
    public Annealed(double lr, Anneal.Shape shape) {
      this(lr, shape, 0, 1);
    }

    @Override
    public double startLr(long globalStep) {
      return lr;
    }

    /** The LR of step {@code step} (0-based) of an epoch of {@code steps} steps. */
    public double lrAt(int step, int steps) {
      return shape.lr(lr, part * steps + step, parts * steps);
    }
  }

  /**
   * ALR's candidate ranked on an annealed end point: it trains at {@code lr} for the first steps of
   * its slice and decays linearly towards 0 over the last {@code tail} of them ({@link #lrAt}), and
   * its reported training loss is the mean over those decayed steps only, so that a large LR is not
   * ranked down for the noise it trains with (RESULTS §10's short-horizon bias). The kept model is the
   * one at the end of the decay; the beam carries {@code lr} on.
   *
   * @param lr   the LR before the tail (the beam carries it on)
   * @param tail the decayed fraction of the slice's steps, in (0, 1]; at least one step decays
   */
  record Tailed(double lr, double tail) implements LrRule {
    /** Validates. */
    public Tailed {
      if (!(tail > 0 && tail <= 1)) {
        throw new IllegalArgumentException("rankTail: must be in (0, 1], got " + tail);
      }
    }

    @Override
    public double startLr(long globalStep) {
      return lr;
    }

    /** Steps of a slice of {@code steps} steps that decay: ⌈tail · steps⌉, at least 1. */
    public int tailSteps(int steps) {
      return Math.max(1, Math.min(steps, (int) Math.ceil(tail * steps)));
    }

    /**
     * The LR of step {@code step} (0-based) of a slice of {@code steps} steps: {@code lr} before the
     * tail, then {@code lr · (1 − (k + 1) / (T + 1))} at the tail's step k of T, so the last step is
     * at {@code lr / (T + 1)} — positive, ~0 for a long tail.
     */
    public double lrAt(int step, int steps) {
      int t = tailSteps(steps);
      int k = step - (steps - t);
      return k < 0 ? lr : lr * (1 - (double) (k + 1) / (t + 1));
    }

    /** Whether step {@code step} of a slice of {@code steps} steps is in the decayed tail. */
    public boolean inTail(int step, int steps) {
      return step >= steps - tailSteps(steps);
    }
  }

  /**
   * The N-probe scheduler: starts at {@code lr} and moves it every {@code settings.every()} steps;
   * {@code totalSteps} is the run's length, for the rule's profile ({@link ProbeRule#profile}; 0:
   * unknown, no profile) and for thinning the recorded LR trace to at most
   * {@link #MAX_TRACE_POINTS} points per run.
   */
  record Probed(double lr, NProbeSettings settings, long totalSteps) implements LrRule {
    /** Most recorded LR points of one N-probe run. */
    public static final int MAX_TRACE_POINTS = 1000;

    /** Validates. */
    public Probed {
      Objects.requireNonNull(settings, "settings");
      if (totalSteps < 0) {
        throw new IllegalArgumentException("totalSteps must be >= 0, got " + totalSteps);
      }
    }

    @Override
    public double startLr(long globalStep) {
      return lr;
    }
  }
}
