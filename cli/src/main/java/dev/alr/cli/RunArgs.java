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

  @Option(names = "--lr", defaultValue = "0.05", paramLabel = "LR|auto[:START,END[,STEPS]]",
      description = "initial learning rate (default: ${DEFAULT-VALUE}); auto chooses it by an LR range test on a copy of"
      + " the initial model: the LR rises exponentially from START to END (default 1e-7 to 10) over STEPS (100) steps,"
      + " stopping when the smoothed loss passes 4x its minimum; its steps count in sample-gradients")
  String lr;

  @Option(names = "--lr-pick", defaultValue = "valley", paramLabel = "RULE",
      description = "with --lr auto, how the start LR is read off the curve: valley (default; fastai's: half-way down"
      + " the longest fall of the smoothed loss), steepest (the steepest fall), minimum (a tenth of the minimum's LR)")
  String lrPick;

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

  /** The parsed {@code --lr}. */
  LrArg lr() {
    return LrArg.parse(lr);
  }

  /** {@code alr} with the start LR of {@code --lr} (and {@code --lr-pick} for auto). */
  Alr withLr(Alr alr) {
    return lr().apply(alr, LrArg.pick(lrPick));
  }

  /** How the start LR prints in the run's header line. */
  String describeLr() {
    return lr().describe(LrArg.pick(lrPick));
  }

  /** Checks what can be checked before anything runs or is written; probes the outputs last. */
  void validate() {
    LrArg parsed = lr();
    LrArg.pick(lrPick);
    if (!parsed.auto() && !"valley".equalsIgnoreCase(lrPick.trim())) {
      throw new IllegalArgumentException("--lr-pick: applies only with --lr auto");
    }
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

  /** One line on the range test that chose the start LR, when there was one. */
  void printRangeTest(java.io.PrintStream out, SearchResult r) {
    if (r.rangeTest() != null) {
      dev.alr.engine.LrRangeResult t = r.rangeTest();
      out.printf(java.util.Locale.ROOT, "lr range test: chose %s (%s) after %d steps from %s to %s%s, %d sample-gradients"
          + " (counted in the total), %.1f s%n", Tables.lr(t.chosenLr()),
          t.test().pick().name().toLowerCase(java.util.Locale.ROOT), t.lrs().size(), Tables.lr(t.lrs().get(0)),
          Tables.lr(t.lrs().get(t.lrs().size() - 1)), t.stoppedEarly() ? " (stopped: the loss diverged)" : "",
          t.sampleGradients(), t.wallSeconds());
    }
  }

  /** The progress listener for this run. */
  SearchProgress progress(java.io.PrintStream out) {
    return new SearchProgress(out, epochs, !noProgress && Terminal.interactive());
  }
}
