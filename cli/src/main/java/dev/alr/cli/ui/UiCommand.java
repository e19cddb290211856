package dev.alr.cli.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alr.engine.events.EventLog;
import dev.alr.engine.events.RecordedRun;
import dev.alr.engine.run.OutputFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alr ui EVENTS}: serves the dashboard of a recorded run (its event log, also one cut off by
 * a kill: every complete line is used and one line on stderr names what was skipped) until the
 * process is stopped (Ctrl-C).
 */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Show a run's event log (--events, or DIR/events.jsonl) in the web dashboard, until Ctrl-C.")
public final class UiCommand implements Callable<Integer> {
  @Parameters(paramLabel = "EVENTS", description = "the event log (JSON Lines), or a checkpoint directory holding"
      + " one (" + EventLog.DEFAULT_NAME + ")")
  Path events;

  @Option(names = "--port", defaultValue = "" + Dashboard.DEFAULT_PORT,
      description = "port to serve on (default: ${DEFAULT-VALUE}; 0 for any free port)")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE};"
      + " 0.0.0.0 shows the read-only page, without authentication, to the whole network)")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    Path file = Files.isDirectory(events) ? events.resolve(EventLog.DEFAULT_NAME) : events;
    EventFeed.Loaded loaded;
    try {
      loaded = EventFeed.load(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("EVENTS " + file + ": " + (e instanceof RecordedRun.NotAnEventLogException
          ? e.getMessage() : OutputFiles.cause(e)));
    }
    RecordedRun run = loaded.run();
    if (!run.skipped().isEmpty()) {
      System.err.println("alr ui: " + file + ": skipped " + run.skipped().stream().map(Object::toString)
          .collect(Collectors.joining(", ")) + "; every complete line before and after is used");
    }
    try (Dashboard d = UiOptions.bind("--port", "--host", host, port, loaded.feed())) {
      JsonNode c = run.config();
      PrintStream out = System.out;
      out.println("alr ui: " + c.path("strategy").path("name").asText("?") + " on " + c.path("model").asText("?")
          + "/" + c.path("dataset").asText("?") + ", " + run.epochs().size() + " epoch record(s)"
          + (run.finished() == null ? ", the log ends before the run did" : ", " + run.finished().termination())
          + "; dashboard at " + d.url() + " (Ctrl-C stops)");
      out.flush();
      d.awaitClosed();
    }
    return 0;
  }
}
