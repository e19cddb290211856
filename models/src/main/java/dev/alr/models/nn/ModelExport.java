package dev.alr.models.nn;

import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.engine.run.OutputFiles;
import dev.alr.models.NativeMemory;
import dev.alr.models.Workloads;
import dev.alr.models.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model state out of alr and into plain DL4J: {@link #toNetwork} builds the workload's network
 * ({@code mlp}, {@code cnn}: a {@link MultiLayerNetwork}; {@code resnet}: a {@link ComputationGraph})
 * with a state's parameters and updater state, {@link #save} writes it as a {@link ModelSerializer}
 * zip with its updater, {@link #load} reads such a zip back and {@link #evaluate} scores it on a
 * dataset's test split exactly as alr's models do (mean cross-entropy, top-1 accuracy).
 *
 * <p>With an updater that evaluates elsewhere than at its training parameters (schedule-free), the
 * exported parameters are the evaluation point (x), so the saved network predicts what the run
 * reported; its updater state is re-expressed relative to x (training it further restarts with
 * y = x and the same z).
 *
 * <p>Stateless and thread-safe; each call builds or reads its own network.
 */
public final class ModelExport {
  private static final int EVALUATION_CHUNK = 256;
  private static final String CONFIGURATION_ENTRY = "configuration.json";

  private ModelExport() {
  }

  /**
   * The DL4J network of {@code spec} holding {@code state} (at its evaluation point), owned by the
   * caller.
   *
   * @throws IllegalArgumentException when the state is not of this workload's architecture
   */
  public static Model toNetwork(WorkloadSpec spec, ModelState state) {
    NetworkModel model = Workloads.factory(spec).create();
    try {
      model.restore(state);
    } catch (IllegalArgumentException e) {
      model.close();
      throw e;
    }
    return model.detachForExport();
  }

  /**
   * Writes {@code state} as a DL4J {@link ModelSerializer} zip with its updater state, atomically
   * (a temporary file beside {@code file}, then renamed).
   *
   * @throws IOException when the file cannot be written ({@code file} is then unchanged)
   */
  public static void save(WorkloadSpec spec, ModelState state, Path file) throws IOException {
    Model network = toNetwork(spec, state);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NativeMemory.enter();
    try {
      ModelSerializer.writeModel(network, bytes, true);
    } finally {
      NativeMemory.exit();
    }
    OutputFiles.write(file, bytes.toByteArray());
  }

  /**
   * Reads a {@link ModelSerializer} zip (with its updater state when it has one): a
   * {@link ComputationGraph} when its configuration has vertices, else a {@link MultiLayerNetwork}.
   *
   * @throws IllegalArgumentException (one line) when the file is missing, unreadable or not a
   *                                  DL4J model zip
   */
  public static Model load(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(file + " is not a readable file");
    }
    String configuration;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry entry = zip.getEntry(CONFIGURATION_ENTRY);
      if (entry == null) {
        throw new IllegalArgumentException(file + " is not a DL4J model zip (it has no " + CONFIGURATION_ENTRY + ")");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        configuration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (ZipException e) {
      throw new IllegalArgumentException(file + " is not a DL4J model zip (not a zip file)", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " cannot be read: " + OutputFiles.cause(e), e);
    }
    NativeMemory.enter();
    try {
      return configuration.contains("\"vertices\"")
          ? ModelSerializer.restoreComputationGraph(file.toFile(), true)
          : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a DL4J model zip this build can read: "
          + firstLine(e.getMessage()), e);
    } finally {
      NativeMemory.exit();
    }
  }

  /**
   * Test loss (mean cross-entropy {@code -log max(p_label, 1e-10)}) and accuracy of {@code network}
   * on {@code data}'s test split, in inference mode.
   *
   * @throws IllegalArgumentException (one line) when the network's input or output size does not
   *                                  match the dataset's features or classes
   */
  public static Evaluation evaluate(Model network, Dataset data) {
    int count = data.testCount();
    int features = data.featureCount();
    if (count == 0) {
      return new Evaluation(Double.NaN, Double.NaN, 0);
    }
    NativeMemory.enter();
    try {
      TestScore score = new TestScore();
      float[] all = data.testFeatures();
      byte[] labels = data.testLabels();
      for (int start = 0; start < count; start += EVALUATION_CHUNK) {
        int n = Math.min(EVALUATION_CHUNK, count - start);
        float[] chunk = new float[n * features];
        System.arraycopy(all, start * features, chunk, 0, chunk.length);
        float[][] p = output(network, Nd4j.create(chunk, new long[] {n, features}, 'c').castTo(DataType.FLOAT),
            data);
        for (int i = 0; i < n; i++) {
          score.add(p[i], labels[start + i]);
        }
      }
      return score.evaluation();
    } finally {
      NativeMemory.exit();
    }
  }

  private static float[][] output(Model network, INDArray input, Dataset data) {
    INDArray out;
    try {
      out = network instanceof ComputationGraph g ? g.outputSingle(false, input)
          : ((MultiLayerNetwork) network).output(input, false);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the model does not take the input of dataset " + data.name() + " ("
          + data.featureCount() + " features per sample): " + firstLine(e.getMessage()), e);
    }
    if (out.rank() != 2 || out.size(1) != data.classes()) {
      throw new IllegalArgumentException("the model has " + (out.rank() == 2 ? out.size(1) : "non-vector")
          + " outputs, dataset " + data.name() + " has " + data.classes() + " classes");
    }
    return out.toFloatMatrix();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
