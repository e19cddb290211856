package dev.alr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.alr.engine.SearchResult;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.engine.run.OutputFiles;
import dev.alr.models.nn.ModelExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --save-model FILE} of {@code train} and {@code search}: the run's final best model as a DL4J
 * {@code ModelSerializer} zip with its updater state, and beside it the sidecar {@code FILE.json}
 * (strategy, LR path, lineage, test metrics, seed, workload, alr version). Call order:
 * {@link #validate()} before training (bad input, exit 2), {@link #write} after it. Not thread-safe.
 */
final class ModelOutput {
  /** Version of the sidecar's JSON shape. */
  static final int SIDECAR_FORMAT = 1;

  @Option(names = "--save-model", paramLabel = "FILE", description = "write the final best model to FILE (.zip, a DL4J"
      + " ModelSerializer zip with updater state) and its description to FILE.json (see README)")
  Path file;

  /** The sidecar of {@code zip}: {@code zip} with {@code .json} appended. */
  static Path sidecar(Path zip) {
    return zip.resolveSibling(zip.getFileName() + ".json");
  }

  /** Refuses (exit 2) a file that is not a .zip name, a directory, or in a missing or read-only directory. */
  void validate() {
    if (file == null) {
      return;
    }
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      throw new IllegalArgumentException("--save-model " + file + ": must be a .zip file name (a DL4J model zip)");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("--save-model " + file + ": is a directory; give a .zip file name");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new IllegalArgumentException("--save-model " + file + ": directory " + parent + " does not exist");
    }
    Outputs.probeFile("--save-model", file);
    Outputs.probeFile("--save-model", sidecar(file));
  }

  /**
   * Saves {@code r}'s best model and its sidecar when {@code --save-model} was given.
   *
   * @throws RunFailedException (exit 1) when a completed run has no best model or a file cannot be
   *                            written (a run that did not complete and has none is left to the caller)
   */
  void write(String command, SearchResult r) {
    if (file == null || r.bestModel() == null && !r.completed()) {
      return;
    }
    if (r.bestModel() == null) {
      throw new RunFailedException("--save-model " + file + ": no model to save (no epoch finished)");
    }
    WorkloadSpec w = r.config().workload();
    try {
      ModelExport.save(w, r.bestModel(), file);
    } catch (IOException e) {
      throw new RunFailedException("--save-model " + file + ": " + OutputFiles.cause(e));
    }
    Map<String, Object> workload = new LinkedHashMap<>();
    workload.put("model", w.model());
    workload.put("hidden", w.hidden());
    workload.put("dataset", w.dataset());
    workload.put("limit", w.limit());
    workload.put("val", w.val());
    workload.put("batch", w.batchSize());
    workload.put("updater", w.updater());
    workload.put("momentum", w.momentum());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("format", SIDECAR_FORMAT);
    s.put("alrVersion", Main.class.getPackage().getImplementationVersion());
    s.put("command", command);
    s.put("modelFile", file.getFileName().toString());
    s.put("strategy", r.config().strategy().name());
    s.put("lr", r.config().lr());
    s.put("epochs", r.lrPath().size());
    s.put("seed", r.config().seed());
    s.put("workload", workload);
    s.put("lrPath", r.lrPath());
    s.put("lineage", r.lineage());
    Map<String, Object> test = new LinkedHashMap<>();
    if (r.finalTest() != null) {
      test.put("loss", r.finalTest().loss());
      test.put("accuracy", r.finalTest().accuracy());
      test.put("samples", r.finalTest().samples());
    }
    s.put("test", r.finalTest() == null ? null : test);
    s.put("termination", r.termination().name().toLowerCase(Locale.ROOT));
    try {
      byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(s);
      OutputFiles.write(sidecar(file), json);
    } catch (IOException e) {
      throw new RunFailedException("--save-model " + sidecar(file) + ": " + OutputFiles.cause(e));
    }
  }
}
