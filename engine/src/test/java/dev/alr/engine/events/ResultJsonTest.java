package dev.alr.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.LrRangeResult;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Termination;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.policy.LrRangeTest;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result JSON: the documented field names and shape, non-finite numbers as null. */
class ResultJsonTest {
  private static final ObjectMapper READ = new ObjectMapper();
  private final SearchConfig config = new SearchConfig(WorkloadSpec.of("mlp", "synthetic", 7),
      Strategies.beam(2, 0.5, 1, 2), 0.05, 1, 2, true);

  private SearchResult result(LrRangeResult rangeTest) {
    CandidateRecord c = new CandidateRecord(3, 1, 0, 0.5, 0.025, 0.025, Double.NaN, Double.POSITIVE_INFINITY, 0.3,
        "w-1", 1024, 500, 0);
    EpochRecord e = new EpochRecord(1, 0, EpochOutcome.ADVANCED, List.of(c), List.of(new Beam(3, 0, 0.025, 0.7)),
        new Evaluation(0.5, 0.8, 100), 1.5, Double.NaN);
    return new SearchResult(SearchResult.FORMAT_VERSION, config, List.of(e), List.of(0.025), List.of(3),
        new Evaluation(Double.NaN, 0.8, 100), 3.0, 1, 500, 0, 1024, Termination.DIVERGED, "diverged", rangeTest, null);
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void fieldNamesAndShapeAreTheDocumentedOnes() throws Exception {
    JsonNode root = READ.readTree(ResultJson.toJson("search", result(null)));

    assertEquals(List.of("formatVersion", "command", "config", "epochs", "lrPath", "lineage", "finalTest",
        "wallSeconds", "candidateEpochs", "sampleGradients", "probeForwards", "bytesCopied", "termination",
        "message"), names(root));
    assertEquals(SearchResult.FORMAT_VERSION, root.get("formatVersion").asInt());
    assertEquals("search", root.get("command").asText());
    assertEquals("diverged", root.get("termination").asText());
    JsonNode epoch = root.get("epochs").get(0);
    assertEquals("advanced", epoch.get("outcome").asText());
    assertTrue(names(epoch).containsAll(List.of("epoch", "attempt", "outcome", "seconds", "span", "candidates",
        "beams", "test")), names(epoch).toString());
    assertEquals(List.of("id", "parent", "line", "factor", "lr", "endLr", "loss", "valLoss", "seconds", "worker",
        "bytesCopied", "sampleGradients", "probeForwards", "lrTrace", "probes", "rung"), names(epoch.get("candidates").get(0)));
    assertEquals(List.of("id", "line", "lr", "loss"), names(epoch.get("beams").get(0)));
    assertEquals(3, epoch.get("beams").get(0).get("id").asInt());
    assertEquals(List.of("loss", "accuracy", "samples"), names(root.get("finalTest")));
  }

  @Test
  void nonFiniteNumbersAreNull() throws Exception {
    JsonNode root = READ.readTree(ResultJson.toJson("train", result(null)));
    JsonNode c = root.get("epochs").get(0).get("candidates").get(0);

    assertTrue(c.get("loss").isNull());
    assertTrue(c.get("valLoss").isNull());
    assertTrue(root.get("epochs").get(0).get("span").isNull());
    assertTrue(root.get("finalTest").get("loss").isNull());
    assertEquals(0.8, root.get("finalTest").get("accuracy").asDouble());
    assertFalse(ResultJson.toJson("train", result(null)).contains("NaN"));
  }

  @Test
  void aRangeTestSitsBesideItsSettings() throws Exception {
    LrRangeResult t = new LrRangeResult(new LrRangeTest(1e-5, 1.0, 10, 4.0, LrRangeTest.Pick.VALLEY),
        List.of(1e-5, 1e-3, 1e-1), List.of(2.3, 2.0, Double.NaN), List.of(2.3, 2.1, Double.NaN), 1e-3, true, 150, 0.2);
    JsonNode n = READ.readTree(ResultJson.toJson("search", result(t))).get("rangeTest");

    assertEquals(List.of("start", "end", "steps", "divergence", "pick", "lrs", "losses", "smoothed", "chosenLr",
        "stoppedEarly", "sampleGradients", "wallSeconds"), names(n));
    assertEquals("valley", n.get("pick").asText());
    assertTrue(n.get("losses").get(2).isNull());
    assertEquals(1e-3, n.get("chosenLr").asDouble());
  }
}
