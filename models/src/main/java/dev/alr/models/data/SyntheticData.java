package dev.alr.models.data;

import java.util.Random;

/**
 * A seeded, learnable stand-in for Fashion-MNIST: 1×28×28 samples in [0, 1] drawn from a mixture of
 * ten Gaussian classes. Each class has a fixed random prototype image; a sample is
 * {@code clamp(0.5 + SIGNAL·prototype + NOISE·n)} with standard normal pixels {@code n}. The
 * classes overlap enough that a model needs a few hundred steps to separate them, but a linear
 * model already gets well above chance (10%) within one epoch.
 *
 * <p>Generation is a pure function of the seed (it uses {@link Random#nextGaussian()}, whose
 * algorithm is specified), so every JVM builds the same data. Stateless and thread-safe.
 */
public final class SyntheticData {
  /** Default number of training samples. */
  public static final int TRAIN = 6000;
  /** Default number of test samples. */
  public static final int TEST = 1000;
  /** Side of the square images. */
  public static final int SIDE = 28;
  /** Number of classes. */
  public static final int CLASSES = 10;
  /** Amplitude of the class prototype in each pixel. */
  static final float SIGNAL = 0.07f;
  /** Standard deviation of the per-pixel noise. */
  static final float NOISE = 0.25f;

  private SyntheticData() {
  }

  /** The default-sized synthetic dataset for {@code seed}. */
  public static Dataset generate(long seed) {
    return generate(seed, TRAIN, TEST);
  }

  /** A synthetic dataset with {@code train} training and {@code test} test samples. */
  public static Dataset generate(long seed, int train, int test) {
    int features = SIDE * SIDE;
    Random prototypeRandom = new Random(seed ^ 0x5F3759DFL);
    float[][] prototypes = new float[CLASSES][features];
    for (float[] prototype : prototypes) {
      for (int i = 0; i < features; i++) {
        prototype[i] = (float) prototypeRandom.nextGaussian();
      }
    }
    Random trainRandom = new Random(seed * 31 + 1);
    Random testRandom = new Random(seed * 31 + 2);
    float[] trainFeatures = new float[train * features];
    byte[] trainLabels = new byte[train];
    fill(trainRandom, prototypes, trainFeatures, trainLabels);
    float[] testFeatures = new float[test * features];
    byte[] testLabels = new byte[test];
    fill(testRandom, prototypes, testFeatures, testLabels);
    return new Dataset("synthetic(seed=" + seed + ")", 1, SIDE, SIDE, CLASSES, trainFeatures, trainLabels,
        testFeatures, testLabels);
  }

  private static void fill(Random random, float[][] prototypes, float[] features, byte[] labels) {
    int perRow = prototypes[0].length;
    for (int row = 0; row < labels.length; row++) {
      int label = random.nextInt(CLASSES);
      labels[row] = (byte) label;
      float[] prototype = prototypes[label];
      int base = row * perRow;
      for (int i = 0; i < perRow; i++) {
        float v = 0.5f + SIGNAL * prototype[i] + NOISE * (float) random.nextGaussian();
        features[base + i] = Math.min(1f, Math.max(0f, v));
      }
    }
  }
}
