package dev.alr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.alr.actors.Capacity;
import dev.alr.actors.cluster.ClusterPruneExecutor;
import dev.alr.actors.prune.ActorPruneExecutor;
import dev.alr.engine.Alr;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.prune.CycleSchedule;
import dev.alr.engine.prune.PruneConfig;
import dev.alr.engine.prune.PruneExecutor;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.engine.prune.PrunePolicy;
import dev.alr.engine.prune.SiloCurve;
import dev.alr.engine.RunOptions;
import dev.alr.engine.run.CheckpointStore;
import dev.alr.models.Workloads;
import dev.alr.models.prune.PruneCheckpoint;
import dev.alr.models.prune.PruneRunConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alr prune}: iterative magnitude pruning with a learning-rate policy per cycle (SILO's
 * S-curve, a constant, the per-cycle oracle grid, or ALR's beams across cycles). Prints a row per
 * candidate as each cycle ends (sparsity, max_lr, validation and test accuracy, survivors) and
 * optionally writes the run as JSON. With {@code --checkpoint-dir} a checkpoint is written after
 * every cycle ({@link PruneCheckpoint}); {@code --resume} continues after the last one, giving the
 * run (and JSON, but for the wall time) an uninterrupted run gives. Trains on this JVM's worker
 * actors, or with {@code --seed-nodes} (or {@code --discovery}) on a cluster's worker nodes; the
 * records are the same either way.
 */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Iterative pruning with a learning-rate policy per prune cycle (silo, constant, oracle, alr).")
final class PruneCommand implements Callable<Integer> {
  /** Version of the JSON this command writes. */
  static final int FORMAT_VERSION = 1;

  @Mixin
  WorkloadOptions workload;

  @Option(names = "--policy", defaultValue = "silo",
      description = "silo, constant, oracle or alr (default: ${DEFAULT-VALUE})")
  String policy;

  @Option(names = "--cycles", defaultValue = "5",
      description = "prune cycles after the dense cycle 0 (default: ${DEFAULT-VALUE})")
  int cycles;

  @Option(names = "--prune-fraction", defaultValue = "0.2", paramLabel = "P",
      description = "fraction of the surviving weights pruned per cycle, in (0, 1) (default: ${DEFAULT-VALUE})")
  double fraction;

  @Option(names = "--cycle-epochs", defaultValue = "2", paramLabel = "E",
      description = "epochs per cycle (default: ${DEFAULT-VALUE})")
  int cycleEpochs;

  @Option(names = "--max-lr", defaultValue = "0.1", paramLabel = "X",
      description = "peak LR: constant's value, alr's start, silo's default offset (default: ${DEFAULT-VALUE})")
  double maxLr;

  @Option(names = "--silo-offset", paramLabel = "X", description = "S-curve floor (default: --max-lr)")
  Double siloOffset;

  @Option(names = "--silo-alpha", paramLabel = "X", description = "S-curve rise (default: 1.5 × offset)")
  Double siloAlpha;

  @Option(names = "--silo-beta", defaultValue = "5", paramLabel = "X",
      description = "S-curve steepness, > 0 (default: ${DEFAULT-VALUE})")
  double siloBeta;

  @Option(names = "--silo-delay", defaultValue = "1", paramLabel = "N",
      description = "cycles the S-curve lags the sparsity (default: ${DEFAULT-VALUE})")
  int siloDelay;

  @Option(names = "--grid", paramLabel = "LR,LR,...",
      description = "oracle: the max_lr values tried each cycle (default: --max-lr × 0.25,0.5,1,2,4)")
  String grid;

  @Option(names = "--beam", defaultValue = "2", paramLabel = "M", description = "alr: lines kept (default: ${DEFAULT-VALUE})")
  int beam;

  @Option(names = "--factors", split = ",", paramLabel = "F,F,...",
      description = "alr: factors on each line's max_lr (default: 0.5,1,2)")
  List<Double> factors = new ArrayList<>(List.of(0.5, 1.0, 2.0));

  @Option(names = "--criterion", defaultValue = "magnitude",
      description = "magnitude (global), magnitude-layerwise or weight-change (default: ${DEFAULT-VALUE})")
  String criterion;

  @Option(names = "--reset", defaultValue = "rewind-init",
      description = "rewind-init, rewind-epoch:K, reinit or none (default: ${DEFAULT-VALUE})")
  String reset;

  @Option(names = "--workers", defaultValue = "1", paramLabel = "W",
      description = "worker actors on this machine, one candidate each at a time; the records do not depend on it"
          + " (default: ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--seed-nodes", split = ",", paramLabel = "HOST:PORT",
      description = "train on a cluster's worker nodes (alr worker) through its coordinator (seed) node(s) instead"
          + " of this JVM's workers (or --discovery); the records do not change")
  List<String> seedNodes;

  @Option(names = "--min-workers", defaultValue = "1",
      description = "with --seed-nodes: worker nodes to wait for before the first cycle (default: ${DEFAULT-VALUE})")
  int minWorkers;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the run as JSON")
  Path json;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "checkpoint after every cycle in DIR")
  Path checkpointDir;

  @Option(names = "--resume", description = "continue after the last checkpointed cycle in --checkpoint-dir")
  boolean resume;

  @Option(names = "--overwrite", description = "replace the checkpoint already in --checkpoint-dir (without it, and"
      + " without --resume, such a directory is refused)")
  boolean overwrite;

  @Override
  public Integer call() {
    PruneRunConfig config = config();
    if (onCluster() && minWorkers < 1) {
      throw new IllegalArgumentException("--min-workers must be >= 1, got " + minWorkers);
    }
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume: needs --checkpoint-dir DIR");
    }
    if (overwrite && (checkpointDir == null || resume)) {
      throw new IllegalArgumentException("--overwrite: needs --checkpoint-dir DIR and no --resume");
    }
    CheckpointStore.check(new RunOptions(checkpointDir, resume, overwrite), PruneCheckpoint.KIND);
    if (json != null) {
      Outputs.probeFile("--json", json);
    }
    if (checkpointDir != null && (!resume || Files.isDirectory(checkpointDir))) {
      Outputs.probeDirectory("--checkpoint-dir", checkpointDir);
    }
    Workloads.dataset(config.workload());
    RunOptions options = new RunOptions(checkpointDir, resume, overwrite);
    PruneCheckpoint.Restored restored = resume
        ? PruneCheckpoint.open(new CheckpointStore(checkpointDir), config, true).restored().orElseThrow() : null;
    PruneExecutor executor = onCluster() ? new ClusterPruneExecutor(cluster.node("search", 0, seedNodes), minWorkers,
        cluster.joinTimeout()) : new ActorPruneExecutor();
    return run(config, options, restored, executor);
  }

  /** Whether the run trains on a cluster's worker nodes (--seed-nodes or --discovery) rather than in this JVM. */
  private boolean onCluster() {
    return seedNodes != null || cluster.discovery != null;
  }

  private int run(PruneRunConfig config, RunOptions options, PruneCheckpoint.Restored restored,
                  PruneExecutor executor) {
    long total = 0;
    for (int c = 0; c <= cycles; c++) {
      total += config.policy().candidatesPerCycle(c);
    }
    PrintStream out = System.out;
    if (onCluster()) {
      out.printf(Locale.ROOT, "alr prune: on cluster %s (>= %d worker node(s))%n", cluster.joinedThrough(seedNodes),
          minWorkers);
    }
    if (restored != null) {
      out.printf(Locale.ROOT, "alr prune: resuming after cycle %d from %s%n", restored.cycle(), checkpointDir);
    }
    out.printf(Locale.ROOT, "%5s %9s %5s %6s %9s %9s %8s %8s  %s%n", "cycle", "sparsity", "id", "parent", "max_lr",
        "val loss", "val acc", "test acc", "kept");
    ProgressBar bar = !noProgress && Terminal.interactive() ? Terminal.bar("prune", total, 0) : null;
    long started = System.nanoTime();
    List<PruneRecord> records;
    try {
      java.util.function.Consumer<PruneRecord> onRecord = r -> {
        if (bar != null) {
          bar.step();
        }
        out.printf(Locale.ROOT, "%5d %8.2f%% %5d %6d %9s %9.4f %7.2f%% %7.2f%%  %s%n", r.cycle(), 100 * r.sparsity(),
            r.id(), r.parentId(), Tables.lr(r.maxLr()), r.valLoss(), 100 * r.valAccuracy(), 100 * r.testAccuracy(),
            r.survived() ? "*" : "");
      };
      records = Alr.prune(apiConfig(), options, onRecord, executor).records();
    } catch (SearchFailedException | IllegalStateException e) {
      throw new RunFailedException(e.getMessage());
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    PruneRecord best = records.stream().filter(r -> r.cycle() == cycles && r.survived()).findFirst().orElseThrow();
    out.printf(Locale.ROOT, "final: sparsity %.2f%%, max_lr %s, test accuracy %.2f%%, %.1f s%n", 100 * best.sparsity(),
        Tables.lr(best.maxLr()), 100 * best.testAccuracy(), seconds);
    if (json != null) {
      Outputs.write("--json", json, json(config, records, best, seconds));
    }
    return 0;
  }

  /** The validated run configuration; every bad value is refused here, before any data is loaded. */
  PruneRunConfig config() {
    return PruneRunConfig.of(apiConfig());
  }

  /** The run as the Java API takes it ({@link Alr#prune}); {@link #config()} validates it. */
  PruneConfig apiConfig() {
    Capacity.check("--workers", workers);
    if (!(maxLr > 0) || !Double.isFinite(maxLr)) {
      throw new IllegalArgumentException("--max-lr must be positive and finite, got " + maxLr);
    }
    double offset = siloOffset == null ? maxLr : siloOffset;
    SiloCurve curve = new SiloCurve(offset, siloAlpha == null ? SiloCurve.DEFAULT_ALPHA_RATIO * offset : siloAlpha,
        siloBeta, siloDelay);
    List<Double> g = grid == null ? List.of(0.25 * maxLr, 0.5 * maxLr, maxLr, 2 * maxLr, 4 * maxLr) : grid(grid);
    PrunePolicy p = PrunePolicy.of(policy, maxLr, fraction, curve, g, beam, factors);
    return new PruneConfig(workload.spec(), p, cycles, fraction, cycleEpochs, criterion, reset, CycleSchedule.SILO,
        workers);
  }

  /** Parses {@code --grid}; an empty grid is left to the policy to refuse. */
  private static List<Double> grid(String text) {
    List<Double> values = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        values.add(Double.parseDouble(part.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--grid: '" + part.trim() + "' is not a number (give LR,LR,...)");
      }
    }
    return values;
  }

  private static String json(PruneRunConfig config, List<PruneRecord> records, PruneRecord best, double seconds) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("kind", "prune");
    com.fasterxml.jackson.databind.node.ObjectNode c = PruneCheckpoint.configTree(config);
    c.put("workers", config.workers());
    root.put("config", c);
    root.put("candidates", records);
    root.put("final", best);
    root.put("sampleGradients", records.stream().mapToLong(PruneRecord::sampleGradients).sum());
    root.put("wallSeconds", seconds);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the run as JSON: " + e.getMessage(), e);
    }
  }
}
