package dev.alr.models.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains a cycle's candidates on a fixed pool of daemon threads in this JVM, one model per
 * running candidate. Use from one thread; {@link #close} stops the pool.
 */
public final class LocalCycleTrainer implements CycleTrainer {
  private final PruneTrainer trainer;
  private final ExecutorService pool;

  /**
   * @param trainer trains each candidate
   * @param threads candidates trained at once (&ge; 1)
   */
  public LocalCycleTrainer(PruneTrainer trainer, int threads) {
    this.trainer = Objects.requireNonNull(trainer, "trainer");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "alr-prune");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public List<PruneTrainer.Trained> train(int cycle, List<Job> jobs) throws InterruptedException {
    List<Future<PruneTrainer.Trained>> futures = new ArrayList<>();
    for (Job j : jobs) {
      futures.add(pool.submit(() -> trainer.train(j.candidate(), j.parent())));
    }
    List<PruneTrainer.Trained> trained = new ArrayList<>();
    for (Future<PruneTrainer.Trained> f : futures) {
      trained.add(get(f));
    }
    return trained;
  }

  private static PruneTrainer.Trained get(Future<PruneTrainer.Trained> f) throws InterruptedException {
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

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
