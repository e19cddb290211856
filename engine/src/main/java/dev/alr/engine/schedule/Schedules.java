package dev.alr.engine.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Named schedules with defaults, for the command line: {@link #create} builds each name in
 * {@link #NAMES} from a starting rate and the run's length.
 *
 * <p>Defaults ({@code T} = totalSteps, {@code E} = stepsPerEpoch):
 * <ul>
 *   <li>{@code constant}: {@code lr0} throughout.
 *   <li>{@code step}: ×0.1 at {@code T/2} and at {@code 3T/4} (milestones rounded down, at
 *       least 1 and strictly increasing).
 *   <li>{@code exponential}: {@code gammaPerStep = 0.01^(1/T)}, so the rate is {@code lr0·0.01}
 *       at step {@code T}.
 *   <li>{@code linear}: {@code lr0} to 0 at {@code T} (held at the floor
 *       {@code lr0·}{@link Schedule#FLOOR_FRACTION}).
 *   <li>{@code cosine}: {@code lr0} to 0 at {@code T} (held at the floor).
 *   <li>{@code sgdr}: to 0 in cycles of 1, 2, 4, … epochs ({@code t0 = E}, {@code tMult = 2}).
 *   <li>{@code clr}: triangular between {@code lr0/10} and {@code lr0}; half cycle 2 epochs
 *       (Smith's advice is 2–10), shortened to {@code T/2} when the run is shorter than one full
 *       cycle, never below 1 step.
 *   <li>{@code 1cycle}: peak {@code lr0} at 30% ({@code pctStart 0.3}), {@code divFactor 25},
 *       {@code finalDivFactor 1e4}, momentum 0.95 → 0.85 → 0.95. Needs {@code 0.3·T > 1}.
 *   <li>{@code rex}: REX from {@code lr0} to 0 at {@code T} (held at the floor).
 *   <li>{@code warmup-cosine}: cosine from {@code lr0} to 0 over {@code T}, with a linear
 *       warm-up over the first 5% of the steps (at least 1), not shifted; see
 *       {@link Schedule.Warmup}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Schedules {

  /** The accepted names, in a fixed order. */
  public static final List<String> NAMES = List.of("constant", "step", "exponential", "linear",
      "cosine", "sgdr", "clr", "1cycle", "rex", "warmup-cosine");

  /** Multiplier at each milestone of the {@code step} schedule. */
  public static final double STEP_GAMMA = 0.1;
  /** Fraction of {@code lr0} that {@code exponential} reaches at the last step. */
  public static final double EXPONENTIAL_END_FRACTION = 0.01;
  /** {@code clr}'s trough as a fraction of {@code lr0} (its peak). */
  public static final double CLR_BASE_FRACTION = 0.1;
  /** {@code clr}'s half cycle, in epochs. */
  public static final int CLR_HALF_CYCLE_EPOCHS = 2;
  /** {@code warmup-cosine}'s warm-up as a fraction of the run. */
  public static final double WARMUP_FRACTION = 0.05;

  private Schedules() {
  }

  /**
   * The schedule called {@code name} with this package's defaults.
   *
   * @param name          one of {@link #NAMES}, case-insensitive, surrounding blanks ignored
   * @param lr0           starting (for {@code 1cycle} and {@code clr}: peak) rate, finite, &gt; 0
   * @param totalSteps    optimizer steps in the run, &ge; 1
   * @param stepsPerEpoch optimizer steps per epoch, &ge; 1
   * @return the schedule, immutable
   * @throws IllegalArgumentException for an unknown name or a bad parameter
   */
  public static Schedule create(String name, double lr0, long totalSteps, long stepsPerEpoch) {
    if (name == null) {
      throw unknown(null);
    }
    Require.positive("schedules", "lr0", lr0);
    Require.atLeast("schedules", "totalSteps", totalSteps, 1);
    Require.atLeast("schedules", "stepsPerEpoch", stepsPerEpoch, 1);
    long t = totalSteps;
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "constant" -> new Schedule.Constant(lr0);
      case "step" -> {
        long first = Math.max(1, t / 2);
        long second = Math.max(first + 1, t * 3 / 4);
        yield new Schedule.MultiStep(lr0, List.of(first, second), STEP_GAMMA);
      }
      case "exponential" ->
          new Schedule.Exponential(lr0, Math.pow(EXPONENTIAL_END_FRACTION, 1.0 / t));
      case "linear" -> new Schedule.Linear(lr0, 0, t);
      case "cosine" -> new Schedule.Cosine(lr0, 0, t);
      case "sgdr" -> new Schedule.Sgdr(lr0, 0, stepsPerEpoch, 2);
      case "clr" -> {
        long half = Math.max(1, Math.min(CLR_HALF_CYCLE_EPOCHS * stepsPerEpoch, t / 2));
        yield new Schedule.Triangular(lr0 * CLR_BASE_FRACTION, lr0, half);
      }
      case "1cycle" -> new Schedule.OneCycle(lr0, t, 0.3, 25, 1e4, 0.95, 0.85);
      case "rex" -> new Schedule.Rex(lr0, t);
      case "warmup-cosine" -> new Schedule.Warmup(new Schedule.Cosine(lr0, 0, t),
          Math.max(1, Math.round(WARMUP_FRACTION * t)));
      default -> throw unknown(name);
    };
  }

  /**
   * The plain step schedule: {@code lr0 * gamma^k} after k blocks of {@code everyEpochs} epochs,
   * as a {@link Schedule.MultiStep} with milestones at every {@code everyEpochs * stepsPerEpoch}
   * steps before {@code totalSteps}.
   *
   * @param lr0           initial rate, finite and &gt; 0
   * @param gamma         factor at each milestone, in (0, 1]
   * @param everyEpochs   epochs between drops, &ge; 1
   * @param stepsPerEpoch optimizer steps per epoch, &ge; 1
   * @param totalSteps    optimizer steps in the run, &ge; 1
   * @return the step schedule, with no milestone when the run is no longer than one block
   */
  public static Schedule.MultiStep everyEpochs(double lr0, double gamma, int everyEpochs,
                                               long stepsPerEpoch, long totalSteps) {
    Require.atLeast("step", "everyEpochs", everyEpochs, 1);
    Require.atLeast("step", "stepsPerEpoch", stepsPerEpoch, 1);
    Require.atLeast("step", "totalSteps", totalSteps, 1);
    long every = Math.multiplyExact(everyEpochs, stepsPerEpoch);
    List<Long> milestones = new ArrayList<>();
    for (long m = every; m < totalSteps; m += every) {
      milestones.add(m);
    }
    return new Schedule.MultiStep(lr0, milestones, gamma);
  }

  private static IllegalArgumentException unknown(String name) {
    return new IllegalArgumentException(
        "unknown schedule '" + name + "'; allowed: " + String.join(", ", NAMES));
  }
}
