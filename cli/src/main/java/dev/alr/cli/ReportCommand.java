package dev.alr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alr.bench.suite.PruneBenchRun;
import dev.alr.bench.suite.PruneResultFiles;
import dev.alr.engine.events.ResultJson;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Termination;
import dev.alr.engine.events.EventLog;
import dev.alr.engine.events.RecordedRun;
import dev.alr.engine.run.OutputFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alr report EVENTS}: rebuilds a search's per-epoch tables and summary from its event log
 * ({@code --events}, or {@code events.jsonl} in a checkpoint directory), also the log of a run that
 * was killed: every complete line is used, and one line on stderr names what was skipped. Given a
 * prune bench's output directory (or its {@code prune-results.json}) it redraws that directory's
 * {@code prune-report.md}, plots and CSV from the JSON.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print a search's tables and summary from its event log (--events, or DIR/events.jsonl); for a "
        + "prune bench directory (DIR/prune-results.json), redraw its report, plots and CSV.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "EVENTS", description = "the event log (JSON Lines), or a checkpoint directory holding"
      + " one (" + EventLog.DEFAULT_NAME + "), or a prune bench directory holding " + PruneBenchRun.JSON)
  Path events;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the result JSON (as search --json writes"
      + " it; termination \"incomplete\" for a log that ends before the run did)")
  Path json;

  @Override
  public Integer call() {
    Path prune = Files.isDirectory(events) ? events.resolve(PruneBenchRun.JSON) : events;
    if (prune.getFileName() != null && prune.getFileName().toString().equals(PruneBenchRun.JSON)
        && Files.isRegularFile(prune)) {
      return pruneReport(prune);
    }
    if (Files.isDirectory(events)) {
      events = events.resolve(EventLog.DEFAULT_NAME);
    }
    RecordedRun run;
    try {
      run = RecordedRun.read(events);
    } catch (IOException e) {
      throw new IllegalArgumentException("EVENTS " + events + ": " + (e instanceof RecordedRun.NotAnEventLogException
          ? e.getMessage() : OutputFiles.cause(e)));
    }
    if (json != null) {
      Outputs.probeFile("--json", json);
    }
    if (!run.skipped().isEmpty()) {
      System.err.println("alr report: " + events + ": skipped " + run.skipped().stream().map(Object::toString)
          .collect(Collectors.joining(", ")) + "; every complete line before and after is used");
    }
    PrintStream out = System.out;
    JsonNode c = run.config();
    int epochs = c.path("epochs").asInt();
    out.printf(Locale.ROOT, "alr report: %s on %s/%s, lr %s, %d epoch(s), %d worker(s), seed %d%s%n",
        c.path("strategy").path("name").asText("?"), c.path("model").asText("?"), c.path("dataset").asText("?"),
        Tables.lr(c.path("lr").asDouble(Double.NaN)), epochs, c.path("workers").asInt(), c.path("seed").asLong(),
        run.starts() > 1 ? String.format(Locale.ROOT, " (resumed %d time(s))", run.starts() - 1) : "");
    for (EpochRecord e : run.epochs()) {
      out.print(Tables.epoch(e, epochs));
    }
    SearchResult r = result(run);
    if (run.finished() == null) {
      int decided = (int) run.epochs().stream().filter(e -> e.outcome() == EpochOutcome.ADVANCED).count();
      out.printf(Locale.ROOT, "the log ends before the run did: %d of %d epoch(s) decided%s%s%n", decided, epochs,
          run.undecided().isEmpty() ? "" : ", then " + run.undecided().size() + " candidate(s) of the next finished",
          run.lastCheckpoint() > 0 ? "; last checkpoint after epoch " + run.lastCheckpoint() : "");
    } else {
      new SearchProgress(out, epochs, false).summary(r);
    }
    if (json != null) {
      Outputs.write("--json", json, ResultJson.toJson("search", run.config(), r));
    }
    return 0;
  }

  /** Redraws a prune bench's report, plots and CSV next to its {@code prune-results.json}. */
  private int pruneReport(Path file) {
    if (json != null) {
      throw new IllegalArgumentException("--json: not used for a prune bench directory (" + file + ")");
    }
    PruneResultFiles.Contents c;
    try {
      c = PruneResultFiles.read(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("EVENTS " + file + ": " + OutputFiles.cause(e));
    }
    Path dir = file.toAbsolutePath().getParent();
    Outputs.probeDirectory("EVENTS", dir);
    List<Path> files;
    try {
      files = PruneBenchRun.write(c.suite(), dir, c.rows(), c.notes());
    } catch (java.io.UncheckedIOException e) {
      throw new RunFailedException(e.getMessage());
    }
    System.out.printf(Locale.ROOT, "alr report: suite %s, %d row(s); wrote:%n", c.suite().name(), c.rows().size());
    files.forEach(f -> System.out.println("  " + f));
    return 0;
  }

  /**
   * The run's result from its events (without its configuration, which the JSON takes from the log):
   * the {@code runFinished} event's, or for a log that ends before, termination {@code incomplete}
   * with the decided epochs' totals, no LR path and no final test.
   */
  private static SearchResult result(RecordedRun run) {
    RecordedRun.Finished f = run.finished();
    if (f != null) {
      return new SearchResult(SearchResult.FORMAT_VERSION, null, run.epochs(), f.lrPath(), f.lineage(), f.finalTest(),
          f.wallSeconds(), f.candidateEpochs(), f.sampleGradients(), f.probeForwards(), f.bytesCopied(),
          f.termination(), f.message());
    }
    List<CandidateRecord> cs = run.epochs().stream().flatMap(e -> e.candidates().stream()).toList();
    double seconds = run.epochs().stream().mapToDouble(EpochRecord::seconds).sum();
    int last = run.epochs().isEmpty() ? 0 : run.epochs().get(run.epochs().size() - 1).epoch();
    return new SearchResult(SearchResult.FORMAT_VERSION, null, run.epochs(), List.of(), List.of(), null, seconds,
        cs.size(), cs.stream().mapToLong(CandidateRecord::sampleGradients).sum(),
        cs.stream().mapToLong(CandidateRecord::probeForwards).sum(),
        cs.stream().mapToLong(CandidateRecord::bytesCopied).sum(), Termination.INCOMPLETE,
        "the event log ends after epoch " + last + " (the run was killed or failed)");
  }
}
