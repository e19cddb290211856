package dev.alr.cli;

import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;

/**
 * What {@code search} and {@code submit} show while a search runs: a progress bar over
 * candidate-epochs (with ETA) when a person watches, a table per epoch, and a closing summary.
 *
 * <p>Lifecycle: the listener events in {@link SearchListener}'s order, then {@link #summary}.
 * Events come from one thread at a time.
 */
final class SearchProgress implements SearchListener {
  private final PrintStream out;
  private final int epochs;
  private final boolean bars;
  private ProgressBar bar;
  private long planned;
  private long done;

  SearchProgress(PrintStream out, int epochs, boolean bars) {
    this.out = out;
    this.epochs = epochs;
    this.bars = bars;
  }

  @Override
  public void runStarted(SearchConfig config, long plannedCandidateEpochs, long alreadyDone) {
    planned = plannedCandidateEpochs;
    done = alreadyDone;
    if (alreadyDone > 0) {
      out.printf(Locale.ROOT, "resuming after %d candidate-epoch(s)%n", alreadyDone);
    }
    open();
  }

  private void open() {
    if (bars) {
      bar = Terminal.bar("candidate-epochs", Math.max(planned, done), done);
    }
  }

  @Override
  public void candidateFinished(Candidate candidate, CandidateResult result) {
    done++;
    if (bar != null) {
      bar.maxHint(Math.max(planned, done));
      bar.stepTo(done);
    }
  }

  @Override
  public void epochFinished(EpochRecord epoch) {
    if (bar != null) {
      bar.close();
    }
    out.print(Tables.epoch(epoch, epochs));
    out.flush();
    if (epoch.outcome() != EpochOutcome.ADVANCED) {
      planned += epoch.candidates().size();
    }
    open();
  }

  @Override
  public void runFinished(SearchResult result) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  /** The closing lines: termination, candidate-epochs, time, LR path, final test, bytes copied. */
  void summary(SearchResult r) {
    out.printf(Locale.ROOT, "%s after %d candidate-epoch(s) in %.1f s; LR path %s%n", r.termination(),
        r.candidateEpochs(), r.wallSeconds(), r.lrPath().stream().map(Tables::lr).collect(Collectors.joining(" → ")));
    if (r.finalTest() != null) {
      out.printf(Locale.ROOT, "final test loss %.4f, accuracy %.2f%%; %d bytes of model state copied%n",
          r.finalTest().loss(), 100 * r.finalTest().accuracy(), r.bytesCopied());
    }
  }
}
