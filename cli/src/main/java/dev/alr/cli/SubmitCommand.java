package dev.alr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.actors.cluster.ClusterExecutor;
import dev.alr.actors.wire.KryoSerializer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alr submit}: runs one search on a cluster — joins it through the coordinator, waits for
 * {@code --min-workers} worker nodes, runs the search over all ready workers (see
 * {@link ClusterExecutor}) and prints and writes the result exactly like {@code alr search}. The
 * JSON gets one more object, {@code cluster}: the engine-message bytes this node sent and received,
 * in all and per epoch (worker-to-worker state copies are the result's {@code bytesCopied}).
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run a search on a cluster's workers (same options and output as search).")
final class SubmitCommand implements Callable<Integer> {
  @Option(names = "--seed-nodes", required = true, split = ",", paramLabel = "HOST:PORT",
      description = "the coordinator (seed) node(s) of the cluster")
  List<String> seedNodes;

  @Option(names = "--min-workers", defaultValue = "1",
      description = "worker nodes to wait for before training (default: ${DEFAULT-VALUE})")
  int minWorkers;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  StrategyOptions strategy;

  @Mixin
  WorkloadOptions workload;

  @Option(names = "--epochs", defaultValue = "3", description = "epochs (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--lr", defaultValue = "0.05", description = "initial learning rate (default: ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--workers", description = "ignored on a cluster: every ready worker node trains (accepted so that"
      + " search arguments can be reused)")
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
    ClusterExecutor executor = new ClusterExecutor(cluster.node("search", 0, seedNodes), minWorkers,
        cluster.joinTimeout());
    Alr alr = Alr.search(workload.spec()).strategy(strategy.strategy()).lr(lr).epochs(epochs).workers(minWorkers)
        .checkpoints(checkpointDir).resume(resume).executor(executor);
    SearchConfig config = alr.config();
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume: needs --checkpoint-dir DIR");
    }
    if (json != null) {
      AtomicFiles.checkWritable(json, "--json");
    }
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "alr submit: %s on %s/%s, lr %s, %d epoch(s), cluster %s (>= %d worker(s)), seed %d%n",
        config.strategy().name(), config.workload().model(), config.workload().dataset(), Tables.lr(lr), epochs,
        String.join(",", seedNodes), minWorkers, config.seed());
    Progress progress = new Progress(out, epochs, !noProgress && Terminal.interactive(), executor);
    SearchResult r = alr.listener(progress).run();
    KryoSerializer.Stats total = executor.wireStats();
    if (json != null) {
      ObjectNode tree = ResultJson.toTree("search", r);
      ObjectNode c = tree.putObject("cluster");
      c.put("wireBytesSent", total.bytesOut());
      c.put("wireBytesReceived", total.bytesIn());
      c.put("wireMessages", total.messagesOut() + total.messagesIn());
      ArrayNode per = c.putArray("wireBytesPerEpoch");
      progress.perEpoch.forEach(per::add);
      AtomicFiles.write(json, tree.toPrettyString() + "\n");
    }
    out.printf(Locale.ROOT, "%s after %d candidate-epoch(s) in %.1f s; LR path %s%n", r.termination(),
        r.candidateEpochs(), r.wallSeconds(), r.lrPath().stream().map(Tables::lr).collect(Collectors.joining(" → ")));
    if (r.finalTest() != null) {
      out.printf(Locale.ROOT, "final test loss %.4f, accuracy %.2f%%; %d bytes copied between workers%n",
          r.finalTest().loss(), 100 * r.finalTest().accuracy(), r.bytesCopied());
    }
    out.printf(Locale.ROOT, "wire: %d bytes sent, %d received by this node (%d messages)%n", total.bytesOut(),
        total.bytesIn(), total.messagesOut() + total.messagesIn());
    if (!r.completed()) {
      throw new RunFailedException(r.message());
    }
    return 0;
  }

  /** Progress bar, a table per epoch and the wire bytes per epoch. Called from one thread at a time. */
  private static final class Progress implements SearchListener {
    private final PrintStream out;
    private final int epochs;
    private final boolean bars;
    private final ClusterExecutor executor;
    private final List<Long> perEpoch = new ArrayList<>();
    private KryoSerializer.Stats last = new KryoSerializer.Stats(0, 0, 0, 0);
    private ProgressBar bar;
    private long planned;
    private long done;

    Progress(PrintStream out, int epochs, boolean bars, ClusterExecutor executor) {
      this.out = out;
      this.epochs = epochs;
      this.bars = bars;
      this.executor = executor;
    }

    @Override
    public void runStarted(SearchConfig config, long plannedCandidateEpochs, long alreadyDone) {
      planned = plannedCandidateEpochs;
      done = alreadyDone;
      last = executor.wireStats();
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
      KryoSerializer.Stats now = executor.wireStats();
      long bytes = now.minus(last).bytes();
      last = now;
      perEpoch.add(bytes);
      out.print(Tables.epoch(epoch, epochs));
      out.printf(Locale.ROOT, "  wire: %d bytes to and from this node in epoch %d%n", bytes, epoch.epoch());
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
