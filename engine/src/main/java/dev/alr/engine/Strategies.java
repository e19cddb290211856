package dev.alr.engine;

import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.AnnealedSearch;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.FactorSpan;
import dev.alr.engine.policy.LrBounds;
import dev.alr.engine.policy.NProbeSearch;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.policy.ScheduleSearch;
import dev.alr.engine.policy.SearchPolicy;
import dev.alr.engine.policy.SelectOn;
import dev.alr.engine.schedule.Grid;
import dev.alr.engine.schedule.Schedule;
import dev.alr.engine.schedule.Schedules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Static factories for the strategies, and the strategy records themselves. Stateless.
 */
public final class Strategies {
  private Strategies() {
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

  /** The N-probe scheduler with its defaults (factors 2, 1, 0.5, every step). */
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
   * ALR beam search.
   *
   * @param search the validated policy
   * @param anneal how candidates anneal in the final epochs ({@link Anneal#NONE}: not at all)
   */
  public record Alr(BeamSearch search, Anneal anneal) implements Strategy {
    /** Validates. */
    public Alr {
      Objects.requireNonNull(search, "search");
      Objects.requireNonNull(anneal, "anneal");
    }

    /** ALR without annealing. */
    public Alr(BeamSearch search) {
      this(search, Anneal.NONE);
    }

    @Override
    public String name() {
      return "alr";
    }

    @Override
    public SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch) {
      return anneal.active() ? new AnnealedSearch(search, anneal, epochs) : search;
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
      return new NProbeSearch(settings);
    }

    @Override
    public void checkInitialLr(double lr0) {
      LrBounds.requireWithin(lr0, settings.minLr(), settings.maxLr());
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
        throw new IllegalArgumentException("--grid-points: at least one grid point is required");
      }
      for (double lr : lrs) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
          throw new IllegalArgumentException("--grid-min/--grid-max: grid LRs must be finite and > 0, got " + lr);
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

  private static void checkName(String schedule) {
    if (!Schedules.NAMES.contains(schedule)) {
      throw new IllegalArgumentException("--strategy: unknown schedule '" + schedule + "'; allowed: "
          + String.join(", ", Schedules.NAMES));
    }
  }
}
