package dev.alr.models.prune;

import dev.alr.engine.prune.CycleSchedule;
import dev.alr.engine.prune.PruneCandidate;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import dev.alr.models.nn.NetworkModel;
import dev.alr.models.nn.NetworkModelFactory;
import java.util.Objects;

/**
 * Trains one candidate of a pruning run: builds a model, restores the parent line's state (from
 * cycle 1 on), prunes it by the run's fraction and criterion, resets it, trains it for the
 * cycle's epochs under the within-cycle schedule scaled to the candidate's peak learning rate,
 * and evaluates it on the validation and test splits.
 *
 * <p>Deterministic: the result depends only on the run's configuration, the candidate and the
 * parent line, never on the thread, worker or node it runs on (every candidate of a cycle sees
 * the same data order), so any executor gives bit-identical records.
 *
 * <p>Call order: construct once per run (or once per worker: the construction builds the
 * initial weights from the seed), then {@link #train} any number of times. Thread-safe: each
 * {@code train} call builds and closes its own model on the calling thread.
 */
public final class PruneTrainer {
  private final Spec config;
  private final NetworkModelFactory factory;
  private final float[] initial;
  private final float[] reinitialised;
  private final ResetMode resetMode;
  private final PruneCriterion criterion;

  /** One candidate's trained line and its record ({@code survived} still false). */
  public record Trained(LineState line, PruneRecord record) {
    /** Checks both parts are present. */
    public Trained {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(record, "record");
    }
  }

  /**
   * What a trainer needs of a run, as plain data that can travel to a worker node (the policy
   * stays with the cycle loop). Immutable.
   *
   * @param workload    model, dataset, updater, batch size, seed
   * @param fraction    fraction pruned per cycle
   * @param cycleEpochs epochs per cycle
   * @param criterion   the criterion's flag spelling ({@link PruneCriterion#flagValue()})
   * @param reset       the reset's flag spelling ({@link ResetMode#flagValue()})
   * @param schedule    the within-cycle schedule
   */
  public record Spec(WorkloadSpec workload, double fraction, int cycleEpochs, String criterion,
                     String reset, CycleSchedule schedule) {
    /** The trainer's part of {@code run}. */
    public static Spec of(PruneRunConfig run) {
      return new Spec(run.workload(), run.fraction(), run.cycleEpochs(), run.criterion().flagValue(),
          run.reset().flagValue(), run.schedule());
    }

    ResetMode resetMode() {
      return ResetMode.parse(reset);
    }

    PruneCriterion pruneCriterion() {
      return PruneCriterion.parse(criterion);
    }
  }

  /** @param config the run; the dataset is loaded (or found cached) here */
  public PruneTrainer(PruneRunConfig config) {
    this(Spec.of(config));
  }

  /** @param spec the run's trainer part (on a worker node); the dataset is loaded (or found cached) here */
  public PruneTrainer(Spec spec) {
    this.config = Objects.requireNonNull(spec, "spec");
    this.resetMode = config.resetMode();
    this.criterion = config.pruneCriterion();
    this.factory = Workloads.factory(config.workload());
    try (NetworkModel m = factory.create()) {
      this.initial = m.export().params();
    }
    if (resetMode.kind() == ResetMode.Kind.REINIT) {
      NetworkModelFactory other = Workloads.factory(config.workload().withSeed(config.workload().seed() ^ 0x5EED));
      try (NetworkModel m = other.create()) {
        this.reinitialised = m.export().params();
      }
    } else {
      this.reinitialised = null;
    }
  }

  /** What this trainer trains by. */
  public Spec spec() {
    return config;
  }

  /**
   * Trains {@code c}.
   *
   * @param c      the candidate
   * @param parent its parent line's state; null exactly when {@code c} is a root (cycle 0)
   * @return the trained line and the candidate's record
   */
  public Trained train(PruneCandidate c, LineState parent) {
    if ((parent == null) != (c.parentId() == PruneCandidate.ROOT)) {
      throw new IllegalArgumentException("candidate " + c.id() + " with parent " + c.parentId()
          + (parent == null ? " needs its parent's state" : " is a root and takes no parent state"));
    }
    try (NetworkModel model = factory.create()) {
      PrunableNetwork net;
      if (parent == null) {
        net = new PrunableNetwork(model, resetMode, reinitialised);
      } else {
        model.restore(parent.trained());
        net = new PrunableNetwork(model, resetMode, reinitialised, initial, parent.rewindPoint(),
            parent.epochStart());
        net.prune(config.fraction(), criterion);
        net.reset();
      }
      int n = model.trainSize();
      int batch = config.workload().batchSize();
      long steps = (long) config.cycleEpochs() * DataOrder.batchesPerEpoch(n, batch);
      long step = 0;
      double momentum = config.workload().momentum();
      boolean setsMomentum = !config.workload().updater().equals("sgd");
      double lastLoss = Double.NaN;
      for (int e = 1; e <= config.cycleEpochs(); e++) {
        net.beginEpoch();
        double sum = 0;
        long samples = 0;
        for (Batch b : new DataOrder(config.workload().seed(), c.cycle() * config.cycleEpochs() + e).batches(n, batch)) {
          double lr = config.schedule().lr(c.maxLr(), step++, steps);
          double loss = model.step(b, setsMomentum ? new Hyper(lr, momentum) : Hyper.lr(lr));
          sum += loss * b.size();
          samples += b.size();
        }
        lastLoss = sum / samples;
        if (c.cycle() == 0) {
          net.endDenseEpoch(e);
        }
        if (!Double.isFinite(lastLoss)) {
          break;
        }
      }
      Evaluation val = model.evaluate(Split.VALIDATION);
      Evaluation test = model.evaluate(Split.TEST);
      double valLoss = Double.isFinite(lastLoss) ? val.loss() : Double.NaN;
      PruneRecord record = new PruneRecord(c.cycle(), c.id(), c.parentId(), c.maxLr(), net.sparsity().overall(),
          lastLoss, valLoss, val.accuracy(), test.accuracy(), false, (long) config.cycleEpochs() * n);
      return new Trained(new LineState(model.export(), net.rewindPoint(), net.epochStart()), record);
    }
  }
}
