package dev.alr.engine;

import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.AnnealedSearch;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.BoundedDecrease;
import dev.alr.engine.policy.FactorSpan;
import dev.alr.engine.policy.Halving;
import dev.alr.engine.policy.LrBounds;
import dev.alr.engine.policy.NProbeSearch;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.policy.ScheduleSearch;
import dev.alr.engine.policy.SearchPolicy;
import dev.alr.engine.policy.SelectOn;
import dev.alr.engine.policy.TailRanked;
import dev.alr.engine.schedule.Grid;
import dev.alr.engine.schedule.Schedule;
import dev.alr.engine.schedule.Schedules;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Static factories for the strategies, and the strategy records themselves. Stateless.
 */
public final class Strategies {
  private Strategies() {
  }

  /**
   * ALR as alr runs it by default (RESULTS §20): M = 2 beams; an opening round of 7 factors
   * 1/1000 … 1000 around the start LR, then an adaptive factor span (0.5, 1, 2, widening to 1/16 …
   * 16 after an edge win); candidates ranked on validation loss after a linear decay over the last
   * {@value Alr#DEFAULT_RANK_TAIL} of their steps; successive halving inside each round (η 4, 2
   * rungs); the final epoch annealed (cosine). Ranking on validation loss needs a validation split:
   * a workload without one holds out a tenth of its training samples ({@link Alr#config()}).
   */
  public static Strategy alr() {
    return new Alr(new BeamSearch(2, null, LrBounds.MIN, LrBounds.MAX, SelectOn.VAL, 3,
        FactorSpan.defaults().withOpening()), new Anneal(Anneal.Shape.COSINE, 1), Alr.DEFAULT_HALVING,
        Alr.UNBOUNDED, Alr.DEFAULT_RANK_TAIL);
  }

  /** The paper's ALR (Takase et al., 2018): M = 2 beams, factors 0.5, 1, 2, ranked on the epoch's training loss. */
  public static Strategy alrClassic() {
    return beam(2, 0.5, 1, 2);
  }

  /** ALR beam search with M beams over the given factors (default clamps, train-loss selection). */
  public static Strategy beam(int beams, double... factors) {
    return new Alr(BeamSearch.of(beams, factors));
  }

  /**
   * ALR beam search with M beams over an adaptive factor span (default clamps, train-loss
   * selection); {@code FactorSpan.defaults()} starts at 0.5, 1, 2 and widens up to 1/16, 1, 16.
   */
  public static Strategy adaptiveBeam(int beams, FactorSpan span) {
    return new Alr(BeamSearch.adaptive(beams, span));
  }

  /** ALR with {@code search}, annealing as {@code anneal} says in its final epochs. */
  public static Strategy alr(BeamSearch search, Anneal anneal) {
    return new Alr(search, anneal);
  }

  /** The N-probe scheduler with its defaults ({@link NProbeSettings#defaults()}). */
  public static Strategy nprobe() {
    return new NProbe(NProbeSettings.defaults());
  }

  /** A fixed schedule by name (see {@link Schedules#NAMES}), starting at the run's LR. */
  public static Strategy schedule(String name) {
    return new FixedSchedule(name);
  }

  /** Grid search of the initial LR of a schedule over log-spaced points in [lo, hi]. */
  public static Strategy grid(String schedule, double lo, double hi, int points) {
    return new GridSchedule(schedule, java.util.Arrays.stream(Grid.lrs(lo, hi, points)).boxed().toList(), SelectOn.TRAIN);
  }

  /**
   * Schedule-Free SGD (Defazio et al. 2024) with interpolation β ({@link ScheduleFree#DEFAULT_BETA}
   * is the paper's 0.9); its γ is the run's LR, held constant; evaluated at the averaged point x.
   */
  public static Strategy scheduleFree(double beta) {
    return new ScheduleFree(beta);
  }

  /** DoG (Ivgi et al. 2023) with relative initial movement ε ({@link Dog#DEFAULT_EPSILON} = 1e-6). */
  public static Strategy dog(double epsilon) {
    return new Dog(epsilon);
  }

  /** Adam at its default LR 1e-3 whatever the run's LR: the "did not tune it" baseline. */
  public static Strategy adam() {
    return new Adam();
  }

