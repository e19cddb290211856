package dev.alr.cli;

import dev.alr.actors.Capacity;
import dev.alr.cli.ui.LiveDashboard;
import dev.alr.cli.ui.UiOptions;
import dev.alr.engine.Alr;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategy;
import dev.alr.engine.events.ResultJson;
import dev.alr.engine.run.RoundSlices;
import dev.alr.engine.spi.DataOrder;
import dev.alr.models.Workloads;
import dev.alr.models.data.PartitionedDataset;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
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

  @Mixin
  RunArgs run;

  @Mixin
  ModelOutput modelOutput;

  @Mixin
  UiOptions ui;

  @Option(names = "--workers", description = "parallel workers (default: number of cores; at most 4 per core,"
      + " at least 16)")
  Integer workers;

  @Option(names = "--round-steps", paramLabel = "K", description = "ALR selects every K steps instead of every"
      + " epoch (1 to an epoch's batches; --strategy alr only)")
  Integer roundSteps;

  @Override
  public Integer call() {
    int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    Capacity.check("--workers", w);
    Strategy chosen = strategy.strategy();
    workload.checkValFor(chosen);
    Alr alr = run.withLr(Alr.search(workload.spec()).strategy(chosen).epochs(run.epochs).workers(w)
        .checkpoints(run.checkpointDir).resume(run.resume).overwrite(run.overwrite));
    if (roundSteps != null) {
      alr.roundSteps(roundSteps);
    }
    SearchConfig config = alr.config();
    run.validate();
    modelOutput.validate();
    ui.validate();
    PartitionedDataset data = Workloads.dataset(config.workload());
    new RoundSlices(DataOrder.batchesPerEpoch(data.trainSize(), config.workload().batchSize()), config.roundSteps());
    PrintStream out = System.out;
    LiveDashboard dashboard = ui.start(run.resume, run.eventsFile());
    out.printf(Locale.ROOT, "alr search: %s on %s/%s, lr %s, %d epoch(s), %d worker(s), seed %d%n",
        config.strategy().name(), config.workload().model(), config.workload().dataset(), run.describeLr(),
        run.epochs, w, config.seed());
    if (config.strategy().selectsOnValidation()) {
      out.printf(Locale.ROOT, "ranking on validation loss: %,d of %,d training samples held out (--val)%n",
          data.validationSize(), data.trainSize() + data.validationSize());
    }
    dashboard.announce(out);
    SearchProgress progress = run.progress(out);
    SearchResult r;
    try (dashboard) {
      r = dashboard.listen(run.withEvents(alr)).listener(progress).run();
    }
    if (run.json != null) {
      Outputs.write("--json", run.json, ResultJson.toJson("search", r));
    }
    progress.summary(r);
    run.printRangeTest(out, r);
    modelOutput.write("search", r);
    if (!r.completed()) {
      throw run.failed(r);
    }
    return 0;
  }
}
