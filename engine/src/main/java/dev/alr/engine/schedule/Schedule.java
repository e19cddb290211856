package dev.alr.engine.schedule;

import dev.alr.engine.spi.Hyper;
import java.util.List;
import java.util.Objects;

/**
 * A learning-rate schedule: the learning rate (and, for 1cycle, the momentum) as a pure function
 * of the global step, counted from 0 across epochs.
 *
 * <p>Every implementation is an immutable record validated in its compact constructor, so a
 * schedule is a value: thread-safe, comparable with {@code equals} and printable with
 * {@code toString}. {@link #lr(long)} is finite and &gt; 0 for every step &ge; 0 — the model
 * interface rejects {@code lr <= 0} — so where a formula reaches 0 (cosine to 0, linear to 0,
 * REX at its end) the value is held at {@code lr0 * }{@link #FLOOR_FRACTION}. Schedules with a
 * length ({@code totalSteps}) hold their final value after it; a negative step is an
 * {@link IllegalArgumentException}.
 *
 * <p>Named instances with defaults for the command line come from {@link Schedules#create}.
 */
public sealed interface Schedule {

  /**
   * The smallest learning rate a decaying schedule returns, as a fraction of its starting rate:
   * {@code lr(step) >= lr0 * FLOOR_FRACTION}.
   */
  double FLOOR_FRACTION = 1e-6;

  /**
   * The learning rate for a step.
   *
   * @param step global optimizer step, 0-based, &ge; 0
   * @return the learning rate, finite and &gt; 0
   */
  double lr(long step);

  /**
   * The momentum (or Adam beta1) for a step, or {@code NaN} to keep the model's own. Only
   * {@link OneCycle} sets it.
   *
   * @param step global optimizer step, 0-based, &ge; 0
   * @return the momentum, or {@code NaN}
   */
  default double momentum(long step) {
    Require.step(step);
    return Double.NaN;
  }

  /**
   * The learning rate and momentum for a step, as the model interface takes them.
   *
   * @param step global optimizer step, 0-based, &ge; 0
   * @return {@code new Hyper(lr(step), momentum(step))}
   */
  default Hyper hyper(long step) {
    return new Hyper(lr(step), momentum(step));
  }

  /** {@code max(value, lr0 * FLOOR_FRACTION)}: keeps a decayed rate &gt; 0. */
  private static double floor(double value, double lr0) {
    return Math.max(value, lr0 * FLOOR_FRACTION);
  }

  /** Cosine interpolation from {@code start} (at {@code pct = 0}) to {@code end} (at 1). */
  private static double cosine(double start, double end, double pct) {
    return end + (start - end) * 0.5 * (1 + Math.cos(Math.PI * pct));
  }

  /**
   * The same learning rate at every step.
   *
   * @param lr the learning rate, finite and &gt; 0
   */
  record Constant(double lr) implements Schedule {
    /** Validates the rate. */
    public Constant {
      Require.positive("constant", "lr", lr);
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      return lr;
    }
  }

  /**
   * Multiplies the rate by {@code gamma} at each milestone: {@code lr0 * gamma^k}, where k is the
   * number of milestones &le; step (PyTorch {@code MultiStepLR}). The plain step schedule (decay
   * every k epochs) is the milestone list built by {@link Schedules#everyEpochs}.
   *
   * @param lr0        initial learning rate, finite and &gt; 0
   * @param milestones steps at which the rate drops, strictly increasing, each &ge; 1; copied
   * @param gamma      factor applied at each milestone, in (0, 1]
   */
  record MultiStep(double lr0, List<Long> milestones, double gamma) implements Schedule {
    /** Validates the parameters and copies the milestones. */
    public MultiStep {
      Require.positive("step", "lr0", lr0);
      Objects.requireNonNull(milestones, "step: milestones must not be null");
      milestones = List.copyOf(milestones);
      long previous = 0;
      for (long m : milestones) {
        if (m <= previous) {
          throw new IllegalArgumentException(
              "step: milestones must be strictly increasing and >= 1, got " + milestones);
        }
        previous = m;
      }
      if (!(gamma > 0 && gamma <= 1)) {
        throw Require.fail("step", "gamma", "must be in (0, 1]", gamma);
      }
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      int passed = 0;
      for (long m : milestones) {
        if (step >= m) {
          passed++;
        }
      }
      return floor(lr0 * Math.pow(gamma, passed), lr0);
    }
  }

