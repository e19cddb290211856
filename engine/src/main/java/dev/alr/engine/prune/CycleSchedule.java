package dev.alr.engine.prune;

/**
 * The learning rate within one prune cycle, scaled to the candidate's peak: linear warm-up to
 * {@code max_lr} over the first {@code warmup} fraction of the cycle's steps, then {@code max_lr}
 * until {@code firstDrop}, ×0.1 until {@code secondDrop}, ×0.01 after (SILO's ResNet-20 script:
 * drops at 50 % and 64 % of the cycle). Immutable, thread-safe.
 *
 * @param warmup     fraction of the cycle spent warming up, in [0, firstDrop]
 * @param firstDrop  fraction of the cycle where the rate drops to 0.1·max_lr
 * @param secondDrop fraction of the cycle where the rate drops to 0.01·max_lr
 */
public record CycleSchedule(double warmup, double firstDrop, double secondDrop) {
  /** Warm-up over the first 10 %, drops at 50 % and 64 %. */
  public static final CycleSchedule SILO = new CycleSchedule(0.1, 0.5, 0.64);

  /** Validates 0 ≤ warmup ≤ firstDrop ≤ secondDrop ≤ 1. */
  public CycleSchedule {
    if (!(0 <= warmup && warmup <= firstDrop && firstDrop <= secondDrop && secondDrop <= 1)) {
      throw new IllegalArgumentException("cycle schedule needs 0 <= warmup <= firstDrop <= secondDrop <= 1, got "
          + warmup + ", " + firstDrop + ", " + secondDrop);
    }
  }

  /**
   * The learning rate of step {@code step} (0-based) of a cycle of {@code steps} steps.
   *
   * @throws IllegalArgumentException when the step is outside the cycle
   */
  public double lr(double maxLr, long step, long steps) {
    if (steps < 1 || step < 0 || step >= steps) {
      throw new IllegalArgumentException("step " + step + " is outside a cycle of " + steps + " steps");
    }
    long warmupSteps = (long) Math.floor(warmup * steps);
    if (step < warmupSteps) {
      return maxLr * (step + 1) / warmupSteps;
    }
    double at = (double) step / steps;
    if (at < firstDrop) {
      return maxLr;
    }
    return at < secondDrop ? maxLr * 0.1 : maxLr * 0.01;
  }
}
