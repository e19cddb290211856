package dev.alr.cli;

import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code search} and {@code submit} show while a search runs: one progress bar over the
 * run's candidate-epochs (with ETA) when a person watches, a table per epoch printed above the bar,
 * and a closing summary after the bar has ended.
 *
 * <p>Lifecycle: the listener events in {@link SearchListener}'s order, then {@link #summary}.
 * Events come from one thread at a time.
 */
final class SearchProgress implements SearchListener {
  private final PrintStream out;
  private final int epochs;
  private final Terminal.RunBars bars;
  private Terminal.RunBar bar = Terminal.none();
  private long planned;
  private long done;

  SearchProgress(PrintStream out, int epochs, boolean bars) {
    this(out, epochs, bars ? Terminal::runBar : null);
  }

  /** @param bars opens the run's bar; {@code null} for none */
  SearchProgress(PrintStream out, int epochs, Terminal.RunBars bars) {
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
    if (bars != null) {
      bar = bars.open("candidate-epochs", Math.max(planned, done), done);
    }
  }

  @Override
  public void candidateFinished(Candidate candidate, CandidateResult result) {
    done++;
    bar.stepTo(done, Math.max(planned, done));
  }

  @Override
  public void epochFinished(EpochRecord epoch) {
    if (epoch.outcome() != EpochOutcome.ADVANCED) {
      planned += epoch.candidates().size();
      bar.stepTo(done, planned);
    }
    bar.printAbove(out, Tables.epoch(epoch, epochs));
  }

  /** Prints {@code text} on stdout above the bar (another listener's per-epoch line). */
  void printAbove(String text) {
    bar.printAbove(out, text);
  }

  @Override
  public void runFinished(SearchResult result) {
    endBar();
  }

  private void endBar() {
    bar.close();
    bar = Terminal.none();
  }

  /**
   * The closing lines: termination, candidate-epochs, time, LR path, final test, bytes copied. Ends
   * the bar first when the run did not (a failed run).
   */
  void summary(SearchResult r) {
    endBar();
    out.printf(Locale.ROOT, "%s after %d candidate-epoch(s) in %.1f s; %s%n", r.termination(), r.candidateEpochs(),
        r.wallSeconds(), lrPath(r));
    if (r.finalTest() != null) {
      out.printf(Locale.ROOT, "final test loss %.4f, accuracy %.2f%%; %d bytes of model state copied%n",
          r.finalTest().loss(), 100 * r.finalTest().accuracy(), r.bytesCopied());
    }
    out.flush();
  }

  /**
   * The best model's LR path in words: {@code "LR path 0.1 → 0.05"} when each epoch trained at one
   * LR; {@code "LR at the end of each epoch 0.08 → 0.03 (from 0.1)"} when an epoch's LR moved
   * within it (N-probe, per-step schedules), since the start LRs would hide where it went.
   */
  static String lrPath(SearchResult r) {
    Map<Integer, CandidateRecord> byId = new HashMap<>();
    for (EpochRecord e : r.epochs()) {
      if (e.outcome() == EpochOutcome.ADVANCED) {
        e.candidates().forEach(c -> byId.put(c.id(), c));
      }
    }
    List<CandidateRecord> path = r.lineage().stream().map(byId::get).toList();
    boolean moved = !path.isEmpty() && path.stream().allMatch(java.util.Objects::nonNull)
        && path.stream().anyMatch(c -> Double.compare(c.lr(), c.endLr()) != 0 && Double.isFinite(c.endLr()));
    if (!moved) {
      return "LR path " + r.lrPath().stream().map(Tables::lr).collect(Collectors.joining(" → "));
    }
    return "LR at the end of each epoch " + path.stream().map(c -> Tables.lr(c.endLr()))
        .collect(Collectors.joining(" → ")) + " (from " + Tables.lr(path.get(0).lr()) + ")";
  }
}
