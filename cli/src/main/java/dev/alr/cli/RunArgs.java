package dev.alr.cli;

import dev.alr.engine.Alr;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchResult;
import dev.alr.engine.events.EventLog;
import dev.alr.engine.run.CheckpointStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of a search run shared by {@code search} and {@code submit}: length, LR, outputs, checkpoints. */
final class RunArgs {
  @Option(names = "--epochs", defaultValue = "3", description = "epochs (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--lr", defaultValue = "0.05", description = "initial learning rate (default: ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--json", paramLabel = "FILE", description = "write the result as JSON (see README)")
  Path json;

  @Option(names = "--events", paramLabel = "FILE", description = "stream the run's events to FILE as JSON Lines (default"
      + " with --checkpoint-dir: DIR/" + EventLog.DEFAULT_NAME + ", appended to on --resume; see README, bin/alr report)")
  Path events;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "checkpoint after every epoch in DIR")
  Path checkpointDir;

  @Option(names = "--resume", description = "continue from the latest checkpoint in --checkpoint-dir")
  boolean resume;

  @Option(names = "--overwrite", description = "replace the checkpoint already in --checkpoint-dir (without it, and"
      + " without --resume, such a directory is refused)")
  boolean overwrite;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  /** Checks what can be checked before anything runs or is written; probes the outputs last. */
  void validate() {
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume: needs --checkpoint-dir DIR");
    }
    if (overwrite && (checkpointDir == null || resume)) {
      throw new IllegalArgumentException("--overwrite: needs --checkpoint-dir DIR and no --resume");
    }
    CheckpointStore.check(new RunOptions(checkpointDir, resume, overwrite));
    if (json != null) {
      Outputs.probeFile("--json", json);
    }
    if (events != null) {
      Outputs.probeFile("--events", events);
    }
    if (checkpointDir != null && (!resume || java.nio.file.Files.isDirectory(checkpointDir))) {
      Outputs.probeDirectory("--checkpoint-dir", checkpointDir);
    }
  }

  /**
   * {@code alr} with the event log added as its first listener when there is one: {@code --events}, or
   * the default log in {@code --checkpoint-dir}; appended to on {@code --resume}.
   */
  Alr withEvents(Alr alr) {
    Path file = eventsFile();
    return file == null ? alr : alr.listener(new EventLog(file, resume, Main.class.getPackage().getImplementationVersion(),
        System.err::println));
  }

  /** The run's event log: {@code --events}, or the default log in {@code --checkpoint-dir}, or null. */
  Path eventsFile() {
    return events != null ? events : checkpointDir == null ? null : checkpointDir.resolve(EventLog.DEFAULT_NAME);
  }

  /**
   * The exit-1 failure for a run that ended without completing: the result's reason, and where
   * its last good epoch's checkpoint is when one was written (never claimed otherwise).
   */
  RunFailedException failed(SearchResult r) {
    int good = r.lrPath().size();
    return new RunFailedException(checkpointDir == null || good == 0 ? r.message()
        : r.message() + "; the checkpoint of epoch " + good + " in " + checkpointDir + " is intact (--resume continues)");
  }

  /** The progress listener for this run. */
  SearchProgress progress(java.io.PrintStream out) {
    return new SearchProgress(out, epochs, !noProgress && Terminal.interactive());
  }
}
