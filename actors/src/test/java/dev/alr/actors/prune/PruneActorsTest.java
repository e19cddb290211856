package dev.alr.actors.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.alr.actors.Worker;
import dev.alr.engine.Alr;
import dev.alr.engine.prune.BeamPolicy;
import dev.alr.engine.prune.CycleSchedule;
import dev.alr.engine.prune.PruneConfig;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.prune.PruneRun;
import dev.alr.models.prune.PruneRunConfig;
import dev.alr.models.prune.PruneTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tiny pruning run (beam 2 × 2 factors, 2 cycles after the dense one, a 16-unit MLP on 300
 * synthetic samples): local threads and actors with 1, 2 and 3 workers give bit-identical
 * records, through {@link Alr#prune} too, and a worker that dies holding jobs changes nothing.
 */
class PruneActorsTest {
  private static final WorkloadSpec SPEC = WorkloadSpec.of("mlp", "synthetic", 5).withHidden(List.of(16))
      .withUpdater("momentum", 0.9).withLimit(300).withVal(60).withBatchSize(50);
  private static final PruneConfig CONFIG = new PruneConfig(SPEC, new BeamPolicy(0.05, 2, List.of(0.5, 2.0)), 2,
      0.3, 1, "magnitude", "rewind-init", CycleSchedule.SILO, 1);
  private static List<PruneRecord> threads;

  @BeforeAll
  static void localThreads() throws InterruptedException {
    threads = new PruneRun(PruneRunConfig.of(CONFIG)).run(r -> { });
    assertEquals(2 + 4 + 4, threads.size());
  }

  private static List<PruneRecord> onActors(List<Behavior<PruneWorker.Command>> workers)
      throws InterruptedException {
    Config pekko = ConfigFactory.load();
    return new PruneRun(PruneRunConfig.of(CONFIG), ActorCycleTrainer.local(workers, pekko)).run(r -> { });
  }

  private static List<Behavior<PruneWorker.Command>> workers(int n, PruneTrainer trainer) {
    List<Behavior<PruneWorker.Command>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PruneWorker.create("w" + i, () -> trainer, 1, Worker.ThreadSetup.NONE));
    }
    return out;
  }

  @Test
  void actorsGiveTheThreadsRecordsForOneTwoAndThreeWorkers() throws InterruptedException {
    for (int w = 1; w <= 3; w++) {
      assertEquals(threads, onActors(workers(w, new PruneTrainer(PruneRunConfig.of(CONFIG)))), w + " workers");
    }
  }

  @Test
  void alrPruneFindsTheActorExecutorAndStreamsEveryRecord() {
    List<PruneRecord> streamed = new ArrayList<>();
    var outcome = Alr.prune(CONFIG.withWorkers(2), streamed::add);
    assertEquals(threads, outcome.records());
    assertEquals(threads, streamed);
    PruneRecord survivor = outcome.survivor();
    assertEquals(2, survivor.cycle());
    assertTrue(survivor.survived());
  }

  @Test
  void aWorkerDyingWithJobsInHandHasThemRerunAndChangesNothing() throws InterruptedException {
    AtomicInteger taken = new AtomicInteger();
    Behavior<PruneWorker.Command> dying = Behaviors.receive(PruneWorker.Command.class)
        .onMessage(PruneWorker.Train.class, m -> {
          taken.incrementAndGet();
          return Behaviors.stopped();
        })
        .build();
    List<Behavior<PruneWorker.Command>> workers = new ArrayList<>(workers(2, new PruneTrainer(PruneRunConfig.of(
        CONFIG))));
    workers.add(1, dying);
    assertEquals(threads, onActors(workers));
    assertTrue(taken.get() >= 1, "the dying worker was given a job");
  }
}
