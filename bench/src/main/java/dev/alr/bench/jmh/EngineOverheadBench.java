package dev.alr.bench.jmh;

import dev.alr.actors.ActorExecutor;
import dev.alr.bench.BareTrainer;
import dev.alr.engine.Alr;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.run.CandidateTrainer;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.run.Workspace;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine overhead: ALR's candidate-epochs (M = 2, factors 0.5/1/2, {@code epochs} epochs =
 * 3 + 6 (epochs − 1) candidate-epochs, 9 at the default 2) against the same candidate-epochs of
 * the same MLP in a bare DL4J loop on the same batches ({@link BareTrainer#trainCandidateEpochs}:
 * each epoch's seeded data order gathered once, then per candidate the starting parameters
 * restored, every batch fitted, the loss summed). Overhead = engine / bare − 1.
 * <ul>
 *   <li>{@code workerCandidateEpochs}: the worker's per-candidate path ({@link Workspace#train}:
 *       restore the parent's state, train the epoch through {@link CandidateTrainer}, export the
 *       result), the same 9 candidate-epochs on one model — the per-candidate-epoch overhead;</li>
 *   <li>{@code alrActorsOneWorker}: the whole ALR run through the actors on one worker, which
 *       also pays per-run costs (actor system, building the slot model, the final test-set
 *       evaluation) that shrink with the epoch length ({@code -p limit=60000});</li>
 *   <li>{@code alrLocalOneWorker}: the same run on the engine's {@code LocalExecutor} (no
 *       actors).</li>
 * </ul>
 * JMH runs one benchmark after the other, each in its own fork, so on a shared machine a load
 * change between them shows as overhead; {@link dev.alr.bench.OverheadRun} alternates the two
 * per-candidate-epoch bodies pair by pair in one JVM and also reports thread-CPU time. JMH state:
 * one per fork, used by one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class EngineOverheadBench {
  /** Training samples per epoch. */
  @Param("6000")
  public int limit;

  /** ALR epochs; the bare loop trains as many epochs as ALR trains candidates. */
  @Param("2")
  public int epochs;

  private static final double LR = 0.05;
  private static final double[] FACTORS = {0.5, 1, 2};
  private static final int BEAMS = 2;

  private WorkloadSpec spec;
  private BareTrainer bare;
  private Workspace workspace;

  /** Loads the data, builds the bare network and the worker's model. */
  @Setup
  public void setup() {
    spec = WorkloadSpec.of("mlp", "fashion-mnist", 1).withLimit(limit);
    bare = new BareTrainer(Workloads.dataset(spec), 64, LR, spec.seed());
    workspace = new Workspace(Workloads.factory(spec), new CandidateTrainer(spec.seed(), 64, false), "bench");
  }

  /** Closes the worker's model. */
  @TearDown
  public void tearDown() {
    workspace.close();
  }

  /** ALR through the actors on one worker. */
  @Benchmark
  public SearchResult alrActorsOneWorker() {
    return Alr.search(spec).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.05).epochs(epochs).workers(1)
        .evalEachEpoch(false).executor(new ActorExecutor()).run();
  }

  /** ALR on the engine's local executor (no actors). */
  @Benchmark
  public SearchResult alrLocalOneWorker() {
    return Alr.search(spec).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.05).epochs(epochs).workers(1)
        .evalEachEpoch(false).executor(new LocalExecutor(Workloads::factory)).run();
  }

  /**
   * The worker's per-candidate path for ALR's candidate-epochs: epoch 1 trains the three factors
   * from the initial model, every later epoch the three factors of each of the first two results
   * of the epoch before (the beams' states), all on one reusable model as a worker slot does.
   */
  @Benchmark
  public double workerCandidateEpochs() {
    List<ModelState> parents = new ArrayList<>();
    parents.add(null);
    int id = 0;
    double lossSum = 0;
    for (int e = 1; e <= epochs; e++) {
      List<ModelState> next = new ArrayList<>();
      for (int p = 0; p < parents.size(); p++) {
        for (double f : FACTORS) {
          Candidate c = new Candidate(id++, e == 1 ? Candidate.ROOT : p, e, p, f, LR * f, new LrRule.Fixed(LR * f));
          Workspace.Trained t = workspace.train(c, parents.get(p));
          lossSum += t.result().trainLoss();
          if (next.size() < BEAMS) {
            next.add(t.state());
          }
        }
      }
      parents = next;
    }
    return lossSum;
  }

  /** ALR's candidate-epochs in a bare DL4J loop on the same batches. */
  @Benchmark
  public long bareLoop() {
    return bare.trainCandidateEpochs(spec.seed(), candidatesPerEpoch(epochs));
  }

  /** ALR's candidates per epoch: 3 in the first, 3 per beam after it. */
  static int[] candidatesPerEpoch(int epochs) {
    int[] n = new int[epochs];
    Arrays.fill(n, BEAMS * FACTORS.length);
    n[0] = FACTORS.length;
    return n;
  }
}
