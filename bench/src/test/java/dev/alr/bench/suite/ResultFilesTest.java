package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ResultFilesTest {
  private static final EpochRow ROW = new EpochRow("alr", "mlp", "synthetic", 1, 0.05, Budget.EPOCHS, 3, 2, 0.81, 0.5,
      0.45, 0.025, 0.025, 3.5, 5400, 0, 9);
  private static final EpochRow NAN_ROW = new EpochRow("constant", "mlp", "synthetic", 1, 1.0, Budget.EPOCHS, 3, 1,
      Double.NaN, Double.NaN, Double.NaN, 1.0, 1.0, 1.0, 600, 0, 1);

  @Test
  void csvHasHeaderAndOneLinePerRow() {
    String[] lines = ResultFiles.csv(List.of(ROW, NAN_ROW)).split("\n");
    assertEquals(3, lines.length);
    assertEquals(String.join(",", EpochRow.COLUMNS), lines[0]);
    for (String line : lines) {
      assertEquals(EpochRow.COLUMNS.size(), line.split(",", -1).length, line);
    }
    assertTrue(lines[1].startsWith("alr,mlp,synthetic,1,"));
    assertTrue(lines[2].contains(",,"), "non-finite numbers are empty");
  }

  @Test
  void jsonHasVersionSuiteAndRows() throws Exception {
    JsonNode root = new ObjectMapper().readTree(ResultFiles.json(Suite.named("quick"), List.of(ROW, NAN_ROW)));
    assertEquals(ResultFiles.FORMAT_VERSION, root.get("formatVersion").asInt());
    assertEquals("quick", root.get("suite").get("name").asText());
    assertEquals(2, root.get("rows").size());
    JsonNode r = root.get("rows").get(0);
    for (String column : EpochRow.COLUMNS) {
      assertTrue(r.has(column), column);
    }
    assertEquals(5400, r.get("sampleGradients").asLong());
    assertTrue(root.get("rows").get(1).get("testAccuracy").isNull());
  }

  @Test
  void csvQuotesNamesHoldingCommasAndQuotes() throws Exception {
    EpochRow odd = new EpochRow("cosine (a, \"b\")", "mlp", "syn\nthetic", 1, 0.05, Budget.COMPUTE, 3, 1, 0.5, 0.5,
        0.5, 0.1, 0.1, 1.0, 10, 0, 1);
    String text = ResultFiles.csv(List.of(odd));
    assertTrue(text.contains("\"cosine (a, \"\"b\"\")\""), text);
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(text)).getRecords();
    assertEquals(1, records.size());
    assertEquals("cosine (a, \"b\")", records.get(0).get("strategy"));
    assertEquals("syn\nthetic", records.get(0).get("dataset"));
    assertEquals("compute", records.get(0).get("budget"));
    assertEquals(0.1, Double.parseDouble(records.get(0).get("lr")), 1e-12);
  }

  @Test
  void jsonBudgetIsLowerCaseAndNonFiniteIsNull() throws Exception {
    JsonNode r = new ObjectMapper().readTree(ResultFiles.json(Suite.named("quick"), List.of(NAN_ROW))).get("rows").get(0);
    assertEquals("epochs", r.get("budget").asText());
    assertTrue(r.get("testLoss").isNull());
    assertEquals(1.0, r.get("lr").asDouble());
  }
}
