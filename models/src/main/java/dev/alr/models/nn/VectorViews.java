package dev.alr.models.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Views into DL4J's flattened (rank 1 or 1×N) parameter, gradient and updater-state vectors. Stateless. */
final class VectorViews {
  private VectorViews() {
  }

  /** Elements [from, to) of a rank-1 or 1×N vector, as a view of the same rank. */
  static INDArray slice(INDArray vector, long from, long to) {
    return vector.rank() == 1 ? vector.get(NDArrayIndex.interval(from, to))
        : vector.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
  }

  /**
   * {@code view} with {@code shape} (same length), without copying.
   *
   * @throws IllegalStateException when the lengths differ or the view cannot be reshaped in place
   */
  static INDArray shaped(INDArray view, long[] shape, String who) {
    if (java.util.Arrays.equals(view.shape(), shape)) {
      return view;
    }
    INDArray r = view.length() == Shape.lengthOf(shape) ? Shape.newShapeNoCopy(view, shape, false) : null;
    if (r == null) {
      throw new IllegalStateException(who + ": a gradient of shape " + java.util.Arrays.toString(shape)
          + " does not match a state of shape " + java.util.Arrays.toString(view.shape()));
    }
    return r;
  }
}
