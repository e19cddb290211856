package dev.alr.cli;

import dev.alr.bench.AtomicFiles;
import dev.alr.engine.SearchResult;
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

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "checkpoint after every epoch in DIR")
  Path checkpointDir;

  @Option(names = "--resume", description = "continue from the latest checkpoint in --checkpoint-dir")
  boolean resume;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  /** Checks what can be checked before anything runs or is written. */
  void validate() {
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume: needs --checkpoint-dir DIR");
    }
    if (json != null) {
      AtomicFiles.checkWritable(json, "--json");
    }
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