  /**
   * Exponential decay {@code lr0 * gammaPerStep^step}, held at {@code lr0 * FLOOR_FRACTION} once
   * it falls that low. Has no length: it keeps decaying.
   *
   * @param lr0          initial learning rate, finite and &gt; 0
   * @param gammaPerStep factor per step, in (0, 1]
   */
  record Exponential(double lr0, double gammaPerStep) implements Schedule {
    /** Validates the parameters. */
    public Exponential {
      Require.positive("exponential", "lr0", lr0);
      if (!(gammaPerStep > 0 && gammaPerStep <= 1)) {
        throw Require.fail("exponential", "gammaPerStep", "must be in (0, 1]", gammaPerStep);
      }
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      return floor(lr0 * Math.pow(gammaPerStep, step), lr0);
    }
  }

  /**
   * Linear interpolation from {@code lr0} at step 0 to {@code lrEnd} at {@code totalSteps}, then
   * constant; may rise or fall. A value of 0 is held at the floor {@code lr0 * FLOOR_FRACTION}.
   *
   * @param lr0        initial learning rate, finite and &gt; 0
   * @param lrEnd      rate at {@code totalSteps}, finite and &ge; 0
   * @param totalSteps length, &ge; 1
   */
  record Linear(double lr0, double lrEnd, long totalSteps) implements Schedule {
    /** Validates the parameters. */
    public Linear {
      Require.positive("linear", "lr0", lr0);
      Require.in("linear", "lrEnd", lrEnd, 0, Double.MAX_VALUE, "[0, +inf)");
      Require.atLeast("linear", "totalSteps", totalSteps, 1);
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      double t = (double) Math.min(step, totalSteps) / totalSteps;
      return floor(lr0 + (lrEnd - lr0) * t, lr0);
    }
  }

  /**
   * Cosine annealing (Loshchilov &amp; Hutter, without restarts):
   * {@code minLr + (lr0 - minLr) * (1 + cos(pi * step / totalSteps)) / 2}, then {@code minLr}.
   * With {@code minLr = 0} the end is held at the floor {@code lr0 * FLOOR_FRACTION}.
   *
   * @param lr0        initial learning rate, finite and &gt; 0
   * @param minLr      final learning rate, in [0, lr0]
   * @param totalSteps length, &ge; 1
   */
  record Cosine(double lr0, double minLr, long totalSteps) implements Schedule {
    /** Validates the parameters. */
    public Cosine {
      Require.positive("cosine", "lr0", lr0);
      Require.in("cosine", "minLr", minLr, 0, lr0, "[0, lr0]");
      Require.atLeast("cosine", "totalSteps", totalSteps, 1);
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      double pct = (double) Math.min(step, totalSteps) / totalSteps;
      return floor(cosine(lr0, minLr, pct), lr0);
    }
  }

  /**
   * SGDR, cosine annealing with warm restarts (Loshchilov &amp; Hutter 2017): cycle i lasts
   * {@code t0Steps * tMult^i} steps, and each cycle anneals from {@code lr0} to {@code minLr} by a
   * cosine, so restarts (the rate back at {@code lr0}) fall at {@code t0}, {@code t0 + t0*tMult},
   * … (PyTorch {@code CosineAnnealingWarmRestarts}). Has no length: it keeps cycling. A 0 is held
   * at the floor {@code lr0 * FLOOR_FRACTION}.
   *
   * @param lr0     rate at the start of every cycle, finite and &gt; 0
   * @param minLr   rate approached at the end of every cycle, in [0, lr0]
   * @param t0Steps length of the first cycle, &ge; 1
   * @param tMult   growth factor of cycle length, &ge; 1
   */
  record Sgdr(double lr0, double minLr, long t0Steps, int tMult) implements Schedule {
    /** Validates the parameters. */
    public Sgdr {
      Require.positive("sgdr", "lr0", lr0);
      Require.in("sgdr", "minLr", minLr, 0, lr0, "[0, lr0]");
      Require.atLeast("sgdr", "t0Steps", t0Steps, 1);
      Require.atLeast("sgdr", "tMult", tMult, 1);
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      if (tMult == 1) {
        return floor(cosine(lr0, minLr, (double) (step % t0Steps) / t0Steps), lr0);
      }
      long start = 0;
      long length = t0Steps;
      while (step - start >= length) { // at most ~63 cycles
        start += length;
        if (length > Long.MAX_VALUE / tMult) {
          break; // the next cycle is longer than any reachable step
        }
        length *= tMult;
      }
      double pct = (double) (step - start) / length;
      return floor(cosine(lr0, minLr, pct), lr0);
    }
  }

