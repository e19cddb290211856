package dev.alr.actors.prune;

import com.typesafe.config.Config;
import dev.alr.actors.SystemRuns;
import dev.alr.actors.Worker;
import dev.alr.models.prune.CycleTrainer;
import dev.alr.models.prune.PruneTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A {@link CycleTrainer} on actors: each {@link #train} call asks a {@link PruneCoordinator} to
 * run the cycle on its {@link PruneWorker}s and waits for the single reply, at most
 * {@value PruneCoordinator#MAX_ATTEMPTS} attempt timeouts plus a minute. {@link #close}
 * terminates the actor system, which this trainer owns.
 *
 * <p>Use from one thread (the pruning run's cycle loop).
 */
public final class ActorCycleTrainer implements CycleTrainer {
  /** Configuration key of one attempt's timeout. */
  public static final String ATTEMPT_TIMEOUT_KEY = "alr.prune.cycle-timeout";

  private final ActorSystem<PruneCoordinator.Command> system;
  private final Duration deadline;

  /**
   * A trainer on {@code system}, whose guardian is the coordinator.
   *
   * @param attemptTimeout the coordinator's attempt timeout (the wait for a cycle is derived from it)
   */
  public ActorCycleTrainer(ActorSystem<PruneCoordinator.Command> system, Duration attemptTimeout) {
    this.system = system;
    this.deadline = attemptTimeout.multipliedBy(PruneCoordinator.MAX_ATTEMPTS).plusMinutes(1);
  }

  /**
   * {@code workers} prune workers with one training thread each in a new local actor system.
   *
   * @param trainer shared by the workers (it is thread-safe)
   * @param pekko   the configuration ({@code alr.local} over the rest, as the search's executor)
   */
  public static ActorCycleTrainer local(PruneTrainer trainer, int workers, Config pekko) {
    List<Behavior<PruneWorker.Command>> behaviors = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      behaviors.add(PruneWorker.create("prune-worker-" + i, () -> trainer, 1, Worker.ThreadSetup.NONE));
    }
    return local(behaviors, pekko);
  }

  /** A coordinator over these worker behaviors (spawned as its children) in a new local actor system. */
  public static ActorCycleTrainer local(List<Behavior<PruneWorker.Command>> workers, Config pekko) {
    Duration timeout = pekko.getDuration(ATTEMPT_TIMEOUT_KEY);
    ActorSystem<PruneCoordinator.Command> system = ActorSystem.create(PruneCoordinator.create(workers, timeout),
        "alr-prune", pekko.getConfig("alr.local").withFallback(pekko));
    return new ActorCycleTrainer(system, timeout);
  }

  @Override
  public List<PruneTrainer.Trained> train(int cycle, List<Job> jobs) throws InterruptedException {
    CompletionStage<PruneCoordinator.CycleDone> reply = AskPattern.ask(system,
        replyTo -> new PruneCoordinator.RunCycle(cycle, List.copyOf(jobs), replyTo), deadline, system.scheduler());
    PruneCoordinator.CycleDone done;
    try {
      done = reply.toCompletableFuture().get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("prune cycle " + cycle + " got no answer from its coordinator within "
          + deadline + ": " + (e.getCause() != null ? e.getCause() : e));
    }
    if (done.failure() != null) {
      throw new IllegalStateException(done.failure());
    }
    return done.trained();
  }

  @Override
  public void close() {
    SystemRuns.terminate(system);
  }
}
