package dev.alr.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.models.Workloads;
import dev.alr.models.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SearchResult#bestModel()} through {@link ModelExport}: the exported network, and the zip
 * read back, evaluate to the run's final test metrics, for each network type and for schedule-free
 * (whose export is at x).
 */
class ModelExportTest {
  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0} --updater {1}")
  @CsvSource({"mlp, sgd, 0.05", "mlp, schedule-free, 0.05", "resnet, momentum, 0.05"})
  void bestModelExportsToTheRunsTestMetrics(String model, String updater, double lr) throws IOException {
    WorkloadSpec spec = new WorkloadSpec(model, List.of(32), "synthetic", null, 200, 0, 32, updater,
        updater.equals("momentum") ? 0.9 : 0, 4);
    SearchConfig config = new SearchConfig(spec, Strategies.beam(2, 2, 1, 0.5), lr, 2, 1, true);
    SearchResult r = new LocalExecutor(Workloads::factory).run(config, RunOptions.none(), SearchListener.NONE);
    assertNotNull(r.bestModel());
    Dataset data = Workloads.dataset(spec).data();

    Model network = ModelExport.toNetwork(config.workload(), r.bestModel());
    assertTrue(model.equals("resnet") ? network instanceof ComputationGraph : network instanceof MultiLayerNetwork);
    assertSame(r.finalTest(), ModelExport.evaluate(network, data));

    Path zip = tmp.resolve("best.zip");
    ModelExport.save(config.workload(), r.bestModel(), zip);
    assertSame(r.finalTest(), ModelExport.evaluate(ModelExport.load(zip), data));
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(zip), files.toList(), "no temporary file left");
    }
  }

  @org.junit.jupiter.api.Test
  void loadRefusesWhatIsNotAModelZip() throws IOException {
    Path text = Files.writeString(tmp.resolve("a.zip"), "text");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelExport.load(text)).getMessage()
        .contains("not a DL4J model zip"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelExport.load(tmp)).getMessage()
        .contains("not a readable file"));
  }

  /** Same accuracy (a count over the same samples) and the same loss up to summation order. */
  private static void assertSame(Evaluation expected, Evaluation actual) {
    assertEquals(expected.samples(), actual.samples());
    assertEquals(expected.accuracy(), actual.accuracy(), 0);
    assertEquals(expected.loss(), actual.loss(), 1e-9);
  }
}
