package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * The coordinator against real and fake workers in one actor system: a worker stopped while the
 * epoch is being closed, or after it closed (its beams then come from their replicas), is
 * recovered and the result equals the reference; a listener that throws
 * ends the search with a run-time failure; a worker that never answers trips the stall deadline.
 */
class CoordinatorTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 13)
      .withHidden(List.of(16)).withLimit(800).withBatchSize(50);

  private static SearchConfig config(int epochs) {
    return new SearchConfig(WORKLOAD, Strategies.beam(2, 0.5, 1, 2), 0.1, epochs, 2, true);
  }

  /** Stops worker {@code index}; {@code stopped} counts down once it has terminated. */
  private record StopWorker(int index, CountDownLatch stopped) {
  }

  /**
   * Runs {@code config} on {@code workers} workers made by {@code worker}, returning what the
   * executor would; {@code guardian} receives {@link StopWorker} requests from the listener.
   */
  private static SearchResult run(SearchConfig config, SearchListener listener, StallWatch stall, int workers,
                                  java.util.function.IntFunction<Behavior<Worker.Command>> worker,
                                  AtomicReference<ActorRef<Object>> guardian) {
    CompletableFuture<Coordinator.Finished> done = new CompletableFuture<>();
    Coordinator.Limits limits = new Coordinator.Limits(Duration.ofMinutes(10), Duration.ofMinutes(10), stall);
    Behavior<Object> root = Behaviors.setup(ctx -> {
      guardian.set(ctx.getSelf());
      List<ActorRef<Worker.Command>> refs = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        refs.add(ctx.spawn(worker.apply(i), "worker-" + i));
      }
      ctx.spawn(Coordinator.create(config, RunOptions.none(), listener, 800, refs, workers, limits,
          ctx.getSelf().narrow()), "coordinator");
      List<CountDownLatch> waiting = new ArrayList<>();
      return Behaviors.receive(Object.class)
          .onMessage(Coordinator.Finished.class, f -> {
            done.complete(f);
            return Behaviors.same();
          })
          .onMessage(StopWorker.class, m -> {
            ctx.watch(refs.get(m.index()));
            waiting.add(m.stopped());
            ctx.stop(refs.get(m.index()));
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            waiting.forEach(CountDownLatch::countDown);
            return Behaviors.same();
          })
          .build();
    });
    ActorSystem<Object> system = ActorSystem.create(root, "coordinator-test",
        ConfigFactory.load().getConfig("alr.local").withFallback(ConfigFactory.load()));
    return SystemRuns.await(system, done, stall);
  }

  private static Behavior<Worker.Command> realWorker(int i, ModelFactory factory) {
    return Worker.create("worker-" + i, () -> factory, new Worker.CandidateTrainerSpec(WORKLOAD.seed(),
        WORKLOAD.batchSize(), false), 1, Worker.ThreadSetup.NONE);
  }

  @Test
  void aWorkerStoppedWhileTheEpochClosesIsRecoveredAndTheResultIsUnchanged() {
    ModelFactory factory = Workloads.factory(WORKLOAD);
    SearchResult reference = new LocalExecutor(Workloads::factory).run(config(2), RunOptions.none(),
        SearchListener.NONE);
    AtomicReference<ActorRef<Object>> guardian = new AtomicReference<>();
    List<Integer> stoppedAt = new ArrayList<>();
    SearchListener stopWorker1 = new SearchListener() {
      @Override
      public void roundDecided(EpochRecord epoch) {
        boolean holdsABeam = epoch.candidates().stream().anyMatch(c -> c.worker().equals("worker-1")
            && epoch.beams().stream().anyMatch(b -> b.candidateId() == c.id()));
        if (stoppedAt.isEmpty() && holdsABeam) {
          CountDownLatch stopped = new CountDownLatch(1);
          guardian.get().tell(new StopWorker(1, stopped));
          try {
            assertTrue(stopped.await(30, TimeUnit.SECONDS), "worker-1 stopped");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          stoppedAt.add(epoch.epoch());
        }
      }
    };
    SearchResult r = run(config(2), stopWorker1, new StallWatch(Duration.ofMinutes(5), 3), 2,
        i -> realWorker(i, factory), guardian);
    assertEquals(1, stoppedAt.size(), "worker-1 held a beam when a round was decided and was stopped");
    DeterminismTest.assertSameSearch(reference, r, "worker stopped while closing epoch " + stoppedAt.get(0));
    assertTrue(r.epochs().get(r.epochs().size() - 1).candidates().stream().allMatch(c -> c.worker().equals("worker-0")),
        "the last epoch ran on the survivor");
  }

  @Test
  void aWorkerStoppedAfterARoundIsReplacedByTheReplicasOfItsBeamsAndTheResultIsUnchanged() {
    // three workers: two survive, so the kept states stay replicated worker to worker (one survivor
    // would secure them by copies on the search node, as a single worker does)
    ModelFactory factory = Workloads.factory(WORKLOAD);
    SearchResult reference = new LocalExecutor(Workloads::factory).run(config(3), RunOptions.none(),
        SearchListener.NONE);
    AtomicReference<ActorRef<Object>> guardian = new AtomicReference<>();
    List<Integer> stoppedAfter = new ArrayList<>();
    SearchListener stopWorker1 = new SearchListener() {
      @Override
      public void epochFinished(EpochRecord epoch) {
        boolean holdsABeam = epoch.candidates().stream().anyMatch(c -> c.worker().equals("worker-1")
            && epoch.beams().stream().anyMatch(b -> b.candidateId() == c.id()));
        if (stoppedAfter.isEmpty() && epoch.epoch() < 3 && holdsABeam) {
          CountDownLatch stopped = new CountDownLatch(1);
          guardian.get().tell(new StopWorker(1, stopped));
          try {
            assertTrue(stopped.await(30, TimeUnit.SECONDS), "worker-1 stopped");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          stoppedAfter.add(epoch.epoch());
        }
      }
    };
    SearchResult r = run(config(3), stopWorker1, new StallWatch(Duration.ofMinutes(5), 3), 3,
        i -> realWorker(i, factory), guardian);
    assertEquals(1, stoppedAfter.size(), "worker-1 held a beam after a round and was stopped");
    DeterminismTest.assertSameSearch(reference, r, "worker stopped after epoch " + stoppedAfter.get(0));
    for (EpochRecord e : r.epochs().subList(0, r.epochs().size() - 1)) {
      assertEquals(0, e.searchNodeStateBytes(), "epoch " + e.epoch() + ": the lost beams came from their replicas,"
          + " not from the search node");
    }
    EpochRecord next = r.epochs().get(stoppedAfter.get(0));
    assertTrue(next.candidates().stream().noneMatch(c -> c.worker().equals("worker-1")),
        "the epoch after the stop ran on the survivors");
  }

  @Test
  void aListenerThatThrowsEndsTheSearchWithARunTimeFailure() {
    ModelFactory factory = Workloads.factory(WORKLOAD);
    SearchListener throwing = new SearchListener() {
      @Override
      public void epochFinished(EpochRecord epoch) {
        throw new IllegalStateException("listener broke");
      }
    };
    SearchFailedException e = assertThrows(SearchFailedException.class, () -> run(config(1), throwing,
        new StallWatch(Duration.ofMinutes(5), 3), 1, i -> realWorker(i, factory), new AtomicReference<>()));
    assertTrue(e.getMessage().contains("listener broke"), e.getMessage());
  }

  @Test
  void aWorkerThatNeverAnswersTripsTheStallDeadline() {
    long started = System.nanoTime();
    SearchFailedException e = assertThrows(SearchFailedException.class, () -> run(config(1), SearchListener.NONE,
        new StallWatch(Duration.ofSeconds(1), 3), 1, i -> Behaviors.ignore(), new AtomicReference<>()));
    double seconds = (System.nanoTime() - started) / 1e9;
    assertTrue(e.getMessage().startsWith("the search stalled"), e.getMessage());
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    assertTrue(seconds < 30, "gave up after " + seconds + " s");
  }
}
