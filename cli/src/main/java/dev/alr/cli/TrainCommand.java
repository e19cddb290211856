package dev.alr.cli;

import dev.alr.cli.ui.LiveDashboard;
import dev.alr.cli.ui.UiOptions;
import dev.alr.engine.events.ResultJson;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.events.EventLog;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.schedule.Schedules;
import dev.alr.models.Workloads;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alr train}: trains one model with a fixed LR schedule on this thread, a progress bar per
 * epoch, then a line per epoch (train loss, test loss and accuracy, LR, seconds, samples/s); with
 * {@code --ui} a live dashboard of the run.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train one model at a fixed LR (or schedule) and report each epoch.")
final class TrainCommand implements Callable<Integer> {
  @Mixin
  WorkloadOptions workload;

  @Option(names = "--epochs", defaultValue = "3", description = "epochs (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--lr", defaultValue = "0.05", description = "learning rate (default: ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--schedule", defaultValue = "constant",
      description = "LR schedule: constant, step, exponential, linear, cosine, sgdr, clr, 1cycle, rex, warmup-cosine"
          + ", or replay:FILE to replay the winning LR path of a result JSON (default: ${DEFAULT-VALUE})")
  String schedule;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the run as JSON (see README)")
  Path json;

  @Option(names = "--events", paramLabel = "FILE", description = "stream the run's events to FILE as JSON Lines"
      + " (see README, bin/alr report)")
  Path events;

  @Mixin
  ModelOutput modelOutput;

  @Mixin
  UiOptions ui;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Override
  public Integer call() {
    boolean replay = schedule.startsWith(ReplaySchedule.PREFIX);
    if (!replay && !Schedules.NAMES.contains(schedule)) {
      throw new IllegalArgumentException("--schedule: unknown schedule '" + schedule + "'; allowed: "
          + String.join(", ", Schedules.NAMES) + ", " + ReplaySchedule.PREFIX + "FILE");
    }
    Strategy strategy = replay ? ReplaySchedule.read(schedule.substring(ReplaySchedule.PREFIX.length()), epochs)
        : Strategies.schedule(schedule);
    SearchConfig config = new SearchConfig(workload.spec(), strategy, lr, epochs, 1, true);
    if (json != null) {
      Outputs.probeFile("--json", json);
    }
    if (events != null) {
      Outputs.probeFile("--events", events);
    }
    modelOutput.validate();
    ui.validate();
    Workloads.dataset(config.workload());
    PrintStream out = System.out;
    LiveDashboard dashboard = ui.start(false, null);
    dashboard.announce(out);
    StepBar bar = new StepBar(!noProgress && Terminal.interactive(), epochs);
    SearchListener lines = new SearchListener() {
      @Override
      public void epochFinished(EpochRecord e) {
        CandidateRecord c = e.candidates().get(0);
        bar.epochDone(out, String.format(Locale.ROOT,
            "epoch %d/%d  train loss %.4f  test loss %s  test acc %s  lr %s  %.1f s  %.0f samples/s%n",
            e.epoch(), epochs, c.loss(), e.test() == null ? "-" : String.format(Locale.ROOT, "%.4f", e.test().loss()),
            e.test() == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * e.test().accuracy()),
            Tables.lr(c.lr()), c.seconds(), c.sampleGradients() / c.seconds()));
      }
    };
    SearchResult r;
    try (dashboard) {
      List<SearchListener> listeners = new ArrayList<>(dashboard.listeners());
      if (events != null) {
        listeners.add(new EventLog(events, false, Main.class.getPackage().getImplementationVersion(),
            System.err::println));
      }
      listeners.add(lines);
      r = new LocalExecutor(Workloads::factory, bar::step).run(config, RunOptions.none(),
          SearchListener.all(listeners));
    }
    bar.close();
    if (json != null) {
      Outputs.write("--json", json, ResultJson.toJson("train", r));
    }
    modelOutput.write("train", r);
    if (!r.completed()) {
      throw new RunFailedException(r.message());
    }
    return 0;
  }

  /**
   * One progress bar over the run's steps (all epochs), fed from the training thread; the epoch
   * lines are printed above it and it ends once, before the run's last output.
   */
  private static final class StepBar {
    private final boolean enabled;
    private final int epochs;
    private Terminal.RunBar bar = Terminal.none();
    private boolean opened;
    private int epoch;
    private int steps;

    StepBar(boolean enabled, int epochs) {
      this.enabled = enabled;
      this.epochs = epochs;
    }

    synchronized void step(int step, int stepsPerEpoch) {
      if (enabled && !opened) {
        opened = true;
        bar = Terminal.runBar("steps", (long) epochs * stepsPerEpoch, 0);
      }
      steps = stepsPerEpoch;
      bar.stepTo((long) epoch * stepsPerEpoch + step, (long) epochs * stepsPerEpoch);
    }

    synchronized void epochDone(PrintStream out, String line) {
      epoch++;
      bar.stepTo((long) epoch * steps, (long) epochs * steps);
      bar.printAbove(out, line);
    }

    synchronized void close() {
      bar.close();
    }
  }
}
