package dev.alr.bench.suite;

import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.FactorSpan;
import dev.alr.engine.policy.Halving;
import dev.alr.engine.policy.SelectOn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run of the benchmark matrix: a strategy on a model and dataset (limited to a number of
 * training samples), with a seed, a start LR and an epoch budget. Immutable and thread-safe.
 *
 * @param strategy a label from {@link #STRATEGIES}
 * @param model    model name
 * @param dataset  dataset name
 * @param limit    training samples per epoch (0: all)
 * @param seed     run seed
 * @param lr0      start LR; 0 for the oracles, which grid-search it
 * @param budget   {@link #EQUAL_EPOCHS} or {@link #EQUAL_COMPUTE}
 * @param epochs   epochs this run trains
 */
public record Cell(String strategy, String model, String dataset, int limit, long seed, double lr0, Budget budget,
                   int epochs) {

  /** Budget of runs that train the suite's epoch count. */
  public static final Budget EQUAL_EPOCHS = Budget.EPOCHS;
  /** Budget of fixed schedules trained as many sample-gradients as ALR spent. */
  public static final Budget EQUAL_COMPUTE = Budget.COMPUTE;
  /** ALR's beam count in the suites. */
  public static final int BEAMS = 2;
  /** ALR's factors in the suites. */
  public static final double[] FACTORS = {0.5, 1, 2};

  /** Successive halving of the halving variants: η = 3, 2 rungs (the first after 1/3 of the epoch). */
  static final Halving HALVING = new Halving(3, 2);

  /** Steps per epoch assumed when planning (the count does not depend on it; schedules need enough steps). */
  private static final long PLANNING_STEPS = 1000;

  /**
   * The strategy labels: ALR, N-probe, the fixed schedules, the two oracles and the optimizer
   * baselines schedule-free, dog and adam.
   */
  public static final List<String> STRATEGIES = java.util.stream.Stream.concat(Suite.ALL.stream(),
      java.util.stream.Stream.concat(Suite.ALR_VARIANTS.stream(), AlrVariants.LABELS.stream())).toList();

  /** Strategies that choose their own LR: DoG (multiplier 1) and Adam at 1e-3, the "untuned" choice. */
  static final List<String> OWN_LR = List.of("dog", "adam");

  /** Whether the label names an oracle (grid search of the initial LR). */
  public boolean oracle() {
    return strategy.startsWith("oracle-");
  }

  /**
   * Whether the strategy does not use the start LR (the oracles, dog, adam): it runs once per
   * seed, with {@code lr0} 0, and is shown at every start LR.
   */
  public boolean ignoresStartLr() {
    return ignoresStartLr(strategy);
  }

  /** Whether the label names a strategy that does not use the start LR (see {@link #ignoresStartLr()}). */
  public static boolean ignoresStartLr(String strategy) {
    return strategy.startsWith("oracle-") || OWN_LR.contains(strategy);
  }

  /** A stable file-name-safe key: equal cells have equal keys. */
  public String key() {
    return String.format(Locale.ROOT, "%s__%s__%s__n%d__s%d__lr%s__%s%d", strategy, model, dataset, limit, seed,
        oracle() ? "grid" : ignoresStartLr() ? "own" : Double.toString(lr0), budget, epochs);
  }

  /** The engine strategy this cell runs. */
  public Strategy engineStrategy(Suite suite) {
    if (AlrVariants.covers(strategy)) {
      return AlrVariants.strategy(strategy, epochs);
    }
    return switch (strategy) {
      case "alr" -> Strategies.alr();
      case "alr-classic" -> Strategies.beam(BEAMS, FACTORS);
      case "alr-adaptive" -> Strategies.adaptiveBeam(BEAMS, FactorSpan.defaults());
      case "alr-anneal" -> Strategies.alr(BeamSearch.of(BEAMS, FACTORS), new Anneal(Anneal.Shape.COSINE, 1));
      case "alr-adaptive-anneal" -> Strategies.alr(BeamSearch.adaptive(BEAMS, FactorSpan.defaults()),
          new Anneal(Anneal.Shape.COSINE, 1));
      case "alr-cosine" -> Strategies.alr(BeamSearch.adaptive(BEAMS, FactorSpan.defaults()),
          new Anneal(Anneal.Shape.COSINE, epochs));
      case "alr-halving" -> Strategies.alr(BeamSearch.of(BEAMS, FACTORS), Anneal.NONE, HALVING);
      case "alr-adaptive-anneal-halving" -> Strategies.alr(BeamSearch.adaptive(BEAMS, FactorSpan.defaults()),
          new Anneal(Anneal.Shape.COSINE, 1), HALVING);
      case "nprobe" -> Strategies.nprobe();
      case "schedule-free" -> Strategies.scheduleFree(Strategies.ScheduleFree.DEFAULT_BETA);
      case "dog" -> Strategies.dog(Strategies.Dog.DEFAULT_EPSILON);
      case "adam" -> Strategies.adam();
      case "oracle-constant", "oracle-cosine" ->
          new Strategies.GridSchedule(strategy.substring("oracle-".length()), suite.oracleGrid(), SelectOn.TRAIN);
      default -> Strategies.schedule(strategy);
    };
  }

  /**
   * The full-training-set epochs this cell's sample-gradients come to when no candidate diverges:
   * its planned candidate-epochs, less what successive halving stops early, times the share of the
   * training samples it trains on (without its validation hold-out; a tenth held out: 0.9).
   */
  double plannedEpochEquivalents(Suite suite) {
    Strategy s = engineStrategy(suite);
    double share = val() > 0 ? 0.9 : 1;
    if (s instanceof Strategies.Alr a) {
      return a.search().plannedCost(epochs, a.halving()) * share;
    }
    return plannedCandidateEpochs(suite) * share;
  }

  /** Candidate-epochs this cell plans to train (progress and ETA). */
  public long plannedCandidateEpochs(Suite suite) {
    return engineStrategy(suite).policy(runLr(suite), epochs, PLANNING_STEPS).plannedCandidateEpochs(epochs);
  }

  /** Training samples held out for validation ({@code alr} and the {@code -val} ALR variants), else 0. */
  public int val() {
    return AlrVariants.valHoldout(strategy, limit);
  }

  /** The LR passed to the search: the start LR, or the reference LR for the strategies that ignore it. */
  public double runLr(Suite suite) {
    return ignoresStartLr() ? suite.referenceLr() : lr0;
  }

  /**
   * All cells of {@code suite} on {@code datasets} (the suite's datasets that exist), in a fixed
   * order: per model (with its {@link Suite#plan plan}), dataset and seed — the start-LR sweep, the
   * strategies that ignore the start LR (oracles, dog, adam), then the equal-compute runs, whose epoch count matches ALR's planned sample-gradients
   * ({@link Stats#equalComputeEpochs}).
   */
  public static List<Cell> expand(Suite suite, List<String> datasets) {
    List<Cell> cells = new ArrayList<>();
    for (String model : suite.models()) {
      Suite.ModelPlan plan = suite.plan(model);
      int n = plan.limit();
      for (String dataset : datasets) {
        for (long seed : suite.seeds()) {
          for (double lr0 : plan.startLrs()) {
            for (String s : plan.strategies()) {
              if (!ignoresStartLr(s)) {
                cells.add(new Cell(s, model, dataset, n, seed, lr0, EQUAL_EPOCHS, suite.epochs()));
              }
            }
          }
          for (String s : plan.strategies()) {
            if (ignoresStartLr(s)) {
              cells.add(new Cell(s, model, dataset, n, seed, 0, EQUAL_EPOCHS, suite.epochs()));
            }
          }
          if (plan.strategies().contains("alr")) {
            Cell alr = new Cell("alr", model, dataset, n, seed, suite.referenceLr(), EQUAL_EPOCHS, suite.epochs());
            int computeEpochs = Stats.equalComputeEpochs(Math.round(alr.plannedEpochEquivalents(suite)), 1);
            for (String s : plan.computeSchedules()) {
              cells.add(new Cell(s, model, dataset, n, seed, suite.referenceLr(), EQUAL_COMPUTE, computeEpochs));
            }
          }
        }
      }
    }
    return cells;
  }
}
