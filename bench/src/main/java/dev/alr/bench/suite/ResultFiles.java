package dev.alr.bench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.alr.engine.events.EventJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code results.csv} and {@code results.json}: one row per run per epoch, columns
 * {@link EpochRow#COLUMNS}. The CSV is written by Commons CSV (RFC 4180 quoting: a name holding a
 * comma, quote or line break is quoted); the JSON binds the rows with Jackson
 * ({@link EventJson#MAPPER}: enums by their lower-case names) and wraps them with
 * {@code formatVersion} and the suite. Non-finite numbers are empty in CSV and {@code null} in
 * JSON. Stateless and thread-safe.
 */
public final class ResultFiles {
  /** Version of the {@code results.json} shape. */
  public static final int FORMAT_VERSION = 1;
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder()
      .setHeader(EpochRow.COLUMNS.toArray(String[]::new))
      .setRecordSeparator('\n')
      .get();

  private ResultFiles() {
  }

  /** The rows as CSV text with a header line. */
  public static String csv(List<EpochRow> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      for (EpochRow r : rows) {
        printer.printRecord(r.strategy(), r.model(), r.dataset(), r.seed(), num(r.lr0()), r.budget(), r.epochs(),
            r.epoch(), num(r.testAccuracy()), num(r.testLoss()), num(r.trainLoss()), num(r.lr()), num(r.endLr()),
            num(r.wallSeconds()), r.sampleGradients(), r.probeForwards(), r.candidateEpochs(),
            num(r.replayAccuracy()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render results as CSV", e);
    }
    return out.toString();
  }

  /** The rows as JSON text: {@code {formatVersion, suite, rows: [...]}}. */
  public static String json(Suite suite, List<EpochRow> rows) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("suite", suite);
    root.put("rows", rows);
    try {
      return EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render results as JSON", e);
    }
  }

  private static String num(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "";
  }
}