  /** ALR with {@code search}, annealing as {@code anneal} says, halving each round as {@code halving} says. */
  public static Strategy alr(BeamSearch search, Anneal anneal, Halving halving) {
    return new Alr(search, anneal, halving);
  }

  /**
   * ALR as {@link #alr(BeamSearch, Anneal, Halving)} whose LR falls by at most {@code maxDrop} per
   * round after the first epoch ({@link BoundedDecrease}).
   */
  public static Strategy alr(BeamSearch search, Anneal anneal, Halving halving, double maxDrop) {
    return new Alr(search, anneal, halving, maxDrop);
  }

  /**
   * ALR as {@link #alr(BeamSearch, Anneal, Halving, double)} ranking each candidate after a linear
   * decay over the last {@code rankTail} of its steps ({@link TailRanked}; {@link Alr#RAW}: raw loss).
   */
  public static Strategy alr(BeamSearch search, Anneal anneal, Halving halving, double maxDrop, double rankTail) {
    return new Alr(search, anneal, halving, maxDrop, rankTail);
  }

  /**
   * ALR beam search.
   *
   * @param search  the validated policy
   * @param anneal  how candidates anneal in the final epochs ({@link Anneal#NONE}: not at all)
   * @param halving successive halving within each round ({@link Halving#NONE}: every candidate
   *                trains the whole round); applied by the run loop, not the policy
   * @param maxDrop the smallest factor after the first epoch ({@link BoundedDecrease}), in (0, 1];
   *                {@link #UNBOUNDED} (0): no bound
   * @param rankTail rank candidates after a linear decay over this last fraction of their steps
   *                ({@link TailRanked}), in (0, 1]; {@link #RAW} (0): on the raw round loss
   */
  public record Alr(BeamSearch search, Anneal anneal, Halving halving, double maxDrop, double rankTail)
      implements Strategy {
    /** {@link #rankTail()} of a search that ranks on the round's raw loss. */
    public static final double RAW = 0;
    /** {@link #rankTail()} of the default search ({@link Strategies#alr()}). */
    public static final double DEFAULT_RANK_TAIL = 0.15;
    /** {@link #halving()} of the default search ({@link Strategies#alr()}): η 4, 2 rungs. */
    public static final Halving DEFAULT_HALVING = new Halving(4, 2);
    /** {@link #maxDrop()} of a search whose LR may fall by any factor per round. */
    public static final double UNBOUNDED = 0;

    /** Validates. */
    public Alr {
      Objects.requireNonNull(search, "search");
      Objects.requireNonNull(anneal, "anneal");
      Objects.requireNonNull(halving, "halving");
      if (maxDrop != UNBOUNDED && !(maxDrop > 0 && maxDrop <= 1)) {
        throw new IllegalArgumentException("maxDrop: must be in (0, 1], got " + maxDrop);
      }
      if (rankTail != RAW && !(rankTail > 0 && rankTail <= 1)) {
        throw new IllegalArgumentException("rankTail: must be in (0, 1], got " + rankTail);
      }
    }

    /** ALR ranking on the raw round loss. */
    public Alr(BeamSearch search, Anneal anneal, Halving halving, double maxDrop) {
      this(search, anneal, halving, maxDrop, RAW);
    }

    /** ALR without a bound on the per-round decrease. */
    public Alr(BeamSearch search, Anneal anneal, Halving halving) {
      this(search, anneal, halving, UNBOUNDED);
    }

    /** ALR without halving. */
    public Alr(BeamSearch search, Anneal anneal) {
      this(search, anneal, Halving.NONE);
    }

    /** ALR without annealing or halving. */
    public Alr(BeamSearch search) {
      this(search, Anneal.NONE);
    }

    /**
     * Stable; without halving the same string as before halving existed, so that older
     * checkpoints keep their fingerprint.
     */
    @Override
    public String toString() {
      return "Alr[search=" + search + ", anneal=" + anneal + (halving.active() ? ", halving=" + halving : "")
          + (maxDrop != UNBOUNDED ? ", maxDrop=" + maxDrop : "") + (rankTail != RAW ? ", rankTail=" + rankTail : "")
          + "]";
    }

    @Override
    public String name() {
      return "alr";
    }

    @Override
    public SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch) {
      return roundPolicy(lr0, epochs, 1, stepsPerEpoch);
    }

