package dev.alr.cli;

import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.FactorSpan;
import dev.alr.engine.policy.Halving;
import dev.alr.engine.policy.LrBounds;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.policy.ProbeRule;
import dev.alr.engine.policy.SelectOn;
import dev.alr.engine.schedule.Grid;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options that say how LRs are chosen: {@code --strategy} and its parameters. */
public final class StrategyOptions {
  @Option(names = "--strategy", defaultValue = "alr",
      description = "alr (beam search with an opening round, adaptive span, validation ranking after a short "
          + "decay, halving, last epoch annealed), alr-classic (the paper's: factors 0.5,1,2 on the training loss), "
          + "nprobe, schedule:<name>, grid:<name>, or an optimizer that replaces --updater: "
          + "schedule-free, dog, adam (Adam at LR 1e-3) (default: ${DEFAULT-VALUE})")
  String strategy;

  @Option(names = "--beam", defaultValue = "2", paramLabel = "M", description = "ALR: beams kept (default: ${DEFAULT-VALUE})")
  int beam;

  @Option(names = "--factors", split = ",", paramLabel = "F1,F2,...|adaptive[:BASE,CAP[,N]]",
      description = "LR factors (default: alr adaptive, alr-classic 0.5,1,2, nprobe 2,1,0.5); adaptive: a geometric "
          + "grid around 1 whose span widens when the best candidate used an edge factor (default base 2, cap 16, N 3)")
  List<String> factorArgs;

  @Option(names = "--opening", split = ",", paramLabel = "SPAN[,N]|none",
      description = "alr with adaptive factors: the first round tries N factors spaced geometrically from 1/SPAN to "
          + "SPAN around the start LR (N odd >= 3, default 7; SPAN > 1), so a start LR decades from the good region "
          + "is left in one round (default: alr 1000,7 with adaptive factors; alr-classic none)")
  List<String> openingArgs;

  @Option(names = "--anneal", paramLabel = "none|linear|cosine",
      description = "alr: the final epoch(s) decay as one curve to ~0, each candidate's LR following it from the "
          + "level ALR chose (default: alr cosine, alr-classic none)")
  String anneal;

  @Option(names = "--anneal-epochs", defaultValue = "1", paramLabel = "K",
      description = "alr: how many final epochs the decay spans (default: ${DEFAULT-VALUE}; --epochs: a whole-run "
          + "schedule whose level ALR chooses each epoch)")
  int annealEpochs;

  @Option(names = "--halving", paramLabel = "ETA",
      description = "alr: successive halving within each round: after each rung only the best 1/ETA of the candidates "
          + "(at least --beam) train on; ETA > 1 (default: alr 4; alr-classic off, 3 when only --rungs is given)")
  Double halvingRate;

  @Option(names = "--rungs", paramLabel = "R",
      description = "alr: rungs per round with --halving; rung r ends at ETA^(r-R) of the round's batches, R >= 1 "
          + "(default: 2 for alr and with --halving; 1 is no halving)")
  Integer rungs;

  @Option(names = "--max-drop", paramLabel = "F",
      description = "alr: after the first epoch the LR falls by at most this factor per round (factors below it "
          + "are raised to it; a round retried after divergence is not bounded), 0 < F <= 1 (default: unbounded)")
  Double maxDrop;

  @Option(names = "--rank-tail", paramLabel = "F",
      description = "alr: rank candidates on annealed end points: each un-annealed candidate's LR decays linearly "
          + "to ~0 over the last F of its steps and it is ranked on those steps' mean loss (with --select val: on "
          + "the validation loss after it), 0 <= F <= 1, 0: rank on the raw loss (default: alr "
          + Strategies.Alr.DEFAULT_RANK_TAIL + ", alr-classic 0)")
  Double rankTail;

  @Option(names = "--min-lr", defaultValue = "1e-6", description = "lower LR clamp (default: ${DEFAULT-VALUE})")
  double minLr;

  @Option(names = "--max-lr", defaultValue = "10", description = "upper LR clamp (default: ${DEFAULT-VALUE})")
  double maxLr;

