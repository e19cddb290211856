package dev.alr.bench.suite;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One benchmark matrix: which strategies, models, datasets, seeds and start LRs to run, for how
 * many epochs, on how many training samples. A model may run a smaller matrix of its own (a
 * {@link ModelPlan}: fewer samples, start LRs, strategies), as the cnn does in {@code standard},
 * where it trains ~20× slower per sample than the mlp. Immutable and thread-safe; build one with
 * {@link #named(String)} or the constructor, then apply overrides with the {@code with…} methods.
 *
 * @param name             {@code quick}, {@code standard}, {@code full} or a custom name
 * @param strategies       strategy labels (see {@link Cell#STRATEGIES})
 * @param models           model names ({@code mlp}, {@code cnn})
 * @param datasets         dataset names; a named dataset whose files are missing is skipped
 * @param seeds            run seeds
 * @param startLrs         the start-LR sweep (robustness); must contain {@code referenceLr}
 * @param referenceLr      the start LR of the headline comparison
 * @param epochs           epoch budget
 * @param limit            training samples per epoch (0: all)
 * @param oracleGrid       initial LRs the oracle grid-searches
 * @param computeSchedules fixed schedules that are also run at equal compute (ALR's sample-gradients)
 * @param batch            mini-batch size
 * @param modelPlans       per-model matrices that replace the fields above for that model
 */
public record Suite(String name, List<String> strategies, List<String> models, List<String> datasets, List<Long> seeds,
                    List<Double> startLrs, double referenceLr, int epochs, int limit, List<Double> oracleGrid,
                    List<String> computeSchedules, int batch, Map<String, ModelPlan> modelPlans) {

  /** The suite names {@link #named} accepts. */
  public static final List<String> NAMES = List.of("quick", "standard", "full");

  /** Every strategy of the issue. */
  static final List<String> ALL = List.of("alr", "nprobe", "constant", "step", "linear", "cosine", "sgdr", "clr",
      "1cycle", "rex", "oracle-constant", "oracle-cosine", "schedule-free", "dog", "adam");

  /**
   * ALR's variants, run only when named in {@code --strategies} (issue 10's measurement): the
   * paper's search ({@code alr-classic}: M = 2, factors 0.5, 1, 2), with the adaptive factor span,
   * with the last epoch annealed (cosine), both, and the adaptive span choosing the level of a
   * whole-run cosine ({@code alr-cosine}); the paper's search with successive halving in each epoch
   * (η = 3, 2 rungs: {@code alr-halving}) and the adaptive, annealed one with it
   * ({@code alr-adaptive-anneal-halving}).
   */
  static final List<String> ALR_VARIANTS = List.of("alr-classic", "alr-adaptive", "alr-anneal", "alr-adaptive-anneal",
      "alr-cosine", "alr-halving", "alr-adaptive-anneal-halving");

  /**
   * The matrix one model runs when it differs from the suite's: its own training-sample limit,
   * start LRs, strategies and equal-compute schedules. Immutable.
   *
   * @param limit            training samples per epoch (0: all)
   * @param startLrs         start LRs; must contain the suite's reference LR
   * @param strategies       strategy labels
   * @param computeSchedules fixed schedules also run at equal compute (empty: none)
   */
  public record ModelPlan(int limit, List<Double> startLrs, List<String> strategies, List<String> computeSchedules) {
    /** Copies the lists. */
    public ModelPlan {
      startLrs = List.copyOf(startLrs);
      strategies = List.copyOf(strategies);
      computeSchedules = List.copyOf(computeSchedules);
    }
  }

  /** A suite whose models all run the same matrix. */
  public Suite(String name, List<String> strategies, List<String> models, List<String> datasets, List<Long> seeds,
               List<Double> startLrs, double referenceLr, int epochs, int limit, List<Double> oracleGrid,
               List<String> computeSchedules, int batch) {
    this(name, strategies, models, datasets, seeds, startLrs, referenceLr, epochs, limit, oracleGrid, computeSchedules,
        batch, Map.of());
  }

  /** Validates and copies. */
  public Suite {
    strategies = List.copyOf(strategies);
    models = List.copyOf(models);
    datasets = List.copyOf(datasets);
    seeds = List.copyOf(seeds);
    startLrs = List.copyOf(startLrs);
    oracleGrid = List.copyOf(oracleGrid);
    computeSchedules = List.copyOf(computeSchedules);
    modelPlans = Map.copyOf(modelPlans);
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs: must be >= 1, got " + epochs);
    }
    if (seeds.isEmpty() || models.isEmpty() || datasets.isEmpty()) {
      throw new IllegalArgumentException("suite: needs at least one seed, model and dataset");
    }
    validate(limit, startLrs, strategies, referenceLr);
    for (ModelPlan p : modelPlans.values()) {
      validate(p.limit(), p.startLrs(), p.strategies(), referenceLr);
    }
  }

  private static void validate(int limit, List<Double> startLrs, List<String> strategies, double referenceLr) {
    if (strategies.isEmpty()) {
      throw new IllegalArgumentException("--strategies: needs at least one strategy");
    }
    for (String s : strategies) {
      if (!Cell.STRATEGIES.contains(s)) {
        throw new IllegalArgumentException("--strategies: unknown strategy '" + s + "'; allowed: "
            + String.join(", ", Cell.STRATEGIES));
      }
    }
    if (!startLrs.contains(referenceLr)) {
      throw new IllegalArgumentException("--lrs: the start-LR sweep must contain the reference LR " + referenceLr);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("--limit: must be >= 0 (0 = all), got " + limit);
    }
  }

  /** The matrix {@code model} runs: its plan, or the suite's own fields. */
  public ModelPlan plan(String model) {
    ModelPlan p = modelPlans.get(model);
    return p != null ? p : new ModelPlan(limit, startLrs, strategies, computeSchedules);
  }

  /**
   * The named suite.
   * <ul>
   *   <li>{@code quick}: mlp; fashion-mnist (3,000 samples) and synthetic; 1 seed; 3 epochs; start
   *       LRs 1e-4, 0.01, 0.05, 1. Fits in 15 minutes on 2 cores.
   *   <li>{@code standard}: seeds 1–3, 5 epochs, fashion-mnist, mnist and synthetic. The mlp runs
   *       every strategy on 10,000 samples at start LRs 1e-4, 1e-3, 0.01, 0.05, 0.2, 1, plus
   *       constant and cosine at equal compute; the cnn runs ALR, N-probe, constant, cosine, REX,
   *       the cosine oracle, schedule-free, dog and adam on 1,000 samples at the reference LR 0.05 only.
   *   <li>{@code full}: every strategy for both models on all training samples, 5 seeds, 10 epochs,
   *       the same start-LR sweep.
   * </ul>
   *
   * @throws IllegalArgumentException naming {@code --suite} for an unknown name
   */
  public static Suite named(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    List<Double> oracle = List.of(0.003, 0.01, 0.03, 0.1, 0.3);
    List<Double> sweep = List.of(1e-4, 1e-3, 0.01, 0.05, 0.2, 1.0);
    return switch (n) {
      case "quick" -> new Suite("quick", ALL, List.of("mlp"), List.of("fashion-mnist", "synthetic"), List.of(1L),
          List.of(1e-4, 0.01, 0.05, 1.0), 0.05, 3, 3000, List.of(0.01, 0.05, 0.2), List.of("cosine"), 64);
      case "standard" -> new Suite("standard", ALL, List.of("mlp", "cnn"), List.of("fashion-mnist", "mnist", "synthetic"),
          List.of(1L, 2L, 3L), sweep, 0.05, 5, 10_000, oracle, List.of("constant", "cosine"), 64,
          Map.of("cnn", new ModelPlan(1_000, List.of(0.05),
              List.of("alr", "nprobe", "constant", "cosine", "rex", "oracle-cosine", "schedule-free", "dog", "adam"),
              List.of())));
      case "full" -> new Suite("full", ALL, List.of("mlp", "cnn"), List.of("fashion-mnist", "mnist", "synthetic"),
          List.of(1L, 2L, 3L, 4L, 5L), sweep, 0.05, 10, 0, oracle, List.of("constant", "cosine"), 64);
      default -> throw new IllegalArgumentException("--suite: unknown suite '" + name + "'; allowed: "
          + String.join(", ", NAMES));
    };
  }

  /** This suite with another epoch budget (0 keeps it). */
  public Suite withEpochs(int e) {
    return e == 0 ? this : new Suite(name, strategies, models, datasets, seeds, startLrs, referenceLr, e, limit,
        oracleGrid, computeSchedules, batch, modelPlans);
  }

  /** This suite with another training-sample limit for every model ({@code null} keeps it). */
  public Suite withLimit(Integer l) {
    return l == null ? this : new Suite(name, strategies, models, datasets, seeds, startLrs, referenceLr, epochs, l,
        oracleGrid, computeSchedules, batch,
        plans(p -> new ModelPlan(l, p.startLrs(), p.strategies(), p.computeSchedules())));
  }

  /** This suite with other seeds (empty keeps them). */
  public Suite withSeeds(List<Long> s) {
    return s == null || s.isEmpty() ? this : new Suite(name, strategies, models, datasets, s, startLrs, referenceLr,
        epochs, limit, oracleGrid, computeSchedules, batch, modelPlans);
  }

  /** This suite on other datasets (empty keeps them). */
  public Suite withDatasets(List<String> d) {
    return d == null || d.isEmpty() ? this : new Suite(name, strategies, models, d, seeds, startLrs, referenceLr,
        epochs, limit, oracleGrid, computeSchedules, batch, modelPlans);
  }

  /** This suite on other models (empty keeps them); a model keeps its plan. */
  public Suite withModels(List<String> m) {
    return m == null || m.isEmpty() ? this : new Suite(name, strategies, m, datasets, seeds, startLrs, referenceLr,
        epochs, limit, oracleGrid, computeSchedules, batch, modelPlans);
  }

  /** This suite with other strategies for every model (empty keeps them). */
  public Suite withStrategies(List<String> st) {
    return st == null || st.isEmpty() ? this : new Suite(name, st, models, datasets, seeds, startLrs, referenceLr,
        epochs, limit, oracleGrid, computeSchedules, batch,
        plans(p -> new ModelPlan(p.limit(), p.startLrs(), st, p.computeSchedules())));
  }

  /** This suite with other equal-compute schedules for every model ({@code null} keeps them; empty: none). */
  public Suite withComputeSchedules(List<String> cs) {
    return cs == null ? this : new Suite(name, strategies, models, datasets, seeds, startLrs, referenceLr, epochs,
        limit, oracleGrid, cs, batch, plans(p -> new ModelPlan(p.limit(), p.startLrs(), p.strategies(), cs)));
  }

  /** This suite with another start-LR sweep for every model (empty keeps it; it must contain the reference LR). */
  public Suite withStartLrs(List<Double> lrs) {
    return lrs == null || lrs.isEmpty() ? this : new Suite(name, strategies, models, datasets, seeds, lrs,
        referenceLr, epochs, limit, oracleGrid, computeSchedules, batch,
        plans(p -> new ModelPlan(p.limit(), lrs, p.strategies(), p.computeSchedules())));
  }

  private Map<String, ModelPlan> plans(UnaryOperator<ModelPlan> change) {
    Map<String, ModelPlan> m = new TreeMap<>();
    modelPlans.forEach((k, v) -> m.put(k, change.apply(v)));
    return m;
  }
}
