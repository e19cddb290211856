package dev.alr.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.alr.engine.LrRangeResult;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchExecutor;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.LrRangeTest;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.run.RangeTestRun;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs a search in this JVM on a local actor system: {@code config.workers()} {@link Worker}s,
 * one training thread each by default, or {@code slotsPerWorker} each (at most
 * {@link Capacity#maxTrainers()} trainers in all), and a {@link Coordinator},
 * watched: a coordinator that stops without replying ends the search with a failure, and the
 * wait for it has the search's stall deadline. The default {@link SearchExecutor} (found
 * by {@link java.util.ServiceLoader}).
 *
 * <p>Thread-safe: each {@link #run} call starts and terminates its own actor system.
 */
public final class ActorExecutor implements SearchExecutor {
  private final int slotsPerWorker;

  /** Workers with one training thread each (the {@link java.util.ServiceLoader} default). */
  public ActorExecutor() {
    this(1);
  }

  /**
   * Workers with {@code slotsPerWorker} training threads each, placed as a cluster's worker nodes
   * are (balanced in slots): many trainers in few actors, as the load run and its test use.
   *
   * @throws IllegalArgumentException when {@code slotsPerWorker} is below 1
   */
  public ActorExecutor(int slotsPerWorker) {
    if (slotsPerWorker < 1) {
      throw new IllegalArgumentException("slotsPerWorker: must be >= 1, got " + slotsPerWorker);
    }
    this.slotsPerWorker = slotsPerWorker;
  }

  @Override
  public SearchResult run(SearchConfig config, RunOptions options, SearchListener listener) {
    Capacity.check(slotsPerWorker == 1 ? "workers" : "workers x slots", config.workers() * slotsPerWorker);
    ModelFactory factory = Workloads.factory(config.workload());
    boolean measureVal = LocalExecutor.needsValidation(config, factory);
    Config pekko = ConfigFactory.load();
    Coordinator.Limits limits = Coordinator.Limits.of(pekko);
    CompletableFuture<Coordinator.Finished> done = new CompletableFuture<>();
    Worker.CandidateTrainerSpec spec = new Worker.CandidateTrainerSpec(config.seed(),
        config.workload().batchSize(), measureVal);
    Behavior<Coordinator.Finished> guardian = Behaviors.setup(ctx -> {
      List<ActorRef<Worker.Command>> workers = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < config.workers(); i++) {
        names.add("worker-" + i);
        workers.add(ctx.spawn(Worker.create("worker-" + i, () -> factory, spec, slotsPerWorker,
            Worker.ThreadSetup.NONE), "worker-" + i));
      }
      ActorRef<Coordinator.Command> coordinator = ctx.spawn(Coordinator.create(config, options, listener,
          factory.trainSize(), List.of(), config.workers(), limits, ctx.getSelf()), "coordinator");
      coordinator.tell(new Coordinator.WorkersChanged(workers, Collections.nCopies(workers.size(), slotsPerWorker),
          names));
      ctx.watchWith(coordinator, Coordinator.stoppedWithoutResult());
      return Behaviors.receive(Coordinator.Finished.class).onAnyMessage(f -> {
        done.complete(f);
        return Behaviors.stopped();
      }).build();
    });
    ActorSystem<Coordinator.Finished> system = ActorSystem.create(guardian, "alr", pekko.getConfig("alr.local")
        .withFallback(pekko));
    return SystemRuns.await(system, done, limits.stall());
  }

  /** Runs the range test on the calling thread, on a model built here as the workers build theirs. */
  @Override
  public LrRangeResult rangeTest(WorkloadSpec workload, LrRangeTest test, long seed) {
    return RangeTestRun.run(Workloads.factory(workload), test, seed, workload.batchSize());
  }
}
