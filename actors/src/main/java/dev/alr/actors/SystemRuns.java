package dev.alr.actors;

import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of an executor's run, shared by the in-process and cluster executors: wait for the
 * coordinator's single reply no longer than the search's {@link StallWatch} allows, turn a
 * failure into its {@link SearchException}, and always terminate the actor system (waiting a
 * bounded time for it). Stateless and thread-safe.
 */
public final class SystemRuns {
  private static final Logger LOG = LoggerFactory.getLogger(SystemRuns.class);
  private static final long TERMINATE_SECONDS = 60;

  private SystemRuns() {
  }

  /**
   * Waits for {@code done} until it completes or {@code stall} says the search stalled, then
   * terminates {@code system}.
   *
   * @throws SearchFailedException when the search failed at run time or stalled
   * @throws SearchException       when its input was refused
   */
  public static SearchResult await(ActorSystem<?> system, CompletableFuture<Coordinator.Finished> done,
                                   StallWatch stall) {
    try {
      Coordinator.Finished f = waitFor(done, stall);
      if (f.failure() != null) {
        throw f.failure();
      }
      return f.result();
    } finally {
      terminate(system);
    }
  }

  /** Terminates {@code system} and waits a bounded time for it to stop (a warning when it does not). */
  public static void terminate(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(TERMINATE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("the actor system did not stop cleanly within {} s: {}", TERMINATE_SECONDS, String.valueOf(e));
    }
  }

  private static Coordinator.Finished waitFor(CompletableFuture<Coordinator.Finished> done, StallWatch stall) {
    while (true) {
      long left = stall.remainingNanos();
      if (left <= 0) {
        if (done.isDone()) {
          return done.join();
        }
        throw new SearchFailedException(stall.message() + "; the last checkpoint written, if any, is resumable"
            + " with --resume");
      }
      try {
        return done.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // the deadline moves with progress: look again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SearchFailedException("interrupted while waiting for the search", e);
      } catch (ExecutionException e) {
        throw new SearchFailedException("the search failed: " + e.getCause(), e.getCause());
      }
    }
  }
}
