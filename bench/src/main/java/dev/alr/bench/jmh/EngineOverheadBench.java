package dev.alr.bench.jmh;

import dev.alr.actors.ActorExecutor;
import dev.alr.bench.BareTrainer;
import dev.alr.engine.Alr;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine overhead: ALR (M = 2, factors 0.5/1/2, {@code epochs} epochs = 3 + 6 (epochs − 1)
 * candidate-epochs, 9 at the default 2) through the actors on one worker, against the same number
 * of epochs of the same MLP in a bare DL4J loop ({@link BareTrainer}). Overhead = alr / bare − 1.
 * The ALR run also builds its actor system, copies beam states, shuffles every epoch and evaluates
 * the final model on the test split once, all of which count as overhead; they are fixed per run
 * or per candidate, so they shrink with the epoch length ({@code -p limit=60000}).
 * {@code alrLocalOneWorker} runs the same search on the engine's {@code LocalExecutor} (no
 * actors), which splits the overhead into the search loop's and the actors'. JMH state: one per
 * fork, used by one thread.
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

  private WorkloadSpec spec;
  private BareTrainer bare;

  /** Loads the data and builds the bare network. */
  @Setup
  public void setup() {
    spec = WorkloadSpec.of("mlp", "fashion-mnist", 1).withLimit(limit);
    bare = new BareTrainer(Workloads.dataset(spec), 64, 0.05, 1);
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

  /** As many epochs in a bare DL4J loop as ALR trains candidate-epochs. */
  @Benchmark
  public long bareLoop() {
    return bare.train(3 + 6 * (epochs - 1));
  }
}
