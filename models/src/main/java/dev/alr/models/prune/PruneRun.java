package dev.alr.models.prune;

import dev.alr.engine.prune.PruneCandidate;
import dev.alr.engine.prune.PruneResult;
import dev.alr.engine.prune.PruneState;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.models.Workloads;
import dev.alr.models.nn.NetworkModel;
import dev.alr.models.nn.NetworkModelFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs an iterative pruning run on this JVM: per cycle, the policy plans candidates; each is
 * trained on one of {@code workers} threads from its parent's trained state (pruned by the
 * cycle's fraction and reset from cycle 1 on) for the cycle's epochs under the within-cycle
 * schedule; the policy keeps the survivors, whose states the next cycle starts from.
 *
 * <p>Deterministic: a candidate's training depends only on the seed, its parent's state and its
 * peak learning rate (every candidate of a cycle sees the same data order), never on the thread
 * it ran on, so any number of workers gives bit-identical records.
 *
 * <p>With a {@link PruneCheckpoint}, a checkpoint is written after every cycle, and a run opened
 * to resume starts after the checkpoint's cycle from its restored records, policy state and line
 * states, giving the same records and final states as an uninterrupted run, bit for bit.
 *
 * <p>Call order: construct, then {@link #run} once. Not thread-safe; {@code run} blocks.
 */
public final class PruneRun {
  private final PruneRunConfig config;
  private final NetworkModelFactory factory;

  /** The state a line carries from one cycle to the next. */
  private record Line(ModelState trained, float[] rewindPoint, float[] epochStart) {
  }

  /** One candidate's trained line and record. */
  private record Trained(Line line, PruneRecord record) {
  }

  /** @param config the run; the dataset is loaded here */
  public PruneRun(PruneRunConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.factory = Workloads.factory(config.workload());
  }

  /**
   * Trains cycles 0…{@code cycles}.
   *
   * @param onCandidate called (on the calling thread, in plan order) after each cycle for each of its records
   * @return every candidate's record, cycle by cycle, in plan order
   * @throws IllegalStateException when every candidate of a cycle diverged
   */
  public List<PruneRecord> run(Consumer<PruneRecord> onCandidate) throws InterruptedException {
    return run(onCandidate, null);
  }

  /**
   * Trains cycles 0…{@code cycles}, writing a checkpoint after each; when {@code checkpoint} was
   * opened to resume, starts after its cycle (its records are passed to {@code onCandidate} first).
   *
   * @param onCandidate called (on the calling thread, in plan order) after each cycle for each of its records
   * @param checkpoint  where to checkpoint and what to resume from, or {@code null} for neither
   * @return every candidate's record, cycle by cycle, in plan order
   * @throws IllegalStateException when every candidate of a cycle diverged (naming the checkpoint to resume from)
   */
  public List<PruneRecord> run(Consumer<PruneRecord> onCandidate, PruneCheckpoint checkpoint)
      throws InterruptedException {
    float[] initial;
    float[] reinitialised = null;
    try (NetworkModel m = factory.create()) {
      initial = m.export().params();
    }
    if (config.reset().kind() == ResetMode.Kind.REINIT) {
      NetworkModelFactory other = Workloads.factory(config.workload().withSeed(config.workload().seed() ^ 0x5EED));
      try (NetworkModel m = other.create()) {
        reinitialised = m.export().params();
      }
    }
    List<PruneRecord> records = new ArrayList<>();
    Map<Integer, Line> lines = new HashMap<>();
    PruneState state = PruneState.start();
    PruneCheckpoint.Restored from = checkpoint == null ? null : checkpoint.restored().orElse(null);
    if (from != null) {
      state = from.state();
      records.addAll(from.records());
      from.lines().forEach((id, l) -> lines.put(id, new Line(l.trained(), l.rewindPoint(), l.epochStart())));
      from.records().forEach(onCandidate);
    }
    ExecutorService pool = Executors.newFixedThreadPool(config.workers(), r -> {
      Thread t = new Thread(r, "alr-prune");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int cycle = state.cycle(); cycle <= config.cycles(); cycle++) {
        List<PruneCandidate> plan = config.policy().plan(state);
        List<Future<Trained>> futures = new ArrayList<>();
        float[] reinit = reinitialised;
        for (PruneCandidate c : plan) {
          Line parent = c.parentId() == PruneCandidate.ROOT ? null : lines.get(c.parentId());
          futures.add(pool.submit(() -> train(c, parent, initial, reinit)));
        }
        List<Trained> trained = new ArrayList<>();
        for (Future<Trained> f : futures) {
          trained.add(get(f));
        }
        List<PruneResult> results = trained.stream().map(t -> new PruneResult(t.record().id(),
            t.record().trainLoss(), t.record().valLoss(), t.record().valAccuracy(), t.record().sparsity(),
            t.record().sampleGradients())).toList();
        if (results.stream().noneMatch(r -> Double.isFinite(r.trainLoss()))) {
          throw new IllegalStateException("every candidate of cycle " + cycle + " diverged"
              + (checkpoint == null ? "" : "; " + checkpoint.resumeHint()));
        }
        state = config.policy().decide(state, plan, results);
        Set<Integer> kept = state.survivors().stream().map(l -> l.candidateId()).collect(Collectors.toSet());
        lines.clear();
        List<PruneRecord> cycleRecords = new ArrayList<>();
        for (Trained t : trained) {
          PruneRecord r = t.record();
          cycleRecords.add(new PruneRecord(r.cycle(), r.id(), r.parentId(), r.maxLr(), r.sparsity(), r.trainLoss(),
              r.valLoss(), r.valAccuracy(), r.testAccuracy(), kept.contains(r.id()), r.sampleGradients()));
          if (kept.contains(r.id())) {
            lines.put(r.id(), t.line());
          }
        }
        records.addAll(cycleRecords);
        if (checkpoint != null) {
          Map<Integer, PruneCheckpoint.LineState> saved = new HashMap<>();
          lines.forEach((id, l) -> saved.put(id, new PruneCheckpoint.LineState(l.trained(), l.rewindPoint(),
              l.epochStart())));
          checkpoint.write(config, cycle, state, records, saved);
        }
        cycleRecords.forEach(onCandidate);
      }
    } finally {
      pool.shutdownNow();
    }
    return List.copyOf(records);
  }

  private static Trained get(Future<Trained> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("training a candidate failed: " + cause, cause);
    }
  }

  private Trained train(PruneCandidate c, Line parent, float[] initial, float[] reinitialised) {
    try (NetworkModel model = factory.create()) {
      PrunableNetwork net;
      if (parent == null) {
        net = new PrunableNetwork(model, config.reset(), reinitialised);
      } else {
        model.restore(parent.trained());
        net = new PrunableNetwork(model, config.reset(), reinitialised, initial, parent.rewindPoint(),
            parent.epochStart());
        net.prune(config.fraction(), config.criterion());
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
      return new Trained(new Line(model.export(), net.rewindPoint(), net.epochStart()), record);
    }
  }
}
