package dev.alr.models.data;

import java.util.Objects;

/**
 * An image-classification dataset held in memory: training and test features as float rows
 * normalised to [0, 1], integer labels, the shape of one sample and the number of classes.
 *
 * <p>Immutable by contract and shared: {@link Datasets} caches one instance per source so that
 * every model in a JVM reads the same arrays. The accessors return the arrays themselves, not
 * copies; callers must not write to them. Thread-safe under that contract.
 */
public final class Dataset {
  private final String name;
  private final int channels;
  private final int height;
  private final int width;
  private final int classes;
  private final float[] trainFeatures;
  private final byte[] trainLabels;
  private final float[] testFeatures;
  private final byte[] testLabels;

  /**
   * @param name          where it came from (a name or a directory), for messages
   * @param channels      channels per sample
   * @param height        rows per sample
   * @param width         columns per sample
   * @param classes       number of classes; labels lie in {@code 0..classes-1}
   * @param trainFeatures training rows, {@code channels·height·width} floats each
   * @param trainLabels   one label per training row
   * @param testFeatures  test rows
   * @param testLabels    one label per test row
   */
  public Dataset(String name, int channels, int height, int width, int classes, float[] trainFeatures,
                 byte[] trainLabels, float[] testFeatures, byte[] testLabels) {
    this.name = Objects.requireNonNull(name, "name");
    if (channels < 1 || height < 1 || width < 1 || classes < 2) {
      throw new IllegalArgumentException("dataset " + name + ": bad shape " + channels + "x" + height + "x" + width
          + " with " + classes + " classes");
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.classes = classes;
    int features = channels * height * width;
    checkRows(name, "training", trainFeatures, trainLabels, features);
    checkRows(name, "test", testFeatures, testLabels, features);
    this.trainFeatures = trainFeatures;
    this.trainLabels = trainLabels;
    this.testFeatures = testFeatures;
    this.testLabels = testLabels;
  }

  private static void checkRows(String name, String part, float[] features, byte[] labels, int perRow) {
    if ((long) labels.length * perRow != features.length) {
      throw new DataException("dataset " + name + ": " + part + " images and labels disagree: "
          + (features.length / perRow) + " images, " + labels.length + " labels");
    }
  }

  /** Where it came from. */
  public String name() {
    return name;
  }

  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** Floats per sample: {@code channels·height·width}. */
  public int featureCount() {
    return channels * height * width;
  }

  public int classes() {
    return classes;
  }

  /** Number of training samples (before any limit or validation hold-out). */
  public int trainCount() {
    return trainLabels.length;
  }

  /** Number of test samples. */
  public int testCount() {
    return testLabels.length;
  }

  /** Training features, row after row (the shared array: do not modify). */
  public float[] trainFeatures() {
    return trainFeatures;
  }

  /** Training labels (the shared array: do not modify). */
  public byte[] trainLabels() {
    return trainLabels;
  }

  /** Test features, row after row (the shared array: do not modify). */
  public float[] testFeatures() {
    return testFeatures;
  }

  /** Test labels (the shared array: do not modify). */
  public byte[] testLabels() {
    return testLabels;
  }

  @Override
  public String toString() {
    return "Dataset[" + name + ", " + channels + "x" + height + "x" + width + ", train=" + trainCount() + ", test="
        + testCount() + "]";
  }
}
