package dev.alr.models.nn;

import dev.alr.engine.spi.Batch;
import dev.alr.models.data.Dataset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of one announced data order's batches, gathered into native arrays on first use and
 * kept for every later candidate that announces an equal order, so that the candidates of an
 * epoch trained on one model gather each batch once instead of once per candidate.
 *
 * <p>Memory: one epoch's gathered rows are as large as the training split (Fashion-MNIST's 60,000
 * samples: 188 MB). All instances of a JVM share one budget, a quarter of the maximum heap (the
 * native limit follows it); a batch that does not fit is not kept and its caller gathers it into
 * its scratch buffers as before. Announcing a different order frees the kept arrays at once
 * ({@link BatchBuffers#close()}); they are only ever used by the owning model's thread, between
 * its steps, so nothing can still be reading them.
 *
 * <p>Lifecycle: owned by one model; {@link #announce} before a candidate's steps, {@link #rows}
 * per step, {@link #close()} with the model. Not thread-safe (the shared budget is).
 */
final class GatheredBatches implements AutoCloseable {
  private static final long BUDGET = Runtime.getRuntime().maxMemory() / 4;
  private static final AtomicLong RESERVED = new AtomicLong();

  private final Dataset data;
  private List<Batch> announced = List.of();
  private Set<Batch> members = Set.of();
  private final Map<Batch, BatchBuffers> kept = new HashMap<>();
  private long bytes;

  /** Gathers from {@code data}'s training arrays. */
  GatheredBatches(Dataset data) {
    this.data = data;
  }

  /**
   * The order the coming steps walk; an order equal to the current one keeps its rows, any other
   * frees them.
   */
  void announce(List<Batch> batches) {
    if (batches.equals(announced)) {
      return;
    }
    release();
    announced = List.copyOf(batches);
    members = new HashSet<>(announced);
  }

  /**
   * The gathered rows of {@code batch} (indices already checked by the caller), gathering them
   * now when the batch belongs to the announced order and fits the budget; null otherwise.
   */
  BatchBuffers rows(Batch batch) {
    BatchBuffers rows = kept.get(batch);
    if (rows != null || !members.contains(batch)) {
      return rows;
    }
    long size = 4L * batch.size() * (data.featureCount() + data.classes());
    if (RESERVED.addAndGet(size) > BUDGET) {
      RESERVED.addAndGet(-size);
      return null;
    }
    bytes += size;
    rows = new BatchBuffers(batch.size(), data.featureCount(), data.classes());
    rows.fill(data.trainFeatures(), data.trainLabels(), batch.indices(), 0);
    kept.put(batch, rows);
    return rows;
  }

  private void release() {
    kept.values().forEach(BatchBuffers::close);
    kept.clear();
    RESERVED.addAndGet(-bytes);
    bytes = 0;
    announced = List.of();
    members = Set.of();
  }

  /** Frees the kept rows and returns their share of the budget. */
  @Override
  public void close() {
    release();
  }
}
