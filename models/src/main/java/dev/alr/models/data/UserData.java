package dev.alr.models.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A user's own data as a workload's {@code dataset}: {@link #register} reads a training and a test
 * {@link DataSetIterator} (or arrays) once into memory under a name and returns the dataset string
 * {@code user:NAME} to put in the {@code WorkloadSpec}. The data stays in this JVM; on a cluster
 * every worker registers the same data under the same name before the search starts (or the data
 * travels as a directory of IDX files, which every worker resolves by path).
 *
 * <p>Features are read as flat float rows ({@code [n, f]} or {@code [n, c, h, w]} arrays), labels as
 * one-hot rows {@code [n, classes]} with at least two classes. The search holds out validation
 * samples from the end of the training data with the workload's {@code val}, shuffles the training
 * data by the run seed, and reports test metrics on the test data.
 *
 * <p>Thread-safe; registering a name again replaces its data for searches started afterwards.
 */
public final class UserData {
  /** The prefix of a registered dataset's name. */
  public static final String PREFIX = "user:";

  private static final Map<String, Dataset> REGISTERED = new ConcurrentHashMap<>();

  private UserData() {
  }

  /**
   * Reads {@code train} and {@code test} to their ends (each is reset first when it supports it)
   * and registers them as {@code user:name}.
   *
   * @return the workload's dataset string, {@code user:name}
   * @throws IllegalArgumentException naming the field {@code dataset} when an iterator is empty,
   *                                  or train and test disagree on features or classes
   */
  public static String register(String name, DataSetIterator train, DataSetIterator test) {
    Rows trainRows = read(name, "train", train);
    Rows testRows = read(name, "test", test);
    if (trainRows.features != testRows.features || trainRows.classes != testRows.classes) {
      throw new IllegalArgumentException("dataset " + PREFIX + name + ": train has " + trainRows.features
          + " features and " + trainRows.classes + " classes, test " + testRows.features + " and "
          + testRows.classes);
    }
    return put(name, new Dataset(PREFIX + name, 1, 1, trainRows.features, trainRows.classes, trainRows.x,
        trainRows.y, testRows.x, testRows.y));
  }

  /**
   * Registers arrays as {@code user:name}: rows of features and their class indices in
   * {@code 0..classes-1}.
   *
   * @return the workload's dataset string, {@code user:name}
   */
  public static String register(String name, float[][] trainX, int[] trainY, float[][] testX, int[] testY,
                                int classes) {
    if (trainX.length == 0 || testX.length == 0) {
      throw new IllegalArgumentException("dataset " + PREFIX + name + ": train and test need at least one row");
    }
    int features = trainX[0].length;
    return put(name, new Dataset(PREFIX + name, 1, 1, features, classes, flat(name, trainX, features),
        labels(name, trainY, classes), flat(name, testX, features), labels(name, testY, classes)));
  }

  /**
   * The data registered as {@code dataset} ({@code user:NAME}).
   *
   * @throws IllegalArgumentException naming the field {@code dataset} when nothing is registered
   *                                  under that name in this JVM
   */
  static Dataset lookup(String dataset) {
    Dataset d = REGISTERED.get(dataset);
    if (d == null) {
      throw new IllegalArgumentException("dataset: nothing registered as '" + dataset + "' in this JVM; call "
          + "UserData.register on every node before the search (registered: " + REGISTERED.keySet() + ")");
    }
    return d;
  }

  private static String put(String name, Dataset d) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("dataset: a registered dataset needs a non-blank name");
    }
    REGISTERED.put(PREFIX + name, d);
    return PREFIX + name;
  }

  private record Rows(float[] x, byte[] y, int features, int classes) {
  }

  private static Rows read(String name, String part, DataSetIterator it) {
    if (it.resetSupported()) {
      it.reset();
    }
    List<float[]> xs = new ArrayList<>();
    List<byte[]> ys = new ArrayList<>();
    int features = -1;
    int classes = -1;
    int rows = 0;
    while (it.hasNext()) {
      DataSet batch = it.next();
      INDArray f = batch.getFeatures();
      INDArray l = batch.getLabels();
      int n = (int) f.size(0);
      INDArray flat = f.reshape('c', n, f.length() / n);
      features = (int) flat.size(1);
      classes = (int) l.size(1);
      xs.add(flat.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat());
      byte[] y = new byte[n];
      INDArray arg = l.argMax(1);
      for (int i = 0; i < n; i++) {
        y[i] = (byte) arg.getInt(i);
      }
      ys.add(y);
      rows += n;
    }
    if (rows == 0) {
      throw new IllegalArgumentException("dataset " + PREFIX + name + ": the " + part + " iterator is empty");
    }
    if (classes < 2 || classes > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("dataset " + PREFIX + name + ": labels need 2.." + Byte.MAX_VALUE
          + " one-hot classes, got " + classes);
    }
    float[] x = new float[rows * features];
    byte[] y = new byte[rows];
    int at = 0;
    for (int b = 0; b < xs.size(); b++) {
      System.arraycopy(xs.get(b), 0, x, at * features, xs.get(b).length);
      System.arraycopy(ys.get(b), 0, y, at, ys.get(b).length);
      at += ys.get(b).length;
    }
    return new Rows(x, y, features, classes);
  }

  private static float[] flat(String name, float[][] rows, int features) {
    float[] x = new float[rows.length * features];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != features) {
        throw new IllegalArgumentException("dataset " + PREFIX + name + ": row " + i + " has " + rows[i].length
            + " features, row 0 has " + features);
      }
      System.arraycopy(rows[i], 0, x, i * features, features);
    }
    return x;
  }

  private static byte[] labels(String name, int[] y, int classes) {
    byte[] out = new byte[y.length];
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= classes) {
        throw new IllegalArgumentException("dataset " + PREFIX + name + ": label " + y[i] + " at row " + i
            + " is outside 0.." + (classes - 1));
      }
      out[i] = (byte) y[i];
    }
    return out;
  }
}
