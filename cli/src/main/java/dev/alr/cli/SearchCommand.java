package dev.alr.cli;

import dev.alr.bench.AtomicFiles;
import dev.alr.bench.ResultJson;
import dev.alr.engine.Alr;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alr search}: runs a strategy on parallel workers (actors in this JVM) with a progress bar
 * over candidate-epochs, a table per epoch, optional JSON and per-epoch checkpoints.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Search the learning rate while training: ALR beam search, N-probe, a schedule or a grid.")
final class SearchCommand implements Callable<Integer> {
  @Mixin
  StrategyOptions strategy;

  @Mixin
  WorkloadOptions workload;

  @Option(names = "--epochs", defaultValue = "3", description = "epochs (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--lr", defaultValue = "0.05", description = "initial learning rate (default: ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--workers", description = "parallel workers (default: number of cores)")
  Integer workers;

  @Option(names = "--json", paramLabel = "FILE", description = "write the result as JSON (see README)")
  Path json;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "checkpoint after every epoch in DIR")
  Path checkpointDir;

  @Option(names = "--resume", description = "continue from the latest checkpoint in --checkpoint-dir")
  boolean resume;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Override
  public Integer call() {
    int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    Alr alr = Alr.search(workload.spec()).strategy(strategy.strategy()).lr(lr).epochs(epochs).workers(w)
        .checkpoints(checkpointDir).resume(resume);
    SearchConfig config = alr.config();
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume: needs --checkpoint-dir DIR");
    }
    if (json != null) {
      AtomicFiles.checkWritable(json, "--json");
    }
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "alr search: %s on %s/%s, lr %s, %d epoch(s), %d worker(s), seed %d%n",
        config.strategy().name(), config.workload().model(), config.workload().dataset(), Tables.lr(lr), epochs, w,
        config.seed());
    SearchResult r = alr.listener(new Progress(out, epochs, !noProgress && Terminal.interactive())).run();
    if (json != null) {
      AtomicFiles.write(json, ResultJson.toJson("search", r));
    }
    out.printf(Locale.ROOT, "%s after %d candidate-epoch(s) in %.1f s; LR path %s%n", r.termination(),
        r.candidateEpochs(), r.wallSeconds(), r.lrPath().stream().map(Tables::lr).collect(Collectors.joining(" → ")));
    if (r.finalTest() != null) {
      out.printf(Locale.ROOT, "final test loss %.4f, accuracy %.2f%%; %d bytes copied between workers%n",
          r.finalTest().loss(), 100 * r.finalTest().accuracy(), r.bytesCopied());
    }
    if (!r.completed()) {
      throw new RunFailedException(r.message());
    }
    return 0;
  }

  /** Progress bar over candidate-epochs and a table per epoch. Called from one thread at a time. */
  private static final class Progress implements SearchListener {
    private final PrintStream out;
    private final int epochs;
    private final boolean bars;
    private ProgressBar bar;
    private long planned;
    private long done;

    Progress(PrintStream out, int epochs, boolean bars) {
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
      if (!"advanced".equals(epoch.outcome())) {
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
  }
}
