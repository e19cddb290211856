package dev.alr.bench.suite;

import dev.alr.engine.EpochOutcome;
import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchExecutor;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.policy.LrPoint;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one {@link Cell} through the public {@link Alr} API and turns its {@link SearchResult} into
 * rows and (for ALR) the candidate tree. An ALR cell is followed by its replay: one fresh model
 * trained along the final lineage's per-epoch LR path ({@link Strategies.Replay}) with the same
 * workload and seed, whose test accuracy after each epoch becomes the rows' {@code replayAccuracy}.
 * Immutable and thread-safe: each call is its own run.
 */
public final class CellRunner {
  private final Suite suite;
  private final String dataDir;
  private final SearchExecutor executor;

  /**
   * @param suite    the suite (oracle grid, batch size)
   * @param dataDir  where to look first for named datasets, or {@code null}
   * @param executor runs the searches (a {@code LocalExecutor} per cell, or the actors)
   */
  public CellRunner(Suite suite, String dataDir, SearchExecutor executor) {
    this.suite = suite;
    this.dataDir = dataDir;
    this.executor = executor;
  }

  /** The workload of a cell. */
  public WorkloadSpec workload(Cell c) {
    return WorkloadSpec.of(c.model(), c.dataset(), c.seed()).withLimit(c.limit()).withBatchSize(suite.batch())
        .withVal(c.val()).withDataDir(dataDir);
  }

  /**
   * Trains the cell, then (ALR) its replay; {@code listener} hears the cell's progress, not the
   * replay's.
   */
  public CellResult run(Cell c, SearchListener listener) {
    SearchResult r = Alr.search(workload(c)).strategy(c.engineStrategy(suite)).lr(c.runLr(suite)).epochs(c.epochs())
        .workers(1).evalEachEpoch(true).executor(executor).listener(listener).run();
    CellResult result = toResult(c, r);
    return c.strategy().startsWith("alr") ? withReplay(result, replay(workload(c), r, executor)) : result;
  }

  /**
   * Trains one fresh model of {@code workload} along {@code r}'s per-epoch LR path (its lineage) and
   * returns its test accuracy after each epoch, epoch 1 first; shorter than the path when the replay
   * diverges, empty when the path is. Deterministic: the same workload and path give the same list.
   */
  public static List<Double> replay(WorkloadSpec workload, SearchResult r, SearchExecutor executor) {
    if (r.lrPath().isEmpty()) {
      return List.of();
    }
    SearchResult replay = Alr.search(workload).strategy(new Strategies.Replay(r.lrPath(), false))
        .lr(r.lrPath().get(0)).epochs(r.lrPath().size()).workers(1).evalEachEpoch(true).executor(executor).run();
    List<Double> out = new ArrayList<>();
    for (EpochRecord e : replay.epochs()) {
      if (e.outcome() == EpochOutcome.ADVANCED && !e.beams().isEmpty()) {
        out.add(e.test() == null ? Double.NaN : e.test().accuracy());
      }
    }
    return out;
  }

  /** {@code result} with the replay's accuracy on the row of the same epoch of the path (NaN past it). */
  static CellResult withReplay(CellResult result, List<Double> accuracies) {
    List<EpochRow> rows = new ArrayList<>();
    for (int i = 0; i < result.rows().size(); i++) {
      rows.add(result.rows().get(i).withReplayAccuracy(i < accuracies.size() ? accuracies.get(i) : Double.NaN));
    }
    return new CellResult(result.cell(), rows, result.tree(), result.termination(), result.lrTrace());
  }

  /** The rows and tree of a finished search. */
  public static CellResult toResult(Cell c, SearchResult r) {
    Map<Integer, CandidateRecord> byId = new HashMap<>();
    Set<Integer> kept = new HashSet<>();
    for (EpochRecord e : r.epochs()) {
      for (CandidateRecord cr : e.candidates()) {
        byId.put(cr.id(), cr);
      }
      for (Beam b : e.beams()) {
        kept.add(b.candidateId());
      }
    }
    Set<Integer> chosen = new HashSet<>(r.lineage());
    List<EpochRow> rows = new ArrayList<>();
    double wall = 0;
    long grads = 0;
    long probes = 0;
    long candidates = 0;
    int advanced = 0;
    for (EpochRecord e : r.epochs()) {
      wall += e.seconds();
      for (CandidateRecord cr : e.candidates()) {
        grads += cr.sampleGradients();
        probes += cr.probeForwards();
        candidates++;
      }
      if (e.outcome() != EpochOutcome.ADVANCED || e.beams().isEmpty()) {
        continue;
      }
      advanced++;
      CandidateRecord path = advanced <= r.lineage().size() ? byId.get(r.lineage().get(advanced - 1)) : null;
      CandidateRecord best = byId.get(e.beams().get(0).candidateId());
      Evaluation t = e.test();
      rows.add(new EpochRow(c.strategy(), c.model(), c.dataset(), c.seed(), c.lr0(), c.budget(), c.epochs(),
          e.epoch(), t == null ? Double.NaN : t.accuracy(), t == null ? Double.NaN : t.loss(), best.loss(),
          path == null ? best.lr() : path.lr(), path == null ? best.endLr() : path.endLr(), wall, grads, probes,
          candidates));
    }
    List<TreeNode> tree = new ArrayList<>();
    if (c.strategy().startsWith("alr")) {
      for (EpochRecord e : r.epochs()) {
        for (CandidateRecord cr : e.candidates()) {
          tree.add(new TreeNode(e.epoch(), cr.id(), cr.parent(), cr.lr(), cr.loss(), kept.contains(cr.id()),
              chosen.contains(cr.id())));
        }
      }
    }
    return new CellResult(c, rows, tree, r.termination(), trace(r, byId));
  }

  /** The recorded per-step LR of the run's lineage on the epoch axis. */
  private static List<LrSample> trace(SearchResult r, Map<Integer, CandidateRecord> byId) {
    List<CandidateRecord> path = r.lineage().stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    long samples = path.stream().mapToLong(CandidateRecord::sampleGradients).max().orElse(0);
    int batch = r.config().workload().batchSize();
    long stepsPerEpoch = (samples + batch - 1) / batch;
    List<LrSample> out = new ArrayList<>();
    if (stepsPerEpoch > 0) {
      for (CandidateRecord cr : path) {
        for (LrPoint p : cr.lrTrace()) {
          out.add(new LrSample((double) p.step() / stepsPerEpoch, p.lr()));
        }
      }
    }
    return out;
  }
}
