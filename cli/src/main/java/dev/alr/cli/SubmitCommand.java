package dev.alr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.actors.cluster.ClusterExecutor;
import dev.alr.actors.wire.KryoSerializer;
import dev.alr.cli.ui.LiveDashboard;
import dev.alr.cli.ui.UiOptions;
import dev.alr.engine.events.ResultJson;
import dev.alr.engine.Alr;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
  @Option(names = "--seed-nodes", split = ",", paramLabel = "HOST:PORT",
      description = "the coordinator (seed) node(s) of the cluster (or --discovery)")
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

  @Mixin
  RunArgs run;

  @Mixin
  UiOptions ui;

  @Option(names = "--workers", description = "ignored on a cluster: every ready worker node trains (accepted so that"
      + " search arguments can be reused)")
  Integer workers;

  @Override
  public Integer call() {
    ClusterExecutor executor = new ClusterExecutor(cluster.node("search", 0, seedNodes), minWorkers,
        cluster.joinTimeout());
    Strategy chosen = strategy.strategy();
    workload.checkValFor(chosen);
    Alr alr = run.withLr(Alr.search(workload.spec()).strategy(chosen).epochs(run.epochs)
        .workers(minWorkers).checkpoints(run.checkpointDir).resume(run.resume).overwrite(run.overwrite)
        .executor(executor));
    SearchConfig config = alr.config();
    run.validate();
    ui.validate();
    PrintStream out = System.out;
    LiveDashboard dashboard = ui.start(run.resume, run.eventsFile());
    out.printf(Locale.ROOT, "alr submit: %s on %s/%s, lr %s, %d epoch(s), cluster %s (>= %d worker(s)), seed %d%n",
        config.strategy().name(), config.workload().model(), config.workload().dataset(), run.describeLr(),
        run.epochs, cluster.joinedThrough(seedNodes), minWorkers, config.seed());
    dashboard.announce(out);
    SearchProgress progress = run.progress(out);
    WireCounter wire = new WireCounter(progress, executor);
    SearchResult r;
    try (dashboard) {
      r = dashboard.listen(run.withEvents(alr)).listener(progress).listener(wire).run();
    }
    KryoSerializer.Stats total = executor.wireStats();
    if (run.json != null) {
      ObjectNode tree = ResultJson.toTree("search", r);
      ObjectNode c = tree.putObject("cluster");
      c.put("wireBytesSent", total.bytesOut());
      c.put("wireBytesReceived", total.bytesIn());
      c.put("wireMessages", total.messagesOut() + total.messagesIn());
      ArrayNode per = c.putArray("wireBytesPerEpoch");
      wire.perEpoch.forEach(per::add);
      Outputs.write("--json", run.json, tree.toPrettyString() + "\n");
    }
    progress.summary(r);
    run.printRangeTest(out, r);
    out.printf(Locale.ROOT, "wire: %d bytes sent, %d received by this node (%d messages)%n", total.bytesOut(),
        total.bytesIn(), total.messagesOut() + total.messagesIn());
    if (!r.completed()) {
      throw run.failed(r);
    }
    return 0;
  }

  /** Counts the engine-message bytes this node moved in each epoch. Called from one thread at a time. */
  private static final class WireCounter implements SearchListener {
    private final SearchProgress out;
    private final ClusterExecutor executor;
    private final List<Long> perEpoch = new ArrayList<>();
    private KryoSerializer.Stats last = new KryoSerializer.Stats(0, 0, 0, 0);

    WireCounter(SearchProgress out, ClusterExecutor executor) {
      this.out = out;
      this.executor = executor;
    }

    @Override
    public void runStarted(SearchConfig config, long plannedCandidateEpochs, long alreadyDone) {
      last = executor.wireStats();
    }

    @Override
    public void epochFinished(EpochRecord epoch) {
      KryoSerializer.Stats now = executor.wireStats();
      long bytes = now.minus(last).bytes();
      last = now;
      perEpoch.add(bytes);
      out.printAbove(String.format(Locale.ROOT, "  wire: %d bytes to and from this node in epoch %d%n", bytes,
          epoch.epoch()));
    }
  }
}