  /**
   * Triangular cyclical learning rate (Smith 2017, "triangular" policy): rises linearly from
   * {@code baseLr} at step 0 to {@code maxLr} at {@code halfCycleSteps}, falls back to
   * {@code baseLr} at {@code 2 * halfCycleSteps}, and repeats. Has no length.
   *
   * @param baseLr         trough, finite and &gt; 0
   * @param maxLr          peak, finite and &ge; baseLr
   * @param halfCycleSteps steps from trough to peak ("stepsize" in the paper), &ge; 1
   */
  record Triangular(double baseLr, double maxLr, long halfCycleSteps) implements Schedule {
    /** Validates the parameters. */
    public Triangular {
      Require.positive("clr", "baseLr", baseLr);
      Require.in("clr", "maxLr", maxLr, baseLr, Double.MAX_VALUE, "[baseLr, +inf)");
      Require.atLeast("clr", "halfCycleSteps", halfCycleSteps, 1);
      if (halfCycleSteps > Long.MAX_VALUE / 2) {
        throw new IllegalArgumentException(
            "clr: halfCycleSteps must be <= Long.MAX_VALUE / 2, got " + halfCycleSteps);
      }
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      long position = step % (2 * halfCycleSteps);
      long fromPeak = Math.abs(position - halfCycleSteps);
      double height = 1 - (double) fromPeak / halfCycleSteps;
      return baseLr + (maxLr - baseLr) * height;
    }
  }

  /**
   * The 1cycle policy (Smith &amp; Topin 2018) as PyTorch's {@code OneCycleLR} with cosine
   * annealing and two phases. The rate rises from {@code maxLr / divFactor} at step 0 to
   * {@code maxLr} at step {@code pctStart * totalSteps - 1}, then falls to
   * {@code maxLr / (divFactor * finalDivFactor)} at step {@code totalSteps - 1}, where it stays.
   * Momentum moves inversely: {@code maxMomentum → minMomentum} while the rate rises,
   * {@code minMomentum → maxMomentum} while it falls.
   *
   * @param maxLr          peak learning rate, finite and &gt; 0
   * @param totalSteps     length, with {@code pctStart * totalSteps > 1}
   * @param pctStart       fraction of the steps spent rising, in (0, 1)
   * @param divFactor      {@code maxLr / initialLr}, finite and &ge; 1
   * @param finalDivFactor {@code initialLr / finalLr}, finite and &ge; 1
   * @param maxMomentum    momentum at the start and end, in [0, 1)
   * @param minMomentum    momentum at the peak rate, in [0, maxMomentum]
   */
  record OneCycle(double maxLr, long totalSteps, double pctStart, double divFactor,
                  double finalDivFactor, double maxMomentum, double minMomentum)
      implements Schedule {
    /** Validates the parameters. */
    public OneCycle {
      Require.positive("1cycle", "maxLr", maxLr);
      Require.atLeast("1cycle", "totalSteps", totalSteps, 2);
      if (!(pctStart > 0 && pctStart < 1)) {
        throw Require.fail("1cycle", "pctStart", "must be in (0, 1)", pctStart);
      }
      if (!(pctStart * totalSteps > 1)) {
        throw new IllegalArgumentException("1cycle: pctStart * totalSteps must be > 1 (the rise"
            + " needs at least one step), got " + pctStart + " * " + totalSteps);
      }
      Require.in("1cycle", "divFactor", divFactor, 1, Double.MAX_VALUE, "[1, +inf)");
      Require.in("1cycle", "finalDivFactor", finalDivFactor, 1, Double.MAX_VALUE, "[1, +inf)");
      if (!(maxMomentum >= 0 && maxMomentum < 1)) {
        throw Require.fail("1cycle", "maxMomentum", "must be in [0, 1)", maxMomentum);
      }
      Require.in("1cycle", "minMomentum", minMomentum, 0, maxMomentum, "[0, maxMomentum]");
    }

    /** The rate at step 0: {@code maxLr / divFactor}. */
    public double initialLr() {
      return maxLr / divFactor;
    }

    /** The rate from step {@code totalSteps - 1} on: {@code initialLr / finalDivFactor}. */
    public double finalLr() {
      return initialLr() / finalDivFactor;
    }

    /** The (fractional) step at which the rate peaks: {@code pctStart * totalSteps - 1}. */
    public double peakStep() {
      return pctStart * totalSteps - 1;
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      double peak = peakStep();
      if (step <= peak) {
        return cosine(initialLr(), maxLr, step / peak);
      }
      return cosine(maxLr, finalLr(), fallPct(step, peak));
    }

    @Override
    public double momentum(long step) {
      Require.step(step);
      double peak = peakStep();
      if (step <= peak) {
        return cosine(maxMomentum, minMomentum, step / peak);
      }
      return cosine(minMomentum, maxMomentum, fallPct(step, peak));
    }

    private double fallPct(long step, double peak) {
      double end = totalSteps - 1;
      return Math.min(1.0, (step - peak) / (end - peak));
    }
  }

