package dev.alr.cli.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alr.engine.events.RecordedRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events a {@link Dashboard} shows: an append-only list of event-log lines (one JSON object
 * each, as {@link dev.alr.engine.events.EventLog} writes them), fed live by a streaming event log
 * or loaded whole from a finished run's log, and read by every page that connects, from any index.
 *
 * <p>Lifecycle: {@link #append} any number of times, then {@link #close} once no more will come
 * (the end of the run); readers {@link #await} lines after the ones they have. Thread-safe.
 */
public final class EventFeed {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grown = lock.newCondition();
  private final List<String> lines = new ArrayList<>();
  private boolean closed;

  /** An empty feed, open for {@link #append}. */
  public EventFeed() {
  }

  /**
   * A closed feed holding the usable lines of the event log {@code file}: every complete line that
   * is JSON, as {@link RecordedRun#read} uses them (which checks first that the file is an event log).
   *
   * @return the feed and the run as read, whose {@link RecordedRun#skipped()} lists what was left out
   * @throws RecordedRun.NotAnEventLogException when the file is not an alr event log
   * @throws IOException                        when it cannot be read
   */
  public static Loaded load(Path file) throws IOException {
    RecordedRun run = RecordedRun.read(file);
    EventFeed feed = new EventFeed();
    feed.appendLog(file);
    feed.close();
    return new Loaded(feed, run);
  }

  /**
   * A feed read from an event log and the run it holds.
   *
   * @param feed the closed feed
   * @param run  the run as {@link RecordedRun#read} reads the same file
   */
  public record Loaded(EventFeed feed, RecordedRun run) {
  }

  /**
   * Appends the complete JSON lines of the log {@code file} (e.g. the log a resumed run continues,
   * so that its page shows the epochs before the resume too). A missing file adds nothing.
   *
   * @throws IOException when the file exists but cannot be read
   */
  public void appendLog(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    int start = 0;
    for (int end = 0; end < bytes.length; end++) {
      if (bytes[end] == '\n') {
        String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        start = end + 1;
        if (!line.isBlank() && isJson(line)) {
          append(line);
        }
      }
    }
  }

  private static boolean isJson(String line) {
    try {
      return JSON.readTree(line).isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Adds one event line (a JSON object, no line end).
   *
   * @throws IllegalStateException when the feed is closed
   */
  public void append(String line) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the event feed is closed");
      }
      lines.add(line);
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** No more lines will come; wakes every reader. Idempotent. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How many lines the feed holds. */
  public int size() {
    lock.lock();
    try {
      return lines.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The lines from index {@code from} on, waiting at most {@code wait} for one to come when there is
   * none yet.
   *
   * @return the lines (empty when none came in time, or when the feed is closed and {@code from} is
   *     past its end: see {@link #finishedAt})
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  public List<String> await(int from, Duration wait) throws InterruptedException {
    long nanos = wait.toNanos();
    lock.lock();
    try {
      while (from >= lines.size() && !closed && nanos > 0) {
        nanos = grown.awaitNanos(nanos);
      }
      return from < lines.size() ? List.copyOf(lines.subList(from, lines.size())) : List.of();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the feed is closed and holds no line from index {@code from} on: a reader there is done. */
  public boolean finishedAt(int from) {
    lock.lock();
    try {
      return closed && from >= lines.size();
    } finally {
      lock.unlock();
    }
  }
}
