package dev.alr.models.prune;

import dev.alr.engine.spi.ModelState;
import dev.alr.models.nn.NetworkModel;
import java.util.List;
import java.util.Objects;

/**
 * A {@link NetworkModel} under iterative pruning: keeps the weights a reset rewinds to (θ0, or
 * the weights after epoch K of the dense cycle) and the weights at the start of the current epoch
 * (for the weight-change criterion), prunes by installing a mask on the model, and resets the
 * surviving weights between cycles with a fresh updater state.
 *
 * <p>Call order per run: construct right after the model is created (θ0 is its current weights);
 * then for each cycle: for each epoch {@link #beginEpoch()}, train the model, and in cycle 0
 * {@link #endDenseEpoch(int)}; between cycles {@link #prune} then {@link #reset}. Not
 * thread-safe: the model's thread.
 */
public final class PrunableNetwork {
  private final NetworkModel model;
  private final ResetMode resetMode;
  private final float[] reinitialised;
  private final List<WeightArray> arrays;
  private final float[] initial;
  private float[] rewindPoint;
  private float[] epochStart;

  /**
   * @param model         the model, as initialised (its current weights are θ0)
   * @param resetMode     the reset this run uses (decides which weights are kept for it)
   * @param reinitialised freshly initialised weights for {@link ResetMode.Kind#REINIT}, else may be {@code null}
   */
  public PrunableNetwork(NetworkModel model, ResetMode resetMode, float[] reinitialised) {
    this.model = Objects.requireNonNull(model, "model");
    this.resetMode = Objects.requireNonNull(resetMode, "resetMode");
    if (resetMode.kind() == ResetMode.Kind.REINIT && reinitialised == null) {
      throw new IllegalArgumentException("reset reinit needs freshly initialised weights");
    }
    this.reinitialised = reinitialised == null ? null : reinitialised.clone();
    this.arrays = model.weightArrays();
    this.initial = model.export().params();
  }

  /**
   * Continues a line in a later cycle: the model already holds the line's trained state;
   * {@code initial}, {@code rewindPoint} and {@code epochStart} are what the line's
   * {@link PrunableNetwork} held ({@link #rewindPoint()}, {@link #epochStart()}).
   */
  public PrunableNetwork(NetworkModel model, ResetMode resetMode, float[] reinitialised, float[] initial,
                         float[] rewindPoint, float[] epochStart) {
    this(model, resetMode, reinitialised, Objects.requireNonNull(initial, "initial"));
    this.rewindPoint = rewindPoint;
    this.epochStart = epochStart;
  }

  private PrunableNetwork(NetworkModel model, ResetMode resetMode, float[] reinitialised, float[] initial) {
    this.model = Objects.requireNonNull(model, "model");
    this.resetMode = Objects.requireNonNull(resetMode, "resetMode");
    if (resetMode.kind() == ResetMode.Kind.REINIT && reinitialised == null) {
      throw new IllegalArgumentException("reset reinit needs freshly initialised weights");
    }
    this.reinitialised = reinitialised;
    this.arrays = model.weightArrays();
    this.initial = initial;
  }

  /** The weights a {@code rewind-epoch} reset goes back to ({@code null} until recorded). */
  public float[] rewindPoint() {
    return rewindPoint;
  }

  /** The weights at the start of the last epoch ({@code null} before the first). */
  public float[] epochStart() {
    return epochStart;
  }

  /** The model. */
  public NetworkModel model() {
    return model;
  }

  /** The prunable weight arrays. */
  public List<WeightArray> weightArrays() {
    return arrays;
  }

  /** Records the weights at the start of an epoch (the w_{T−1} of the weight-change criterion). */
  public void beginEpoch() {
    epochStart = model.export().params();
  }

  /** In the dense cycle: after epoch {@code epoch} (1-based), keeps the weights if the reset rewinds there. */
  public void endDenseEpoch(int epoch) {
    if (resetMode.kind() == ResetMode.Kind.REWIND_EPOCH && resetMode.epoch() == epoch) {
      rewindPoint = model.export().params();
    }
  }

  /**
   * Prunes {@code fraction} of the surviving prunable weights by {@code criterion} and installs
   * the mask (pruned weights and their updater state become zero).
   *
   * @return the sparsity after pruning
   */
  public Sparsity prune(double fraction, PruneCriterion criterion) {
    ModelState s = model.export();
    byte[] mask = Pruner.prune(s.params(), epochStart, s.mask(), arrays, fraction, criterion);
    model.setMask(mask);
    return sparsity();
  }

  /**
   * Resets the surviving weights ({@link ResetMode}), keeps the mask, and starts a fresh updater
   * state (zeros, iteration 0).
   *
   * @throws IllegalStateException for {@code rewind-epoch K} when cycle 0 never reached epoch K
   */
  public void reset() {
    ModelState s = model.export();
    float[] source = switch (resetMode.kind()) {
      case REWIND_INIT -> initial;
      case REWIND_EPOCH -> {
        if (rewindPoint == null) {
          throw new IllegalStateException("reset rewind-epoch " + resetMode.epoch()
              + ": the dense cycle did not reach that epoch");
        }
        yield rewindPoint;
      }
      case REINIT -> reinitialised;
      case NONE -> s.params();
    };
    float[] params = source.clone();
    byte[] mask = s.mask();
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] == 0) {
        params[i] = 0f;
      }
    }
    model.restore(new ModelState(ModelState.FORMAT_VERSION, s.architecture(), params,
        new float[s.updater().length], 0, mask));
  }

  /** Pruned fraction per array and overall. */
  public Sparsity sparsity() {
    return Sparsity.of(model.mask(), arrays);
  }
}
