package dev.alr.models.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Preallocated native input and one-hot label arrays for batches of one size. Each fill copies
 * the chosen rows straight into the native memory of the same two arrays, so training allocates
 * no new arrays per step.
 *
 * <p>Lifecycle: created once per batch size by a model; filled before every use; closed with the
 * model. Not thread-safe.
 */
final class BatchBuffers implements AutoCloseable {
  private final int rows;
  private final int featureCount;
  private final int classes;
  private final INDArray features;
  private final INDArray labels;
  private final FloatBuffer featureMemory;
  private final FloatBuffer labelMemory;
  private final float[] oneHot;

  /** Buffers for {@code rows} samples of {@code featureCount} floats and {@code classes} classes. */
  BatchBuffers(int rows, int featureCount, int classes) {
    this.rows = rows;
    this.featureCount = featureCount;
    this.classes = classes;
    this.features = Nd4j.create(DataType.FLOAT, rows, featureCount);
    this.labels = Nd4j.create(DataType.FLOAT, rows, classes);
    this.featureMemory = features.data().asNioFloat();
    this.labelMemory = labels.data().asNioFloat();
    this.oneHot = new float[rows * classes];
  }

  /** Number of samples these buffers hold. */
  int rows() {
    return rows;
  }

  /**
   * Copies sample {@code firstRow + rowIndex[i]} (or {@code firstRow + i} when {@code rowIndex} is
   * {@code null}) of the given arrays into position {@code i}, for every position.
   */
  void fill(float[] allFeatures, byte[] allLabels, int[] rowIndex, int firstRow) {
    Arrays.fill(oneHot, 0f);
    for (int i = 0; i < rows; i++) {
      int row = firstRow + (rowIndex == null ? i : rowIndex[i]);
      featureMemory.put(i * featureCount, allFeatures, row * featureCount, featureCount);
      oneHot[i * classes + allLabels[row]] = 1f;
    }
    labelMemory.put(0, oneHot);
  }

  /** The input array, {@code rows × featureCount}. */
  INDArray features() {
    return features;
  }

  /** The one-hot label array, {@code rows × classes}. */
  INDArray labels() {
    return labels;
  }

  @Override
  public void close() {
    features.close();
    labels.close();
  }
}
