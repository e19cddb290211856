package dev.alr.bench.suite;

import java.util.List;
import java.util.Locale;

/**
 * One benchmark matrix: which strategies, models, datasets, seeds and start LRs to run, for how
 * many epochs, on how many training samples. Immutable and thread-safe; build one with
 * {@link #named(String)} or the constructor.
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
 */
public record Suite(String name, List<String> strategies, List<String> models, List<String> datasets, List<Long> seeds,
                    List<Double> startLrs, double referenceLr, int epochs, int limit, List<Double> oracleGrid,
                    List<String> computeSchedules, int batch) {

  /** The suite names {@link #named} accepts. */
  public static final List<String> NAMES = List.of("quick", "standard", "full");

  /** Every strategy of the issue. */
  static final List<String> ALL = List.of("alr", "nprobe", "constant", "step", "linear", "cosine", "sgdr", "clr",
      "1cycle", "rex", "oracle-constant", "oracle-cosine");

  /** Validates and copies. */
  public Suite {
    strategies = List.copyOf(strategies);
    models = List.copyOf(models);
    datasets = List.copyOf(datasets);
    seeds = List.copyOf(seeds);
    startLrs = List.copyOf(startLrs);
    oracleGrid = List.copyOf(oracleGrid);
    computeSchedules = List.copyOf(computeSchedules);
    for (String s : strategies) {
      if (!Cell.STRATEGIES.contains(s)) {
        throw new IllegalArgumentException("--strategies: unknown strategy '" + s + "'; allowed: "
            + String.join(", ", Cell.STRATEGIES));
      }
    }
    if (!startLrs.contains(referenceLr)) {
      throw new IllegalArgumentException("--lrs: the start-LR sweep must contain the reference LR " + referenceLr);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs: must be >= 1, got " + epochs);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("--limit: must be >= 0 (0 = all), got " + limit);
    }
    if (seeds.isEmpty() || models.isEmpty() || datasets.isEmpty() || strategies.isEmpty()) {
      throw new IllegalArgumentException("suite: needs at least one seed, model, dataset and strategy");
    }
  }

  /**
   * The named suite.
   * <ul>
   *   <li>{@code quick}: mlp; fashion-mnist (3,000 samples) and synthetic; 1 seed; 3 epochs; start
   *       LRs 1e-4, 0.01, 0.05, 1. Fits in 15 minutes on 2 cores.
   *   <li>{@code standard}: mlp and cnn; fashion-mnist, mnist, synthetic (10,000 samples); 3 seeds;
   *       5 epochs; start LRs 1e-4, 1e-3, 0.01, 0.05, 0.2, 1.
   *   <li>{@code full}: as standard on all training samples, 5 seeds, 10 epochs.
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
          List.of(1L, 2L, 3L), sweep, 0.05, 5, 10_000, oracle, List.of("constant", "cosine"), 64);
      case "full" -> new Suite("full", ALL, List.of("mlp", "cnn"), List.of("fashion-mnist", "mnist", "synthetic"),
          List.of(1L, 2L, 3L, 4L, 5L), sweep, 0.05, 10, 0, oracle, List.of("constant", "cosine"), 64);
      default -> throw new IllegalArgumentException("--suite: unknown suite '" + name + "'; allowed: "
          + String.join(", ", NAMES));
    };
  }

  /** This suite with another epoch budget (0 keeps it). */
  public Suite withEpochs(int e) {
    return e == 0 ? this : new Suite(name, strategies, models, datasets, seeds, startLrs, referenceLr, e, limit,
        oracleGrid, computeSchedules, batch);
  }

  /** This suite with another training-sample limit ({@code null} keeps it). */
  public Suite withLimit(Integer l) {
    return l == null ? this : new Suite(name, strategies, models, datasets, seeds, startLrs, referenceLr, epochs, l,
        oracleGrid, computeSchedules, batch);
  }

  /** This suite with other seeds (empty keeps them). */
  public Suite withSeeds(List<Long> s) {
    return s == null || s.isEmpty() ? this : new Suite(name, strategies, models, datasets, s, startLrs, referenceLr,
        epochs, limit, oracleGrid, computeSchedules, batch);
  }

  /** This suite on other datasets (empty keeps them). */
  public Suite withDatasets(List<String> d) {
    return d == null || d.isEmpty() ? this : new Suite(name, strategies, models, d, seeds, startLrs, referenceLr,
        epochs, limit, oracleGrid, computeSchedules, batch);
  }

  /** This suite on other models (empty keeps them). */
  public Suite withModels(List<String> m) {
    return m == null || m.isEmpty() ? this : new Suite(name, strategies, m, datasets, seeds, startLrs, referenceLr,
        epochs, limit, oracleGrid, computeSchedules, batch);
  }

  /** This suite with other strategies (empty keeps them). */
  public Suite withStrategies(List<String> st) {
    return st == null || st.isEmpty() ? this : new Suite(name, st, models, datasets, seeds, startLrs, referenceLr,
        epochs, limit, oracleGrid, computeSchedules, batch);
  }

  /** This suite with other equal-compute schedules ({@code null} keeps them; empty: none). */
  public Suite withComputeSchedules(List<String> cs) {
    return cs == null ? this : new Suite(name, strategies, models, datasets, seeds, startLrs, referenceLr, epochs,
        limit, oracleGrid, cs, batch);
  }

  /** This suite with another start-LR sweep (empty keeps it; the reference LR must stay in it). */
  public Suite withStartLrs(List<Double> lrs) {
    return lrs == null || lrs.isEmpty() ? this : new Suite(name, strategies, models, datasets, seeds, lrs,
        referenceLr, epochs, limit, oracleGrid, computeSchedules, batch);
  }
}
