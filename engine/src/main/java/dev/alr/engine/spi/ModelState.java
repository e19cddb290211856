package dev.alr.engine.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A model's complete trainable state: parameters, optimizer (updater) state, step counter and
 * pruning mask, as raw buffers with a format version. This is what moves between workers and goes into
 * checkpoints; weights and momentum travel together, so a restored copy continues exactly as the
 * original would.
 *
 * <p>Immutable by contract: the arrays are not copied on construction for speed (a state is
 * ~1 MB), so a producer must hand over arrays it will not touch again, and readers must not
 * write to them. Thread-safe under that contract.
 */
public final class ModelState {
  /** Format version written by this build. */
  public static final int FORMAT_VERSION = 2;

  private final int formatVersion;
  private final String architecture;
  private final float[] params;
  private final float[] updater;
  private final long iteration;
  private final byte[] mask;

  /**
   * @param formatVersion format of the buffers ({@link #FORMAT_VERSION} for this build)
   * @param architecture  a string that identifies the network shape; restore refuses another
   * @param params        flattened parameters
   * @param updater       flattened updater state (empty for plain SGD)
   * @param iteration     optimizer steps taken so far (Adam's bias correction needs it)
   */
  public ModelState(int formatVersion, String architecture, float[] params, float[] updater, long iteration) {
    this(formatVersion, architecture, params, updater, iteration, new byte[0]);
  }

  /**
   * @param formatVersion format of the buffers ({@link #FORMAT_VERSION} for this build)
   * @param architecture  a string that identifies the network shape; restore refuses another
   * @param params        flattened parameters
   * @param updater       flattened updater state (empty for plain SGD)
   * @param iteration     optimizer steps taken so far (Adam's bias correction needs it)
   * @param mask          pruning mask, one byte per parameter (1 kept, 0 pruned), or empty for a
   *                      dense model
   */
  public ModelState(int formatVersion, String architecture, float[] params, float[] updater, long iteration,
                    byte[] mask) {
    this.mask = Objects.requireNonNull(mask, "mask");
    this.formatVersion = formatVersion;
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    this.params = Objects.requireNonNull(params, "params");
    this.updater = Objects.requireNonNull(updater, "updater");
    this.iteration = iteration;
  }

  public int formatVersion() {
    return formatVersion;
  }

  public String architecture() {
    return architecture;
  }

  /** The parameter buffer itself (not a copy): do not modify. */
  public float[] params() {
    return params;
  }

  /** The updater buffer itself (not a copy): do not modify. */
  public float[] updater() {
    return updater;
  }

  public long iteration() {
    return iteration;
  }

  /** The pruning mask itself (not a copy; empty when dense): do not modify. */
  public byte[] mask() {
    return mask;
  }

  /** Whether the state carries a pruning mask. */
  public boolean masked() {
    return mask.length > 0;
  }

  /** Size of the buffers (parameters, updater, mask) in bytes. */
  public long byteSize() {
    return 4L * (params.length + updater.length) + mask.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelState s
        && formatVersion == s.formatVersion
        && iteration == s.iteration
        && architecture.equals(s.architecture)
        && Arrays.equals(params, s.params)
        && Arrays.equals(updater, s.updater)
        && Arrays.equals(mask, s.mask);
  }

  @Override
  public int hashCode() {
    return Objects.hash(formatVersion, architecture, iteration, Arrays.hashCode(params), Arrays.hashCode(updater), Arrays.hashCode(mask));
  }

  @Override
  public String toString() {
    return "ModelState[" + architecture + ", params=" + params.length + ", updater=" + updater.length
        + ", iteration=" + iteration + (mask.length > 0 ? ", masked" : "") + "]";
  }
}