    @Override
    public boolean supportsRounds() {
      return true;
    }

    /**
     * The beam search over rounds; annealing covers every round of the last {@code anneal.epochs()}
     * epochs, each candidate's LR decaying with its position in the epoch (so the rounds of an
     * annealed epoch continue one decay).
     */
    @Override
    public SearchPolicy roundPolicy(double lr0, int epochs, int roundsPerEpoch, long stepsPerEpoch) {
      SearchPolicy bounded = maxDrop == UNBOUNDED ? search : new BoundedDecrease(search, maxDrop, roundsPerEpoch);
      SearchPolicy annealed = anneal.active() ? new AnnealedSearch(bounded, anneal, epochs, roundsPerEpoch) : bounded;
      return rankTail == RAW ? annealed : new TailRanked(annealed, rankTail);
    }

    @Override
    public void checkInitialLr(double lr0) {
      LrBounds.requireWithin(lr0, search.minLr(), search.maxLr());
    }

    @Override
    public boolean selectsOnValidation() {
      return search.selectOn() == SelectOn.VAL;
    }
  }

  /**
   * The N-probe scheduler.
   *
   * @param settings its settings
   */
  public record NProbe(NProbeSettings settings) implements Strategy {
    @Override
    public String name() {
      return "nprobe";
    }

    @Override
    public SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch) {
      return new NProbeSearch(settings, epochs * stepsPerEpoch);
    }

    @Override
    public void checkInitialLr(double lr0) {
      LrBounds.requireWithin(lr0, settings.minLr(), settings.maxLr());
    }

    /** Checks that the probe batch fits in the training batch; the workload is unchanged. */
    @Override
    public WorkloadSpec workload(WorkloadSpec requested) {
      if (settings.probeBatch() > requested.batchSize()) {
        throw new IllegalArgumentException("probeBatch: must be in [1, batchSize] = [1, " + requested.batchSize()
            + "], got " + settings.probeBatch());
      }
      return requested;
    }
  }

  /**
   * One fixed schedule starting at the run's LR.
   *
   * @param schedule schedule name
   */
  public record FixedSchedule(String schedule) implements Strategy {
    /** Validates the name. */
    public FixedSchedule {
      checkName(schedule);
    }

    @Override
    public String name() {
      return "schedule:" + schedule;
    }

    @Override
    public SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch) {
      Schedule s = Schedules.create(schedule, lr0, epochs * stepsPerEpoch, stepsPerEpoch);
      return new ScheduleSearch(List.of(s), stepsPerEpoch, SelectOn.TRAIN);
    }
  }

  /**
   * Grid search ("oracle") of a schedule's initial LR: one line per LR, the best by final loss wins.
   *
   * @param schedule schedule name
   * @param lrs      the initial LRs, one line each
   * @param selectOn which final loss picks the winner
   */
  public record GridSchedule(String schedule, List<Double> lrs, SelectOn selectOn) implements Strategy {
    /** Validates. */
    public GridSchedule {
      checkName(schedule);
      lrs = List.copyOf(lrs);
      if (lrs.isEmpty()) {
        throw new IllegalArgumentException("gridPoints: at least one grid point is required");
      }
      for (double lr : lrs) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
          throw new IllegalArgumentException("gridMin/gridMax: grid LRs must be finite and > 0, got " + lr);
        }
      }
    }

    @Override
    public String name() {
      return "grid:" + schedule;
    }

    @Override
    public SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch) {
      List<Schedule> lines = new ArrayList<>();
      for (double lr : lrs) {
        lines.add(Schedules.create(schedule, lr, epochs * stepsPerEpoch, stepsPerEpoch));
      }
      return new ScheduleSearch(lines, stepsPerEpoch, selectOn);
    }

    @Override
    public boolean selectsOnValidation() {
      return selectOn == SelectOn.VAL;
    }
  }

  /**
   * A recorded LR path replayed as a fixed schedule on one fresh model ({@code train --schedule
   * replay:FILE}): per epoch ({@code perStep} false: one LR per epoch, as a search's {@code lrPath})
   * or per step (one LR per optimizer step). The run's initial LR is ignored.
   *
   * @param lrs     the path, each finite and &gt; 0
   * @param perStep whether each LR lasts one step rather than one epoch
   */
  public record Replay(List<Double> lrs, boolean perStep) implements Strategy {
    /** Validates and copies the path. */
    public Replay {
      lrs = List.copyOf(lrs);
      new Schedule.Replay(lrs, 1);
    }

    @Override
    public String name() {
      return "replay";
    }

    @Override
    public SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch) {
      return new ScheduleSearch(List.of(new Schedule.Replay(lrs, perStep ? 1 : stepsPerEpoch)), stepsPerEpoch,
          SelectOn.TRAIN);
    }
  }

  /** The constant schedule at {@code lr}: how the optimizer strategies hand their LR to the run. */
  private static SearchPolicy constant(double lr, int epochs, long stepsPerEpoch) {
    Schedule s = Schedules.create("constant", lr, epochs * stepsPerEpoch, stepsPerEpoch);
    return new ScheduleSearch(List.of(s), stepsPerEpoch, SelectOn.TRAIN);
  }

  /**
   * Schedule-Free SGD: the workload's updater becomes {@code schedule-free:β} (the models
   * module's {@code ScheduleFree}: y = (1 − β)z + βx, z ← z − γ∇f(y), x ← (1 − c)x + cz with
   * c = 1/(t+1); z and x live in the updater state) and γ is the run's LR, constant.
   *
   * @param beta β in [0, 1)
   */
  public record ScheduleFree(double beta) implements Strategy {
    /** The paper's β. */
    public static final double DEFAULT_BETA = 0.9;

    /** Validates β, naming {@code scheduleFree.beta}. */
    public ScheduleFree {
      if (!(beta >= 0 && beta < 1)) {
        throw new IllegalArgumentException("scheduleFree.beta: must be in [0, 1), got " + beta);
      }
    }

    @Override
    public String name() {
      return "schedule-free";
    }

    @Override
    public SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch) {
      return constant(lr0, epochs, stepsPerEpoch);
    }

    @Override
    public WorkloadSpec workload(WorkloadSpec requested) {
      return requested.withUpdater("schedule-free:" + beta, 0);
    }
  }

  /**
   * DoG: the workload's updater becomes {@code dog:ε} (the models module's {@code Dog}, per DL4J
   * updater block: η = max(r_ε, max‖x − x₀‖) / √(Σ‖g‖² + 1e-8), r_ε = ε(1 + ‖x₀‖)), with multiplier
   * 1: the run's LR is not used.
   *
   * @param epsilon relative initial movement, finite and &gt; 0
   */
  public record Dog(double epsilon) implements Strategy {
    /** The reference implementation's relative initial movement ({@code reps_rel}). */
    public static final double DEFAULT_EPSILON = 1e-6;

    /** Validates ε, naming {@code dog.epsilon}. */
    public Dog {
      if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
        throw new IllegalArgumentException("dog.epsilon: must be finite and > 0, got " + epsilon);
      }
    }

    @Override
    public String name() {
      return "dog";
    }

    @Override
    public SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch) {
      return constant(1.0, epochs, stepsPerEpoch);
    }

    @Override
    public WorkloadSpec workload(WorkloadSpec requested) {
      return requested.withUpdater("dog:" + epsilon, 0);
    }
  }

  /** Adam (β1 0.9, β2 0.999) at the constant LR {@link #LR} = 1e-3, whatever the run's LR. */
  public record Adam() implements Strategy {
    /** Adam's customary default learning rate. */
    public static final double LR = 1e-3;
    /** Adam's customary β1. */
    public static final double BETA1 = 0.9;

    @Override
    public String name() {
      return "adam";
    }

    @Override
    public SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch) {
      return constant(LR, epochs, stepsPerEpoch);
    }

    @Override
    public WorkloadSpec workload(WorkloadSpec requested) {
      return requested.withUpdater("adam", BETA1);
    }
  }

  private static void checkName(String schedule) {
    if (!Schedules.NAMES.contains(schedule)) {
      throw new IllegalArgumentException("strategy: unknown schedule '" + schedule + "'; allowed: "
          + String.join(", ", Schedules.NAMES));
    }
  }
}
