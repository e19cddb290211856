package dev.alr.models.prune;

import dev.alr.engine.prune.PruneCandidate;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.engine.prune.PruneResult;
import dev.alr.engine.prune.PruneState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs an iterative pruning run: per cycle, the policy plans candidates; a {@link CycleTrainer}
 * trains each ({@link PruneTrainer}: local threads by default, actors through the second
 * constructor) from its parent's trained state (pruned by the
 * cycle's fraction and reset from cycle 1 on) for the cycle's epochs under the within-cycle
 * schedule; the policy keeps the survivors, whose states the next cycle starts from.
 *
 * <p>Deterministic: a candidate's training depends only on the seed, its parent's state and its
 * peak learning rate (every candidate of a cycle sees the same data order), never on the thread
 * or worker it ran on, so any number of workers gives bit-identical records.
 *
 * <p>With a {@link PruneCheckpoint}, a checkpoint is written after every cycle, and a run opened
 * to resume starts after the checkpoint's cycle from its restored records, policy state and line
 * states, giving the same records and final states as an uninterrupted run, bit for bit.
 *
 * <p>Call order: construct, then {@link #run} once. Not thread-safe; {@code run} blocks.
 */
public final class PruneRun {
  private final PruneRunConfig config;
  private final CycleTrainer trainer;

  /** @param config the run, trained on {@code config.workers()} local threads; the dataset is loaded here */
  public PruneRun(PruneRunConfig config) {
    this(config, new LocalCycleTrainer(new PruneTrainer(config), config.workers()));
  }

  /**
   * @param config  the run
   * @param trainer where each cycle's candidates are trained; {@link #run} closes it
   */
  public PruneRun(PruneRunConfig config, CycleTrainer trainer) {
    this.config = Objects.requireNonNull(config, "config");
    this.trainer = Objects.requireNonNull(trainer, "trainer");
  }

  /**
   * Trains cycles 0…{@code cycles}.
   *
   * @param onCandidate called (on the calling thread, in plan order) after each cycle for each of its records
   * @return every candidate's record, cycle by cycle, in plan order
   * @throws IllegalStateException when every candidate of a cycle diverged, or a candidate could not be trained
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
    List<PruneRecord> records = new ArrayList<>();
    Map<Integer, LineState> lines = new HashMap<>();
    PruneState state = PruneState.start();
    PruneCheckpoint.Restored from = checkpoint == null ? null : checkpoint.restored().orElse(null);
    if (from != null) {
      state = from.state();
      records.addAll(from.records());
      from.lines().forEach((id, l) -> lines.put(id, new LineState(l.trained(), l.rewindPoint(), l.epochStart())));
      from.records().forEach(onCandidate);
    }
    try {
      for (int cycle = state.cycle(); cycle <= config.cycles(); cycle++) {
        List<PruneCandidate> plan = config.policy().plan(state);
        List<CycleTrainer.Job> jobs = new ArrayList<>();
        for (PruneCandidate c : plan) {
          jobs.add(new CycleTrainer.Job(c, c.parentId() == PruneCandidate.ROOT ? null : lines.get(c.parentId())));
        }
        List<PruneTrainer.Trained> trained = trainer.train(cycle, jobs);
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
        for (PruneTrainer.Trained t : trained) {
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
      trainer.close();
    }
    return List.copyOf(records);
  }
}