  @Option(names = "--select", paramLabel = "train|val",
      description = "rank ALR candidates / grid lines on train or val loss; val without --val holds out a tenth of "
          + "the training samples (default: alr val, others train)")
  String select;

  @Option(names = "--max-backoffs", defaultValue = "3",
      description = "ALR: retries of a fully diverged epoch at half the LRs (default: ${DEFAULT-VALUE})")
  int maxBackoffs;

  @Option(names = "--probe-every", paramLabel = "K",
      description = "nprobe: probe every K steps, K >= 1 (default: " + NProbeSettings.DEFAULT_EVERY + "; paper: 1)")
  Integer probeEvery;

  @Option(names = "--probe-batch", paramLabel = "B",
      description = "nprobe: probe batch size, 1 to --batch (default: the whole batch; paper: 16)")
  Integer probeBatch;

  @Option(names = "--probe-rule", paramLabel = "paper|smooth|rex|cosine|calibrated",
      description = "nprobe: paper = the seed's rule (every step, 16 samples); smooth = its LR smoothed in log space; "
          + "rex/cosine = the smoothed LR times a REX/cosine decay over the run; calibrated = the first 16 probes "
          + "try 1/4..4 of the LR and jump to the best, then rex with each step at 2x the probed level "
          + "(default: calibrated)")
  String probeRule;

  @Option(names = "--probe-on", defaultValue = "same", paramLabel = "same|separate",
      description = "nprobe: probe on the first samples of the gradient's own batch (same) or on a batch drawn "
          + "separately from the training set (default: ${DEFAULT-VALUE})")
  String probeOn;

  @Option(names = "--sf-beta", paramLabel = "B",
      description = "schedule-free: y = (1-B)z + Bx, B in [0, 1) (default: "
          + Strategies.ScheduleFree.DEFAULT_BETA + ")")
  Double sfBeta;

  @Option(names = "--dog-eps", paramLabel = "E",
      description = "dog: initial movement relative to 1 + |x0|, > 0 (default: " + Strategies.Dog.DEFAULT_EPSILON + ")")
  Double dogEps;

  @Option(names = "--grid-min", defaultValue = "0.001", description = "grid: lowest initial LR (default: ${DEFAULT-VALUE})")
  double gridMin;

  @Option(names = "--grid-max", defaultValue = "1", description = "grid: highest initial LR (default: ${DEFAULT-VALUE})")
  double gridMax;

  @Option(names = "--grid-points", defaultValue = "7", description = "grid: log-spaced points (default: ${DEFAULT-VALUE})")
  int gridPoints;

