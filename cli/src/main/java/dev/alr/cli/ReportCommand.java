package dev.alr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchResult;
import dev.alr.engine.events.RecordedRun;
import dev.alr.engine.run.OutputFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code alr report EVENTS}: rebuilds a search's per-epoch tables and summary from its event log
 * ({@code --events}, or {@code events.jsonl} in a checkpoint directory), also the log of a run that
 * was killed: every complete line is used, and one line on stderr names what was skipped.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print a search's tables and summary from its event log (--events, or DIR/events.jsonl).")
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "EVENTS", description = "the event log (JSON Lines)")
  Path events;

  @Override
  public Integer call() {
    RecordedRun run;
    try {
      run = RecordedRun.read(events);
    } catch (IOException e) {
      throw new IllegalArgumentException("EVENTS " + events + ": " + (e instanceof RecordedRun.NotAnEventLogException
          ? e.getMessage() : OutputFiles.cause(e)));
    }
    if (!run.skipped().isEmpty()) {
      System.err.println("alr report: " + events + ": skipped " + run.skipped().stream().map(Object::toString)
          .collect(Collectors.joining(", ")) + "; every complete line before and after is used");
    }
    PrintStream out = System.out;
    JsonNode c = run.config();
    JsonNode w = c.path("workload");
    int epochs = c.path("epochs").asInt();
    out.printf(Locale.ROOT, "alr report: %s on %s/%s, lr %s, %d epoch(s), %d worker(s), seed %d%s%n",
        c.path("strategy").path("name").asText("?"), w.path("model").asText("?"), w.path("dataset").asText("?"),
        Tables.lr(c.path("lr").asDouble(Double.NaN)), epochs, c.path("workers").asInt(), w.path("seed").asLong(),
        run.starts() > 1 ? String.format(Locale.ROOT, " (resumed %d time(s))", run.starts() - 1) : "");
    for (EpochRecord e : run.epochs()) {
      out.print(Tables.epoch(e, epochs));
    }
    RecordedRun.Finished f = run.finished();
    if (f == null) {
      int decided = (int) run.epochs().stream().filter(e -> "advanced".equals(e.outcome())).count();
      out.printf(Locale.ROOT, "the log ends before the run did: %d of %d epoch(s) decided%s%s%n", decided, epochs,
          run.undecided().isEmpty() ? "" : ", then " + run.undecided().size() + " candidate(s) of the next finished",
          run.lastCheckpoint() > 0 ? "; last checkpoint after epoch " + run.lastCheckpoint() : "");
    } else {
      new SearchProgress(out, epochs, false).summary(new SearchResult(SearchResult.FORMAT_VERSION, null,
          run.epochs(), f.lrPath(), f.lineage(), f.finalTest(), f.wallSeconds(), f.candidateEpochs(),
          f.sampleGradients(), f.probeForwards(), f.bytesCopied(), f.termination(), f.message()));
    }
    return 0;
  }
}
