package dev.alr.models.prune;

import java.util.Objects;

/**
 * One prunable weight array of a network as a range of its flattened parameters (a dense or
 * convolution layer's {@code W}; biases are never prunable). Immutable, thread-safe.
 *
 * @param name   the DL4J parameter key (e.g. {@code 0_W})
 * @param offset first index in the flattened parameters
 * @param length number of weights
 */
public record WeightArray(String name, long offset, long length) {
  /** Checks the range. */
  public WeightArray {
    Objects.requireNonNull(name, "name");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("weight array " + name + " has offset " + offset + ", length " + length);
    }
  }
}