  /** The validated strategy. */
  Strategy strategy() {
    boolean alr = strategy.equals("alr");
    boolean classic = strategy.equals("alr-classic");
    String sel = select == null ? (alr ? "val" : "train") : select;
    SelectOn selectOn = switch (sel.toLowerCase(Locale.ROOT)) {
      case "train" -> SelectOn.TRAIN;
      case "val" -> SelectOn.VAL;
      default -> throw new IllegalArgumentException("--select: must be train or val, got '" + select + "'");
    };
    FactorsArg given = FactorsArg.parse(factorArgs);
    if (alr && given.fixed() == null) {
      FactorSpan span = given.span() == null ? FactorSpan.defaults() : given.span();
      given = new FactorsArg(null, openingArgs == null ? span.withOpening() : span);
    }
    FactorsArg parsed = given.withOpening(openingArgs);
    List<Double> factors = parsed.fixed();
    Anneal annealing = new Anneal(Anneal.Shape.parse(anneal == null ? (alr ? "cosine" : "none") : anneal),
        annealEpochs);
    Halving halving = halving(alr);
    if (alr || classic) {
      if (maxDrop != null && !(maxDrop > 0 && maxDrop <= 1)) {
        throw new IllegalArgumentException("--max-drop: must be in (0, 1], got " + maxDrop);
      }
      if (rankTail != null && !(rankTail >= 0 && rankTail <= 1)) {
        throw new IllegalArgumentException("--rank-tail: must be in [0, 1] (0: rank on the raw loss), got " + rankTail);
      }
      double tail = rankTail == null ? (alr ? Strategies.Alr.DEFAULT_RANK_TAIL : Strategies.Alr.RAW) : rankTail;
      return new Strategies.Alr(new BeamSearch(beam, factors == null && parsed.span() == null ? List.of(0.5, 1.0, 2.0)
          : factors, minLr, maxLr, selectOn, maxBackoffs, parsed.span()), annealing, halving,
          maxDrop == null ? Strategies.Alr.UNBOUNDED : maxDrop, tail);
    }
    if (maxDrop != null || rankTail != null) {
      throw new IllegalArgumentException((maxDrop != null ? "--max-drop" : "--rank-tail")
          + ": applies to --strategy alr only");
    }
    if (halvingRate != null || rungs != null) {
      throw new IllegalArgumentException((halvingRate != null ? "--halving" : "--rungs")
          + ": applies to --strategy alr only");
    }
    if (parsed.span() != null) {
      throw new IllegalArgumentException("--factors: adaptive applies to --strategy alr only");
    }
    if (annealing.active()) {
      throw new IllegalArgumentException("--anneal: applies to --strategy alr only");
    }
    if (strategy.equals("nprobe")) {
      boolean same = switch (probeOn.toLowerCase(Locale.ROOT)) {
        case "same" -> true;
        case "separate" -> false;
        default -> throw new IllegalArgumentException("--probe-on: must be same or separate, got '" + probeOn + "'");
      };
      ProbeRule rule = probeRule == null ? NProbeSettings.DEFAULT_RULE : ProbeRule.parse(probeRule);
      if (probeBatch != null && probeBatch < 1) {
        throw new IllegalArgumentException("--probe-batch: must be in [1, --batch], got " + probeBatch);
      }
      NProbeSettings d = rule == ProbeRule.PAPER ? NProbeSettings.paper() : NProbeSettings.defaults();
      return new Strategies.NProbe(new NProbeSettings(factors == null ? d.factors() : factors,
          probeEvery == null ? d.every() : probeEvery, probeBatch == null ? d.probeBatch() : probeBatch, same, minLr,
          maxLr, rule));
    }
    switch (strategy) {
      case "schedule-free" -> {
        return Strategies.scheduleFree(sfBeta == null ? Strategies.ScheduleFree.DEFAULT_BETA : sfBeta);
      }
      case "dog" -> {
        return Strategies.dog(dogEps == null ? Strategies.Dog.DEFAULT_EPSILON : dogEps);
      }
      case "adam" -> {
        return Strategies.adam();
      }
      default -> {
        // the named strategies below
      }
    }
    if (strategy.startsWith("schedule:")) {
      return Strategies.schedule(strategy.substring("schedule:".length()));
    }
    if (strategy.startsWith("grid:")) {
      LrBounds.validate(gridMin, gridMax);
      List<Double> lrs = Arrays.stream(Grid.lrs(gridMin, gridMax, gridPoints)).boxed().toList();
      return new Strategies.GridSchedule(strategy.substring("grid:".length()), lrs, selectOn);
    }
    throw new IllegalArgumentException("--strategy: unknown strategy '" + strategy
        + "'; allowed: alr, alr-classic, nprobe, schedule:<name>, grid:<name>, schedule-free, dog, adam");
  }

  /**
   * {@code --halving} and {@code --rungs}: for {@code alr} η 4 and 2 rungs unless given; for the
   * others off unless one is given, then η 3 and 2 rungs by default.
   */
  private Halving halving(boolean alr) {
    if (halvingRate == null && rungs == null) {
      return alr ? Strategies.Alr.DEFAULT_HALVING : Halving.NONE;
    }
    double eta = halvingRate == null ? (alr ? Strategies.Alr.DEFAULT_HALVING.rate() : 3) : halvingRate;
    if (!(eta > 1) || Double.isInfinite(eta)) {
      throw new IllegalArgumentException("--halving: must be a finite number > 1 (1/ETA of the candidates continue "
          + "after each rung), got " + halvingRate);
    }
    int r = rungs == null ? 2 : rungs;
    if (r < 1) {
      throw new IllegalArgumentException("--rungs: must be >= 1, got " + rungs);
    }
    if (r == 1) {
      return Halving.NONE;
    }
    return new Halving(eta, r);
  }
}
