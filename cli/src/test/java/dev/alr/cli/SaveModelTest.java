package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alr.models.data.Dataset;
import dev.alr.models.data.Datasets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code --save-model} and {@code alr eval}: the saved zip loads with plain DL4J
 * ({@link ModelSerializer}) and evaluates, by DL4J's own {@link Evaluation}, to the accuracy the run
 * reported; its sidecar describes the run; {@code eval} prints the same numbers.
 */
class SaveModelTest {
  private static final long SEED = 3;

  @TempDir
  Path tmp;

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  /** DL4J's accuracy of {@code net} on the test split of {@code data}, with nothing of alr in between. */
  private static double dl4jAccuracy(MultiLayerNetwork net, Dataset data) {
    INDArray features = Nd4j.create(data.testFeatures(), new long[] {data.testCount(), data.featureCount()}, 'c');
    INDArray labels = Nd4j.zeros(data.testCount(), data.classes());
    for (int i = 0; i < data.testCount(); i++) {
      labels.putScalar(i, data.testLabels()[i], 1f);
    }
    Evaluation e = new Evaluation(data.classes());
    e.eval(labels, net.output(features, false));
    return e.accuracy();
  }

  /** A dataset directory of 20 training and 10 test images of {@code side×side} pixels, labels 0..9. */
  private static Path smallImages(Path dir, int side) throws IOException {
    for (String[] f : new String[][] {{Datasets.TRAIN_IMAGES, Datasets.TRAIN_LABELS, "20"},
        {Datasets.TEST_IMAGES, Datasets.TEST_LABELS, "10"}}) {
      int n = Integer.parseInt(f[2]);
      ByteBuffer images = ByteBuffer.allocate(16 + n * side * side).putInt(2051).putInt(n).putInt(side).putInt(side);
      ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(2049).putInt(n);
      for (int i = 0; i < n; i++) {
        labels.put((byte) (i % 10));
      }
      Files.write(dir.resolve(f[0]), images.array());
      Files.write(dir.resolve(f[1]), labels.array());
    }
    return dir;
  }

  @ParameterizedTest(name = "{0} --updater {1}")
  @CsvSource({"train, sgd", "search, sgd", "train, schedule-free", "search, adam"})
  void savedModelLoadsInPlainDl4jAndScoresTheReportedAccuracy(String command, String updater) throws IOException {
    Path zip = tmp.resolve("best.zip");
    Path result = tmp.resolve("r.json");
    List<String> args = new ArrayList<>(List.of(command, "--dataset", "synthetic", "--limit", "400", "--epochs", "2",
        "--seed", String.valueOf(SEED), "--updater", updater, "--lr", updater.equals("adam") ? "0.002" : "0.05",
        "--no-progress", "--json", result.toString(), "--save-model", zip.toString()));
    if (command.equals("search")) {
      args.addAll(List.of("--workers", "2"));
    }
    CliRun run = CliRun.of(args);
    assertEquals(0, run.code(), run.err());
    JsonNode r = json(result);
    double reported = r.get("finalTest").get("accuracy").asDouble();

    MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
    assertTrue(net.getUpdater().getStateViewArray() != null || updater.equals("sgd"), "updater state saved");
    Dataset data = Datasets.load("synthetic", null, SEED);
    assertEquals(reported, dl4jAccuracy(net, data), 1e-12);

    JsonNode side = json(ModelOutput.sidecar(zip));
    assertEquals("best.zip", side.get("modelFile").asText());
    assertEquals(r.get("lrPath"), side.get("lrPath"));
    assertEquals(r.get("lineage"), side.get("lineage"));
    assertEquals(reported, side.get("test").get("accuracy").asDouble(), 0);
    assertEquals(SEED, side.get("seed").asLong());
    assertEquals(updater, side.get("workload").get("updater").asText());
    assertEquals(2, side.get("epochs").asInt());

    CliRun eval = CliRun.of("eval", "--model-file", zip.toString(), "--dataset", "synthetic", "--seed",
        String.valueOf(SEED), "--json", tmp.resolve("e.json").toString());
    assertEquals(0, eval.code(), eval.err());
    assertTrue(eval.out().contains(String.format(Locale.ROOT, "test acc %.2f%%", 100 * reported)), eval.out());
    JsonNode e = json(tmp.resolve("e.json"));
    assertEquals(reported, e.get("accuracy").asDouble(), 0);
    assertEquals(r.get("finalTest").get("loss").asDouble(), e.get("loss").asDouble(), 1e-9);
  }

  @Test
  void badSaveModelPathsAreRefusedBeforeTraining() throws IOException {
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    Path readOnly = Files.createDirectory(tmp.resolve("ro"));
    assertTrue(readOnly.toFile().setWritable(false));
    List<String[]> cases = new ArrayList<>(List.of(
        new String[] {tmp.resolve("missing/best.zip").toString(), "does not exist"},
        new String[] {tmp.resolve("best.txt").toString(), "must be a .zip file name"},
        new String[] {Files.createDirectory(tmp.resolve("d.zip")).toString(), "is a directory"},
        new String[] {file.resolve("best.zip").toString(), "does not exist"}));
    if (!Files.isWritable(readOnly)) {
      cases.add(new String[] {readOnly.resolve("best.zip").toString(), "cannot write in"});
    }
    for (String command : List.of("train", "search")) {
      for (String[] c : cases) {
        CliRun run = CliRun.of(command, "--dataset", "synthetic", "--limit", "300", "--epochs", "1", "--no-progress",
            "--json", tmp.resolve("r.json").toString(), "--save-model", c[0]);
        assertEquals(2, run.code(), command + " " + c[0] + ": " + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("--save-model") && run.err().contains(c[1]), run.err());
        assertFalse(Files.exists(tmp.resolve("r.json")), "nothing written");
        assertEquals("", run.out(), "nothing trained");
      }
    }
    assertTrue(readOnly.toFile().setWritable(true));
  }

  @Test
  void evalRefusesWhatIsNotAModelOrDoesNotFitTheDataset() throws IOException {
    Path notZip = Files.writeString(tmp.resolve("m.zip"), "not a zip");
    CliRun a = CliRun.of("eval", "--model-file", notZip.toString(), "--dataset", "synthetic");
    assertEquals(2, a.code(), a.err());
    assertTrue(a.err().contains("--model-file") && a.err().contains("not a DL4J model zip"), a.err());

    Path missing = tmp.resolve("none.zip");
    CliRun b = CliRun.of("eval", "--model-file", missing.toString(), "--dataset", "synthetic");
    assertEquals(2, b.code(), b.err());
    assertTrue(b.err().contains("is not a readable file"), b.err());

    Path zip = tmp.resolve("small.zip");
    CliRun train = CliRun.of("train", "--dataset", "synthetic", "--limit", "200", "--epochs", "1", "--no-progress",
        "--save-model", zip.toString());
    assertEquals(0, train.code(), train.err());
    Path otherShape = smallImages(Files.createDirectory(tmp.resolve("idx")), 5);
    CliRun c = CliRun.of("eval", "--model-file", zip.toString(), "--dataset", otherShape.toString());
    assertEquals(2, c.code(), c.err());
    assertEquals(1, c.err().strip().lines().count(), c.err());
    assertTrue(c.err().contains("--model-file") && c.err().contains("does not take the input"), c.err());
  }
}
