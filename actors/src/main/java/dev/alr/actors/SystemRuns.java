package dev.alr.actors;

import dev.alr.engine.SearchException;
import dev.alr.engine.SearchResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The end of an executor's run, shared by the in-process and cluster executors: wait for the
 * coordinator's single reply, turn a failure into a {@link SearchException}, and always terminate
 * the actor system. Stateless and thread-safe.
 */
public final class SystemRuns {
  private SystemRuns() {
  }

  /** Waits for {@code done}, then terminates {@code system} and waits for it to stop. */
  public static SearchResult await(ActorSystem<?> system, CompletableFuture<Coordinator.Finished> done) {
    try {
      Coordinator.Finished f = done.get();
      if (f.error() != null) {
        throw new SearchException(f.error());
      }
      return f.result();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SearchException("interrupted", e);
    } catch (ExecutionException e) {
      throw new SearchException(String.valueOf(e.getCause()), e.getCause());
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        throw new SearchException("actor system did not stop cleanly: " + e.getCause(), e.getCause());
      }
    }
  }
}
