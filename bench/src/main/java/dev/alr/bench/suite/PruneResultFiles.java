package dev.alr.bench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.engine.events.EventJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code prune-results.csv} and {@code prune-results.json}: one row per policy, seed and cycle,
 * columns {@link PruneRow#COLUMNS}. The JSON wraps the rows with {@code formatVersion},
 * {@code kind: "prune"}, the suite and the run notes, and {@link #read reads back} into what
 * {@code alr report} needs to redraw the report. Non-finite numbers are empty in CSV and
 * {@code null} in JSON. Stateless and thread-safe.
 */
public final class PruneResultFiles {
  /** Version of the {@code prune-results.json} shape. */
  public static final int FORMAT_VERSION = 1;
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder()
      .setHeader(PruneRow.COLUMNS.toArray(String[]::new))
      .setRecordSeparator('\n')
      .get();

  private PruneResultFiles() {
  }

  /**
   * What {@code prune-results.json} holds. Immutable.
   *
   * @param suite the suite that ran
   * @param rows  its rows
   * @param notes the run notes
   */
  public record Contents(PruneSuite suite, List<PruneRow> rows, List<String> notes) {
    /** Copies the lists. */
    public Contents {
      rows = List.copyOf(rows);
      notes = List.copyOf(notes);
    }
  }

  /** The rows as CSV text with a header line. */
  public static String csv(List<PruneRow> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      for (PruneRow r : rows) {
        printer.printRecord(r.policy(), r.seed(), r.cycle(), num(r.sparsity()), num(r.remainingFraction()),
            r.remainingWeights(), num(r.maxLr()), r.candidates(), num(r.trainLoss()), num(r.valLoss()),
            num(r.valAccuracy()), num(r.testAccuracy()), r.sampleGradients(), r.candidateCycles(),
            num(r.wallSeconds()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render prune results as CSV", e);
    }
    return out.toString();
  }

  /** The rows as JSON text: {@code {formatVersion, kind, suite, notes, rows: [...]}}. */
  public static String json(PruneSuite suite, List<PruneRow> rows, List<String> notes) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("kind", "prune");
    root.put("suite", suite);
    root.put("notes", notes);
    root.put("rows", rows);
    try {
      return EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render prune results as JSON", e);
    }
  }

  /**
   * Reads a {@code prune-results.json}.
   *
   * @throws IOException              when it cannot be read
   * @throws IllegalArgumentException when it is not a prune results file of this format version
   */
  public static Contents read(Path file) throws IOException {
    JsonNode root = EventJson.MAPPER.readTree(file.toFile());
    if (root == null || !"prune".equals(root.path("kind").asText())) {
      throw new IllegalArgumentException(file + " is not a prune-results.json (no \"kind\": \"prune\")");
    }
    int version = root.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(file + " has formatVersion " + version + "; this alr reads "
          + FORMAT_VERSION);
    }
    PruneSuite suite = EventJson.MAPPER.treeToValue(root.path("suite"), PruneSuite.class);
    List<PruneRow> rows = new ArrayList<>();
    for (JsonNode n : root.path("rows")) {
      if (n instanceof ObjectNode o) {
        // a non-finite number was written as null: read it back as NaN, not as 0
        List<String> nulls = new ArrayList<>();
        o.fields().forEachRemaining(e -> {
          if (e.getValue().isNull()) {
            nulls.add(e.getKey());
          }
        });
        nulls.forEach(k -> o.put(k, "NaN"));
      }
      rows.add(EventJson.MAPPER.treeToValue(n, PruneRow.class));
    }
    List<String> notes = new ArrayList<>();
    root.path("notes").forEach(n -> notes.add(n.asText()));
    return new Contents(suite, rows, notes);
  }

  private static String num(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "";
  }
}
