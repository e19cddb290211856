package dev.alr.bench.jmh;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.run.CandidateTrainer;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.TrainableModel;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The N-probe's cost: one epoch with probing against a plain epoch, and one probed step (probe +
 * step) against a plain step, on the Fashion-MNIST MLP. {@code probe} {@code defaults} is
 * {@link NProbeSettings#defaults()} (a probe every 4 steps on the whole batch, rule calibrated: five
 * factors 1/4…4 in the first 16 probes, then 2, 1, 0.5; its one-epoch run is mostly calibration, the
 * costliest part); {@code paper} is {@link NProbeSettings#paper()} (every step, the first
 * 16 samples of the batch: the defaults before issue 11). {@code nprobeStep} probes every call,
 * whatever the cadence. JMH state: one model per fork, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class NProbeBench {
  /** Training samples per epoch. */
  @Param("3000")
  public int limit;

  /** {@code defaults} or {@code paper}. */
  @Param({"defaults", "paper"})
  public String probe;

  private TrainableModel model;
  private CandidateTrainer trainer;
  private Candidate plain;
  private Candidate probed;
  private Batch batch;
  private Batch probeBatch;
  private double[] factors;

  /** Builds the model. */
  @Setup
  public void setup() {
    WorkloadSpec spec = WorkloadSpec.of("mlp", "fashion-mnist", 1).withLimit(limit);
    model = Workloads.factory(spec).create();
    trainer = new CandidateTrainer(1, 64, false);
    plain = new Candidate(0, Candidate.ROOT, 1, 0, 1, 0.01, new LrRule.Fixed(0.01));
    NProbeSettings settings = "paper".equals(probe) ? NProbeSettings.paper() : NProbeSettings.defaults();
    long steps = (model.trainSize() + 63) / 64;
    probed = new Candidate(1, Candidate.ROOT, 1, 0, 1, 0.01, new LrRule.Probed(0.01, settings, steps));
    factors = settings.factorArray();
    int[] a = new int[64];
    for (int i = 0; i < 64; i++) {
      a[i] = i;
    }
    batch = new Batch(a);
    probeBatch = settings.probeBatch() == 0 ? batch : batch.head(settings.probeBatch());
  }

  /** Frees native memory. */
  @TearDown
  public void tearDown() {
    model.close();
  }

  /** One epoch at a fixed LR. */
  @Benchmark
  public CandidateResult plainEpoch() {
    return trainer.train(model, plain, "bench");
  }

  /** One epoch of the N-probe at its defaults. */
  @Benchmark
  public CandidateResult nprobeEpoch() {
    return trainer.train(model, probed, "bench");
  }

  /** One plain step. */
  @Benchmark
  public double plainStep() {
    return model.step(batch, Hyper.lr(0.01));
  }

  /** One N-probe step: the probe (gradient + 3 probe forwards) then the step. */
  @Benchmark
  public double nprobeStep() {
    double[] losses = model.probe(batch, probeBatch, 0.01, factors);
    return losses[0] + model.step(batch, Hyper.lr(0.01));
  }
}
