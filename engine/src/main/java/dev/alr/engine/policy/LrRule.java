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
   * ALR's candidate in an annealing epoch: starts the epoch at {@code lr} and decays it step by
   * step towards 0 at the epoch's end, as {@code shape} says (see {@link Anneal}).
   */
  record Annealed(double lr, Anneal.Shape shape) implements LrRule {
    /** Validates. */
    public Annealed {
      Objects.requireNonNull(shape, "shape");
    }

    @Override
    public double startLr(long globalStep) {
      return lr;
    }

    /** The LR of step {@code step} (0-based) of an epoch of {@code steps} steps. */
    public double lrAt(int step, int steps) {
      return shape.lr(lr, step, steps);
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
