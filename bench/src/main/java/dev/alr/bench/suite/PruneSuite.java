package dev.alr.bench.suite;

import dev.alr.engine.prune.CycleSchedule;
import dev.alr.engine.prune.PruneConfig;
import dev.alr.engine.prune.PrunePolicy;
import dev.alr.engine.prune.SiloCurve;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One iterative-pruning benchmark ({@code alr bench --suite prune|prune-quick}): the four
 * learning-rate policies of a prune run (SILO's S-curve, a constant {@code max_lr}, the per-cycle
 * oracle grid and ALR's beams across cycles) on one workload, over seeds. Each (policy, seed) is a
 * {@link PruneCell}: one full prune run, cycles 0…{@code cycles}, through the same
 * {@link PruneConfig} {@code alr prune} builds. Immutable and thread-safe; build one with
 * {@link #named(String)}, then apply overrides with the {@code with…} methods.
 *
 * <p>The standard suite's learning-rate parameters are the named constants below ({@link #DENSE_MAX_LR},
 * {@link #SILO_ALPHA}, …): change them there; the report prints them.
 *
 * @param name          {@code prune} or {@code prune-quick}
 * @param model         model name ({@code mlp})
 * @param hidden        hidden widths of the mlp
 * @param dataset       dataset name
 * @param limit         the first {@code limit} training samples are used (validation included)
 * @param val           the last {@code val} of them are the validation split the policies rank by
 * @param batch         mini-batch size
 * @param updater       updater ({@code momentum})
 * @param momentum      its momentum
 * @param fraction      prune fraction p per cycle
 * @param cycles        prune cycles after the dense cycle 0
 * @param cycleEpochs   epochs per cycle E
 * @param seeds         run seeds
 * @param policies      policies run, in report order
 * @param constantMaxLr constant's {@code max_lr} every cycle
 * @param oracleGrid    the oracle's {@code max_lr} grid per cycle
 * @param alrBeams      ALR's lines kept (M)
 * @param alrFactors    ALR's factors on each line's {@code max_lr}
 * @param alrStartLr    ALR's {@code max_lr} in cycle 0
 * @param silo          SILO's S-curve (offset, alpha, beta, delay)
 * @param criterion     prune criterion, as {@code alr prune --criterion} spells it
 * @param reset         reset after pruning, as {@code alr prune --reset} spells it
 */
public record PruneSuite(String name, String model, List<Integer> hidden, String dataset, int limit, int val,
                         int batch, String updater, double momentum, double fraction, int cycles, int cycleEpochs,
                         List<Long> seeds, List<String> policies, double constantMaxLr, List<Double> oracleGrid,
                         int alrBeams, List<Double> alrFactors, double alrStartLr, SiloCurve silo, String criterion,
                         String reset) {

  /** The suite names {@link #named} accepts. */
  public static final List<String> NAMES = List.of("prune", "prune-quick");
  /** The policies, in report order. */
  public static final List<String> POLICIES = List.of("silo", "constant", "oracle", "alr");

  /** Standard suite: the dense network's tuned {@code max_lr} (constant's value, ALR's start, SILO's offset). */
  public static final double DENSE_MAX_LR = 0.08;
  /** Standard suite: SILO's S-curve floor. */
  public static final double SILO_OFFSET = DENSE_MAX_LR;
  /**
   * Standard suite: SILO's S-curve rise, derived on a held-out seed (100): the per-cycle oracle
   * (grid 0.02…0.32) chose max_lr with a geometric mean of 0.153 over cycles 9–15 (sparsity ≥ 86.6 %),
   * so offset + alpha = 0.15 (bench/RESULTS.md §14).
   */
  public static final double SILO_ALPHA = 0.07;
  /** Standard suite: SILO's S-curve steepness. */
  public static final double SILO_BETA = 5;
  /** Standard suite: cycles SILO's S-curve lags the sparsity. */
  public static final int SILO_DELAY = 1;
  /** Standard suite: the oracle's grid, ×2 steps around {@link #DENSE_MAX_LR}. */
  public static final List<Double> ORACLE_GRID = List.of(0.02, 0.04, 0.08, 0.16, 0.32);
  /** Standard suite: ALR's beams. */
  public static final int ALR_BEAMS = 2;
  /** Standard suite: ALR's factors. */
  public static final List<Double> ALR_FACTORS = List.of(0.5, 1.0, 2.0);

  /**
   * Measured seconds per training sample per epoch of one LeNet-300-100 candidate on one core
   * (10,000 samples × 2 epochs ≈ 4 s, evaluation included; see README), for the run-time estimate.
   */
  public static final double SECONDS_PER_SAMPLE_EPOCH = 2.0e-4;

  /** Copies and validates (one line naming the flag). */
  public PruneSuite {
    hidden = List.copyOf(hidden);
    seeds = List.copyOf(seeds);
    policies = List.copyOf(policies);
    oracleGrid = List.copyOf(oracleGrid);
    alrFactors = List.copyOf(alrFactors);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("--seeds: needs at least one seed");
    }
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("--strategies: needs at least one policy; allowed: "
          + String.join(", ", POLICIES));
    }
    for (String p : policies) {
      if (!POLICIES.contains(p)) {
        throw new IllegalArgumentException("--strategies: unknown prune policy '" + p + "'; allowed: "
            + String.join(", ", POLICIES));
      }
    }
    if (policies.stream().distinct().count() != policies.size()) {
      throw new IllegalArgumentException("--strategies: a policy is named twice in " + policies);
    }
    if (cycles < 1) {
      throw new IllegalArgumentException("--cycles: must be >= 1, got " + cycles);
    }
    if (cycleEpochs < 1) {
      throw new IllegalArgumentException("--epochs: cycle epochs must be >= 1, got " + cycleEpochs);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("--limit: must be >= 0 (0 = all), got " + limit);
    }
    if (val < 1 || (limit > 0 && val >= limit)) {
      throw new IllegalArgumentException("--val: must be >= 1 and below --limit " + limit + ", got " + val);
    }
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("prune fraction must be in (0, 1), got " + fraction);
    }
  }

  /**
   * The named suite.
   * <ul>
   *   <li>{@code prune}: LeNet-300-100 ({@code --hidden 300,100}) on Fashion-MNIST, the first 12,000
   *       training samples of which the last 2,000 are the validation split, batch 64, momentum 0.9,
   *       p = 0.2, cycles 0…15 (96.5 % sparsity), 2 epochs per cycle, seeds 1–3, the four policies.
   *   <li>{@code prune-quick}: a CI-sized run of the same shape: a 32-unit mlp on 600 synthetic samples
   *       (200 validation), 3 cycles of 1 epoch, seed 1, a 3-value oracle grid. It checks the wiring, not
   *       the policies: 7 steps per cycle leave the synthetic classes at about chance accuracy.
   * </ul>
   *
   * @throws IllegalArgumentException naming {@code --suite} for an unknown name
   */
  public static PruneSuite named(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "prune" -> new PruneSuite("prune", "mlp", List.of(300, 100), "fashion-mnist", 12_000, 2_000, 64,
          "momentum", 0.9, 0.2, 15, 2, List.of(1L, 2L, 3L), POLICIES, DENSE_MAX_LR, ORACLE_GRID, ALR_BEAMS,
          ALR_FACTORS, DENSE_MAX_LR, new SiloCurve(SILO_OFFSET, SILO_ALPHA, SILO_BETA, SILO_DELAY), "magnitude",
          "rewind-init");
      case "prune-quick" -> new PruneSuite("prune-quick", "mlp", List.of(32), "synthetic", 600, 200, 64, "momentum",
          0.9, 0.2, 3, 1, List.of(1L), POLICIES, DENSE_MAX_LR, List.of(0.04, 0.08, 0.16), ALR_BEAMS, ALR_FACTORS,
          DENSE_MAX_LR, new SiloCurve(SILO_OFFSET, SILO_ALPHA, SILO_BETA, SILO_DELAY), "magnitude", "rewind-init");
      default -> throw new IllegalArgumentException("--suite: unknown suite '" + name + "'; allowed: "
          + String.join(", ", NAMES));
    };
  }

  /** This suite with other seeds (empty or {@code null} keeps them). */
  public PruneSuite withSeeds(List<Long> s) {
    return s == null || s.isEmpty() ? this : new PruneSuite(name, model, hidden, dataset, limit, val, batch, updater,
        momentum, fraction, cycles, cycleEpochs, s, policies, constantMaxLr, oracleGrid, alrBeams, alrFactors,
        alrStartLr, silo, criterion, reset);
  }

  /** This suite with other policies (empty or {@code null} keeps them). */
  public PruneSuite withPolicies(List<String> p) {
    return p == null || p.isEmpty() ? this : new PruneSuite(name, model, hidden, dataset, limit, val, batch, updater,
        momentum, fraction, cycles, cycleEpochs, seeds, p, constantMaxLr, oracleGrid, alrBeams, alrFactors,
        alrStartLr, silo, criterion, reset);
  }

  /** This suite with another cycle count ({@code null} keeps it). */
  public PruneSuite withCycles(Integer c) {
    return c == null ? this : new PruneSuite(name, model, hidden, dataset, limit, val, batch, updater, momentum,
        fraction, c, cycleEpochs, seeds, policies, constantMaxLr, oracleGrid, alrBeams, alrFactors, alrStartLr, silo,
        criterion, reset);
  }

  /** This suite with another cycle epoch count ({@code null} keeps it). */
  public PruneSuite withCycleEpochs(Integer e) {
    return e == null ? this : new PruneSuite(name, model, hidden, dataset, limit, val, batch, updater, momentum,
        fraction, cycles, e, seeds, policies, constantMaxLr, oracleGrid, alrBeams, alrFactors, alrStartLr, silo,
        criterion, reset);
  }

  /**
   * This suite on another number of samples ({@code null} keeps it) and validation split
   * ({@code null}: the suite's share of the samples, at least 1).
   */
  public PruneSuite withSamples(Integer l, Integer v) {
    if (l == null && v == null) {
      return this;
    }
    int newLimit = l == null ? limit : l;
    int newVal = v != null ? v : l == null || limit == 0 ? val : (int) Math.max(1, Math.round((double) val * l / limit));
    return new PruneSuite(name, model, hidden, dataset, newLimit, newVal, batch, updater, momentum, fraction, cycles,
        cycleEpochs, seeds, policies, constantMaxLr, oracleGrid, alrBeams, alrFactors, alrStartLr, silo, criterion,
        reset);
  }

  /** The run's workload for {@code seed}. */
  public WorkloadSpec workload(long seed, String dataDir) {
    return new WorkloadSpec(model, hidden, dataset, dataDir, limit, val, batch, updater, momentum, seed);
  }

  /** The engine policy {@code policy} names, with this suite's parameters. */
  public PrunePolicy policy(String policy) {
    return PrunePolicy.of(policy, "alr".equals(policy) ? alrStartLr : constantMaxLr, fraction, silo, oracleGrid,
        alrBeams, alrFactors);
  }

  /** The run of {@code policy} with {@code seed}, as {@code alr prune} builds it, on one worker. */
  public PruneConfig config(String policy, long seed, String dataDir) {
    return new PruneConfig(workload(seed, dataDir), policy(policy), cycles, fraction, cycleEpochs, criterion, reset,
        CycleSchedule.SILO, 1);
  }

  /** Candidate-cycles one run of {@code policy} trains (cycles 0…{@code cycles}). */
  public long plannedCandidateCycles(String policy) {
    PrunePolicy p = policy(policy);
    long n = 0;
    for (int c = 0; c <= cycles; c++) {
      n += p.candidatesPerCycle(c);
    }
    return n;
  }

  /** Candidate-cycles the whole suite trains. */
  public long plannedCandidateCycles() {
    return seeds.size() * policies.stream().mapToLong(this::plannedCandidateCycles).sum();
  }

  /** Training samples per epoch (the limit less the validation split; 0 when all samples are used). */
  public int trainSamples() {
    return limit == 0 ? 0 : limit - val;
  }

  /**
   * Estimated wall seconds of the whole suite on {@code parallel} cores, from
   * {@link #SECONDS_PER_SAMPLE_EPOCH}: the candidate-cycles shared over the cores, but no less than
   * the longest cell (NaN when all samples are used and their count is unknown here).
   */
  public double estimatedSeconds(int parallel) {
    if (limit == 0) {
      return Double.NaN;
    }
    double perCandidate = cycleEpochs * (double) trainSamples() * SECONDS_PER_SAMPLE_EPOCH;
    long longest = policies.stream().mapToLong(this::plannedCandidateCycles).max().orElse(0);
    int cores = Math.max(1, Math.min(parallel, seeds.size() * policies.size()));
    return perCandidate * Math.max((double) plannedCandidateCycles() / cores, longest);
  }

  /** The sparsity after cycle {@code c}: {@code 1 − (1 − p)^c}. */
  public double sparsity(int c) {
    return 1 - Math.pow(1 - fraction, c);
  }

  /**
   * Everything that decides the records of {@code policy}'s runs, as one line: a stored cell whose
   * line differs was trained with other parameters and is trained again.
   */
  public String parameters(String policy) {
    String common = String.format(Locale.ROOT, "%s %s %s limit=%d val=%d batch=%d %s:%s p=%s cycles=%d E=%d %s %s",
        model, hidden, dataset, limit, val, batch, updater, num(momentum), num(fraction), cycles, cycleEpochs,
        criterion, reset);
    return common + " " + policyParameters(policy);
  }

  /** The parameters of {@code policy} alone, as the report prints them. */
  public String policyParameters(String policy) {
    return switch (policy) {
      case "silo" -> String.format(Locale.ROOT, "offset=%s alpha=%s beta=%s delay=%d", num(silo.offset()),
          num(silo.alpha()), num(silo.beta()), silo.delay());
      case "constant" -> "max_lr=" + num(constantMaxLr);
      case "oracle" -> "grid=" + nums(oracleGrid);
      case "alr" -> String.format(Locale.ROOT, "beams=%d factors=%s start=%s", alrBeams, nums(alrFactors),
          num(alrStartLr));
      default -> throw new IllegalArgumentException("unknown prune policy '" + policy + "'");
    };
  }

  /**
   * The {@code bin/alr prune} command line that runs the same prune run as the cell of
   * {@code policy} and {@code seed} (its records are the cell's; {@code --workers} does not change them).
   */
  public String pruneCommand(String policy, long seed) {
    StringBuilder sb = new StringBuilder("bin/alr prune --policy ").append(policy).append(" --model ").append(model);
    if (!hidden.isEmpty()) {
      sb.append(" --hidden ").append(String.join(",", hidden.stream().map(String::valueOf).toList()));
    }
    sb.append(" --dataset ").append(dataset).append(" --limit ").append(limit).append(" --val ").append(val)
        .append(" --batch ").append(batch).append(" --updater ").append(updater).append(" --momentum ")
        .append(num(momentum)).append(" --seed ").append(seed).append(" --cycles ").append(cycles)
        .append(" --prune-fraction ").append(num(fraction)).append(" --cycle-epochs ").append(cycleEpochs)
        .append(" --criterion ").append(criterion).append(" --reset ").append(reset);
    switch (policy) {
      case "silo" -> sb.append(" --max-lr ").append(num(silo.offset())).append(" --silo-offset ")
          .append(num(silo.offset())).append(" --silo-alpha ").append(num(silo.alpha())).append(" --silo-beta ")
          .append(num(silo.beta())).append(" --silo-delay ").append(silo.delay());
      case "constant" -> sb.append(" --max-lr ").append(num(constantMaxLr));
      case "oracle" -> sb.append(" --max-lr ").append(num(constantMaxLr)).append(" --grid ").append(nums(oracleGrid));
      case "alr" -> sb.append(" --max-lr ").append(num(alrStartLr)).append(" --beam ").append(alrBeams)
          .append(" --factors ").append(nums(alrFactors));
      default -> throw new IllegalArgumentException("unknown prune policy '" + policy + "'");
    }
    return sb.toString();
  }

  /**
   * The {@code bin/alr bench} command line that runs this suite into {@code out}: the suite's name
   * and the overrides that make it differ from the named suite (seeds, policies, cycles, epochs per
   * cycle, samples and validation split). A suite whose other fields differ from every named suite
   * (built in code) gives the named suite's command plus these overrides only.
   */
  public String benchCommand(String out) {
    StringBuilder sb = new StringBuilder("bin/alr bench --suite ").append(name);
    PruneSuite base = NAMES.contains(name) ? named(name) : null;
    if (base == null || !seeds.equals(base.seeds())) {
      sb.append(" --seeds ").append(String.join(",", seeds.stream().map(String::valueOf).toList()));
    }
    if (base == null || !policies.equals(base.policies())) {
      sb.append(" --strategies ").append(String.join(",", policies));
    }
    if (base == null || cycles != base.cycles()) {
      sb.append(" --cycles ").append(cycles);
    }
    if (base == null || cycleEpochs != base.cycleEpochs()) {
      sb.append(" --epochs ").append(cycleEpochs);
    }
    if (base == null || limit != base.limit() || val != base.val()) {
      sb.append(" --limit ").append(limit).append(" --val ").append(val);
    }
    return sb.append(" --out ").append(out).toString();
  }

  /** All cells, per seed then policy (suite order). */
  public List<PruneCell> cells() {
    List<PruneCell> out = new ArrayList<>();
    for (long seed : seeds) {
      for (String p : policies) {
        out.add(new PruneCell(p, seed, parameters(p)));
      }
    }
    return out;
  }

  static String num(double x) {
    return String.format(Locale.ROOT, "%s", x == Math.rint(x) && Math.abs(x) < 1e6 ? Long.toString((long) x)
        : Double.toString(x));
  }

  static String nums(List<Double> xs) {
    return String.join(",", xs.stream().map(PruneSuite::num).toList());
  }
}
