package dev.alr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.alr.engine.spi.Evaluation;
import dev.alr.models.data.Dataset;
import dev.alr.models.data.Datasets;
import dev.alr.models.nn.ModelExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.api.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alr eval}: loads a DL4J {@code ModelSerializer} zip (as {@code --save-model} writes) and
 * prints its loss and accuracy on a dataset's test split, computed as alr's runs compute them.
 * Bad input (exit 2): a file that is not a DL4J model zip, or a model whose input or output size
 * does not match the dataset.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Evaluate a saved model (a DL4J ModelSerializer zip) on a dataset's test split.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model-file", required = true, paramLabel = "FILE",
      description = "the model zip (e.g. written by --save-model)")
  Path modelFile;

  @Option(names = "--dataset", defaultValue = "fashion-mnist",
      description = "fashion-mnist, mnist, synthetic, or a directory with the four IDX files (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "where to look first for named datasets (then $ALR_DATA, then /usr/share/datasets)")
  String dataDir;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the synthetic dataset (the run's --seed;"
      + " default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "also write {model, dataset, loss, accuracy, samples}"
      + " as JSON")
  Path json;

  @Override
  public Integer call() {
    if (json != null) {
      Outputs.probeFile("--json", json);
    }
    Dataset data = Datasets.load(dataset, dataDir, seed);
    Model network;
    try {
      network = ModelExport.load(modelFile);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--model-file " + e.getMessage(), e);
    }
    Evaluation test;
    try {
      test = ModelExport.evaluate(network, data);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--model-file " + modelFile + ": " + e.getMessage(), e);
    }
    System.out.printf(Locale.ROOT, "%s on %s: test loss %.4f  test acc %.2f%%  (%d samples)%n", modelFile,
        data.name(), test.loss(), 100 * test.accuracy(), test.samples());
    if (json != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", modelFile.toString());
      m.put("dataset", data.name());
      m.put("loss", test.loss());
      m.put("accuracy", test.accuracy());
      m.put("samples", test.samples());
      try {
        Outputs.write("--json", json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(m) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return 0;
  }
}