  /**
   * REX, "reflected exponential" decay (Chen et al. 2021, "REX: Revisiting Budgeted Training
   * with an Improved Schedule"): with {@code z = min(step, totalSteps) / totalSteps},
   * {@code lr = lr0 * (1 - z) / (0.5 + 0.5 * (1 - z))}. Reaches 0 at {@code totalSteps}, where it
   * is held at the floor {@code lr0 * FLOOR_FRACTION}.
   *
   * @param lr0        initial learning rate, finite and &gt; 0
   * @param totalSteps length, &ge; 1
   */
  record Rex(double lr0, long totalSteps) implements Schedule {
    /** Validates the parameters. */
    public Rex {
      Require.positive("rex", "lr0", lr0);
      Require.atLeast("rex", "totalSteps", totalSteps, 1);
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      double rest = 1 - (double) Math.min(step, totalSteps) / totalSteps;
      return floor(lr0 * rest / (0.5 + 0.5 * rest), lr0);
    }
  }

  /**
   * Linear warm-up in front of another schedule, which is not shifted:
   * {@code lr(step) = inner.lr(step) * min(1, (step + 1) / warmupSteps)}, so step 0 runs at
   * {@code inner.lr(0) / warmupSteps} and from step {@code warmupSteps - 1} on the value is
   * exactly the inner schedule's. The inner schedule's clock keeps running during the warm-up
   * (its total length stays the run's length). Momentum is the inner schedule's.
   *
   * @param inner       the schedule being warmed up, not null
   * @param warmupSteps length of the warm-up, &ge; 1
   */
  record Warmup(Schedule inner, long warmupSteps) implements Schedule {
    /** Validates the parameters. */
    public Warmup {
      Objects.requireNonNull(inner, "warmup: inner must not be null");
      Require.atLeast("warmup", "warmupSteps", warmupSteps, 1);
    }

    @Override
    public double lr(long step) {
      double ramp = Math.min(1.0, (double) (step + 1) / warmupSteps);
      return inner.lr(step) * ramp;
    }

    @Override
    public double momentum(long step) {
      return inner.momentum(step);
    }
  }

  /**
   * A recorded LR path played back: {@code lrs[i]} for steps {@code [i·stepsPerLr, (i+1)·stepsPerLr)},
   * the last LR after the path ends. With {@code stepsPerLr} the steps of an epoch it replays a
   * per-epoch path (ALR's), with 1 a per-step path.
   *
   * @param lrs        the path, each finite and &gt; 0, at least one
   * @param stepsPerLr steps each LR lasts, &ge; 1
   */
  record Replay(List<Double> lrs, long stepsPerLr) implements Schedule {
    /** Validates the parameters and copies the path. */
    public Replay {
      lrs = List.copyOf(lrs);
      if (lrs.isEmpty()) {
        throw new IllegalArgumentException("replay: lrs must hold at least one LR");
      }
      lrs.forEach(lr -> Require.positive("replay", "lrs", lr));
      Require.atLeast("replay", "stepsPerLr", stepsPerLr, 1);
    }

    @Override
    public double lr(long step) {
      Require.step(step);
      return lrs.get((int) Math.min(step / stepsPerLr, lrs.size() - 1));
    }
  }
}
