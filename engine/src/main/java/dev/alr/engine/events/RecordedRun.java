package dev.alr.engine.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.Termination;
import dev.alr.engine.spi.Evaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run as its {@link EventLog} recorded it: configuration, every decided epoch, the candidates of
 * an epoch still undecided when the log ends, the last checkpoint and, if the run ended, how. A
 * resumed run's log holds several starts: the epochs after the checkpoint it resumed from are
 * those of the last start. Immutable.
 *
 * @param config                 the configuration as the log holds it (JSON; see README)
 * @param plannedCandidateEpochs candidate-epochs planned at the last start
 * @param starts                 runs that wrote to the log (1, plus one per resume)
 * @param epochs                 decided epochs and retried attempts, in order
 * @param undecided              candidates finished after the last decided epoch
 * @param lastCheckpoint         epoch of the last checkpoint written, or 0
 * @param finished               how the run ended, or null when the log ends before
 * @param skipped                lines that could not be used (a line cut by a kill), in order
 */
public record RecordedRun(JsonNode config, long plannedCandidateEpochs, int starts, List<EpochRecord> epochs,
                          List<CandidateRecord> undecided, int lastCheckpoint, Finished finished,
                          List<Skipped> skipped) {

  /** Copies the lists. */
  public RecordedRun {
    epochs = List.copyOf(epochs);
    undecided = List.copyOf(undecided);
    skipped = List.copyOf(skipped);
  }

  /**
   * The {@code runFinished} event: the run's result but its configuration and epochs.
   *
   * @param termination     {@code completed} or {@code diverged}
   * @param message         one line about the termination
   * @param finalTest       test loss and accuracy of the final best model, or null
   * @param lrPath          the LR path of the final best model
   * @param lineage         its candidate ids
   * @param wallSeconds     wall seconds of the last start
   * @param candidateEpochs candidate-epochs trained
   * @param sampleGradients forward+backward sample evaluations
   * @param probeForwards   probe forward sample evaluations
   * @param bytesCopied     model-state bytes copied between workers
   */
  public record Finished(Termination termination, String message, Evaluation finalTest, List<Double> lrPath,
                         List<Integer> lineage, double wallSeconds, long candidateEpochs, long sampleGradients,
                         long probeForwards, long bytesCopied) {
  }

  /**
   * A line that was not used.
   *
   * @param line   line number, from 1
   * @param bytes  its length in bytes
   * @param reason {@code cut off} (no line end: the writer stopped mid-line) or {@code not JSON}
   */
  public record Skipped(long line, int bytes, String reason) {
    /** E.g. "line 12 (57 bytes, cut off)". */
    @Override
    public String toString() {
      return "line " + line + " (" + bytes + " bytes, " + reason + ")";
    }
  }

  /** A file that is not an event log (bad input). */
  public static final class NotAnEventLogException extends IOException {
    private static final long serialVersionUID = 1L;

    NotAnEventLogException(String message) {
      super(message);
    }
  }

  /**
   * Reads the log in {@code file}: every complete line; a last line without its line end, or a
   * line that is not JSON (e.g. a cut-off line a resumed run appended after), is skipped and listed
   * in {@link #skipped()}. Unknown events and fields are ignored.
   *
   * @throws NotAnEventLogException when the first line is not a {@code runStarted} or
   *                                {@code runResumed} event of a known format version
   * @throws IOException            when the file cannot be read
   */
  public static RecordedRun read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Builder b = new Builder();
    int start = 0;
    long line = 0;
    while (start < bytes.length) {
      line++;
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      int length = end - start;
      if (end == bytes.length) {
        b.skip(new Skipped(line, length, "cut off"));
        break;
      }
      String text = new String(bytes, start, length, StandardCharsets.UTF_8);
      start = end + 1;
      if (text.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = EventJson.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        b.skip(new Skipped(line, length, "not JSON"));
        continue;
      }
      b.accept(n, line);
    }
    if (b.config == null) {
      throw new NotAnEventLogException(bytes.length == 0 ? "is empty, not an event log"
          : "is not an alr event log (no complete runStarted line)");
    }
    return new RecordedRun(b.config, b.planned, b.starts, b.epochs, b.undecided, b.lastCheckpoint, b.finished,
        b.skipped);
  }

  private static final class Builder {
    JsonNode config;
    long planned;
    int starts;
    final List<EpochRecord> epochs = new ArrayList<>();
    final List<CandidateRecord> undecided = new ArrayList<>();
    int lastCheckpoint;
    Finished finished;
    final List<Skipped> skipped = new ArrayList<>();

    void skip(Skipped s) throws NotAnEventLogException {
      if (config == null) {
        throw new NotAnEventLogException("is not an alr event log (" + s + ")");
      }
      skipped.add(s);
    }

    void accept(JsonNode n, long line) throws IOException {
      String type = n.path("event").asText("");
      if (config == null) {
        if (!type.equals("runStarted") && !type.equals("runResumed")) {
          throw new NotAnEventLogException("is not an alr event log (line " + line + " is no runStarted event)");
        }
        int version = n.path("formatVersion").asInt(-1);
        if (version != EventLog.FORMAT_VERSION) {
          throw new NotAnEventLogException("has event log format " + n.path("formatVersion")
              + "; this alr reads format " + EventLog.FORMAT_VERSION);
        }
      }
      try {
        switch (type) {
          case "runStarted", "runResumed" -> start(n);
          case "candidateFinished" -> undecided.add(EventJson.MAPPER.treeToValue(fields(n), CandidateRecord.class));
          case "epochFinished" -> {
            epochs.add(EventJson.MAPPER.treeToValue(fields(n), EpochRecord.class));
            undecided.clear();
          }
          case "checkpointWritten" -> lastCheckpoint = n.path("epoch").asInt();
          case "runFinished" -> finished = EventJson.MAPPER.treeToValue(fields(n), Finished.class);
          default -> {
            // an event of a newer writer: nothing this reader needs
          }
        }
      } catch (JsonProcessingException e) {
        skipped.add(new Skipped(line, n.toString().length(), "bad " + type + " event"));
      }
    }

    private void start(JsonNode n) {
      starts++;
      config = n.path("config");
      planned = n.path("plannedCandidateEpochs").asLong();
      long done = n.path("candidateEpochsDone").asLong();
      long kept = 0;
      int keep = 0;
      while (keep < epochs.size() && kept + epochs.get(keep).candidates().size() <= done) {
        kept += epochs.get(keep).candidates().size();
        keep++;
      }
      epochs.subList(keep, epochs.size()).clear();
      undecided.clear();
      finished = null;
    }

    private static JsonNode fields(JsonNode n) {
      ObjectNode f = ((ObjectNode) n).deepCopy();
      f.remove("event");
      f.remove("time");
      return f;
    }
  }
}
