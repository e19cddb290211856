package dev.alr.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * {@code results.csv} and {@code results.json}: one row per run per epoch, columns
 * {@link EpochRow#COLUMNS}. The JSON wraps the rows with {@code formatVersion} and the suite.
 * Non-finite numbers are empty in CSV and {@code null} in JSON. Stateless and thread-safe.
 */
public final class ResultFiles {
  /** Version of the {@code results.json} shape. */
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultFiles() {
  }

  /** The rows as CSV text with a header line. */
  public static String csv(List<EpochRow> rows) {
    StringBuilder sb = new StringBuilder(String.join(",", EpochRow.COLUMNS)).append('\n');
    for (EpochRow r : rows) {
      sb.append(r.strategy()).append(',').append(r.model()).append(',').append(r.dataset()).append(',')
          .append(r.seed()).append(',').append(num(r.lr0())).append(',').append(r.budget()).append(',')
          .append(r.epochs()).append(',').append(r.epoch()).append(',').append(num(r.testAccuracy())).append(',')
          .append(num(r.testLoss())).append(',').append(num(r.trainLoss())).append(',').append(num(r.lr()))
          .append(',').append(num(r.endLr())).append(',').append(num(r.wallSeconds())).append(',')
          .append(r.sampleGradients()).append(',').append(r.probeForwards()).append(',').append(r.candidateEpochs())
          .append('\n');
    }
    return sb.toString();
  }

  /** The rows as JSON text: {@code {formatVersion, suite, rows: [...]}}. */
  public static String json(Suite suite, List<EpochRow> rows) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.set("suite", MAPPER.valueToTree(suite));
    ArrayNode arr = root.putArray("rows");
    for (EpochRow r : rows) {
      ObjectNode n = arr.addObject();
      n.put("strategy", r.strategy());
      n.put("model", r.model());
      n.put("dataset", r.dataset());
      n.put("seed", r.seed());
      put(n, "lr0", r.lr0());
      n.put("budget", r.budget().toString());
      n.put("epochs", r.epochs());
      n.put("epoch", r.epoch());
      put(n, "testAccuracy", r.testAccuracy());
      put(n, "testLoss", r.testLoss());
      put(n, "trainLoss", r.trainLoss());
      put(n, "lr", r.lr());
      put(n, "endLr", r.endLr());
      put(n, "wallSeconds", r.wallSeconds());
      n.put("sampleGradients", r.sampleGradients());
      n.put("probeForwards", r.probeForwards());
      n.put("candidateEpochs", r.candidateEpochs());
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render results as JSON", e);
    }
  }

  private static void put(ObjectNode n, String field, double x) {
    if (Double.isFinite(x)) {
      n.put(field, x);
    } else {
      n.putNull(field);
    }
  }

  private static String num(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "";
  }
}
