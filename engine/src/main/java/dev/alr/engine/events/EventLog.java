package dev.alr.engine.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.run.OutputFiles;
import dev.alr.engine.spi.WorkloadSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link SearchListener} that streams the run to an append-only JSON Lines file: one object per
 * line, each written with a single {@code write} as the event happens, so a run killed at any
 * moment leaves every earlier event whole and at most one partial last line (which
 * {@link RecordedRun#read} skips and reports). Events, each with {@code event} and {@code time}:
 * {@code runStarted} or, when appending to the log of a resumed run, {@code runResumed} (config,
 * planned and done candidate-epochs, {@code formatVersion}, {@code alrVersion});
 * {@code candidateFinished} (epoch, attempt and the {@link CandidateRecord} fields);
 * {@code checkpointWritten} (epoch, dir); {@code epochFinished} (the {@link EpochRecord} fields);
 * {@code runFinished} (the {@link SearchResult} fields but config and epochs).
 *
 * <p>Call order: the listener events; the file is opened (created or truncated, or appended to)
 * at {@code runStarted} and closed at {@code runFinished}, or by {@link #close} when the run throws.
 * A write that fails is reported once through {@code notes} and the later events are dropped: the
 * log never stops the search. Thread-safe (calls are serialised).
 *
 * <p>{@link #streaming} makes a log that hands each line to a consumer instead of a file (the live
 * dashboard's feed), so every view of a run reads the same events.
 */
public final class EventLog implements SearchListener, AutoCloseable {
  /** Version of the event log's shape: changes when an event loses or changes a field. */
  public static final int FORMAT_VERSION = 1;
  /** The log's name in a checkpoint directory. */
  public static final String DEFAULT_NAME = "events.jsonl";

  private final Path file;
  private final Consumer<String> lines;
  private final boolean append;
  private final String alrVersion;
  private final Consumer<String> notes;
  private final Map<List<Integer>, Integer> attempts = new HashMap<>();
  private FileChannel channel;
  private boolean failed;

  /**
   * A log to be written to {@code file}.
   *
   * @param append     continue an existing log (a resumed run: its first event is {@code runResumed});
   *                   otherwise the file is replaced
   * @param alrVersion the version recorded in the first event, or null when unknown
   * @param notes      where the one line about a failed write goes (e.g. standard error)
   */
  public EventLog(Path file, boolean append, String alrVersion, Consumer<String> notes) {
    this(Objects.requireNonNull(file, "file"), null, append, alrVersion, notes);
  }

  private EventLog(Path file, Consumer<String> lines, boolean append, String alrVersion, Consumer<String> notes) {
    this.file = file;
    this.lines = lines;
    this.append = append;
    this.alrVersion = alrVersion;
    this.notes = Objects.requireNonNull(notes, "notes");
  }

  /**
   * The configuration as the event log and the result JSON write it (README, "JSON output"):
   * {@code strategy} (its name and fields), the workload's fields, {@code lr}, {@code epochs},
   * {@code workers}.
   */
  public static ObjectNode configTree(SearchConfig c) {
    ObjectNode n = EventJson.MAPPER.createObjectNode();
    ObjectNode s = n.putObject("strategy");
    s.put("name", c.strategy().name());
    s.setAll((ObjectNode) EventJson.MAPPER.valueToTree(c.strategy()));
    WorkloadSpec w = c.workload();
    n.put("model", w.model());
    ArrayNode hidden = n.putArray("hidden");
    w.hidden().forEach(hidden::add);
    n.put("dataset", w.dataset());
    n.put("limit", w.limit());
    n.put("val", w.val());
    n.put("batch", w.batchSize());
    n.put("updater", w.updater());
    n.put("momentum", w.momentum());
    n.put("seed", w.seed());
    n.put("lr", c.lr());
    n.put("epochs", c.epochs());
    n.put("workers", c.workers());
    return n;
  }

  /**
   * A log that hands each event, one JSON object without its line end, to {@code lines} as it
   * happens (on the listener's thread: keep it quick) instead of writing a file.
   *
   * @param resumed    whether the run continues a checkpoint (its first event is {@code runResumed})
   * @param alrVersion the version recorded in the first event, or null when unknown
   */
  public static EventLog streaming(boolean resumed, String alrVersion, Consumer<String> lines) {
    return new EventLog(null, Objects.requireNonNull(lines, "lines"), resumed, alrVersion, s -> {
    });
  }

  /** The log's file, or null for a {@link #streaming} log. */
  public Path file() {
    return file;
  }

  /** Whether a write failed (the events after it were not logged). */
  public synchronized boolean failed() {
    return failed;
  }

  @Override
  public synchronized void runStarted(SearchConfig config, long plannedCandidateEpochs, long done) {
    try {
      open();
    } catch (IOException e) {
      fail(e);
      return;
    }
    ObjectNode n = event(append ? "runResumed" : "runStarted");
    n.put("formatVersion", FORMAT_VERSION);
    n.put("alrVersion", alrVersion);
    n.set("config", configTree(config));
    n.put("plannedCandidateEpochs", plannedCandidateEpochs);
    n.put("candidateEpochsDone", done);
    write(n);
  }

  @Override
  public synchronized void candidateFinished(Candidate candidate, CandidateResult result) {
    ObjectNode n = event("candidateFinished");
    n.put("epoch", candidate.epoch());
    n.put("attempt", attempts.getOrDefault(List.of(candidate.epoch(), candidate.fromBatch()), 0));
    n.setAll((ObjectNode) EventJson.MAPPER.valueToTree(CandidateRecord.of(candidate, result)));
    write(n);
  }

  @Override
  public synchronized void checkpointWritten(int epoch, Path dir) {
    ObjectNode n = event("checkpointWritten");
    n.put("epoch", epoch);
    n.put("dir", dir.toString());
    write(n);
  }

  @Override
  public synchronized void epochFinished(EpochRecord epoch) {
    attempts.merge(List.of(epoch.epoch(), epoch.fromBatch()), 1, Integer::sum);
    ObjectNode n = event("epochFinished");
    n.setAll((ObjectNode) EventJson.MAPPER.valueToTree(epoch));
    write(n);
  }

  @Override
  public synchronized void runFinished(SearchResult result) {
    ObjectNode n = event("runFinished");
    ObjectNode r = EventJson.MAPPER.valueToTree(result);
    r.remove("config");
    r.remove("epochs");
    r.remove("formatVersion");
    n.setAll(r);
    write(n);
    close();
  }

  /** Closes the file; later events are dropped. Idempotent. */
  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        fail(e);
      }
      channel = null;
    }
  }

  private void open() throws IOException {
    if (channel != null || lines != null) {
      return;
    }
    boolean continues = append && Files.exists(file);
    channel = continues ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
        : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    if (continues && channel.size() > 0 && !endsWithNewline()) {
      writeFully(new byte[] {'\n'});
    }
  }

  private boolean endsWithNewline() throws IOException {
    try (FileChannel r = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      r.read(last, r.size() - 1);
      return last.get(0) == '\n';
    }
  }

  private static ObjectNode event(String type) {
    ObjectNode n = EventJson.MAPPER.createObjectNode();
    n.put("event", type);
    n.put("time", Instant.now().toString());
    return n;
  }

  private void write(ObjectNode n) {
    if (lines != null) {
      try {
        lines.accept(EventJson.MAPPER.writeValueAsString(n));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot render event " + n.get("event"), e);
      }
      return;
    }
    if (failed || channel == null) {
      return;
    }
    try {
      writeFully((EventJson.MAPPER.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render event " + n.get("event"), e);
    } catch (IOException e) {
      fail(e);
    }
  }

  private void writeFully(byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  private void fail(IOException e) {
    if (!failed) {
      failed = true;
      notes.accept("alr: event log " + file + ": " + OutputFiles.cause(e) + "; later events are not logged");
    }
  }
}
