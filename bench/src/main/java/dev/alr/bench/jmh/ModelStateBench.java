package dev.alr.bench.jmh;

import dev.alr.engine.run.ModelStateCodec;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.TrainableModel;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Copying and serialising a model state (the MLP, 235k parameters, with SGD's empty updater
 * state): {@code copy()} of a model, {@code export()}, {@code restore()}, and the checkpoint codec
 * writing and reading the exported state. JMH state: one model per fork, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class ModelStateBench {
  private TrainableModel model;
  private ModelState state;
  private byte[] bytes;

  /** Builds the model and one serialised state. */
  @Setup
  public void setup() throws IOException {
    model = Workloads.factory(WorkloadSpec.of("mlp", "fashion-mnist", 1).withLimit(1000)).create();
    state = model.export();
    bytes = write();
  }

  /** Frees native memory. */
  @TearDown
  public void tearDown() {
    model.close();
  }

  /** An independent copy (weights and updater state), closed again. */
  @Benchmark
  public long copyModel() {
    try (TrainableModel c = model.copy()) {
      return c.trainSize();
    }
  }

  /** Export to a heap state. */
  @Benchmark
  public ModelState export() {
    return model.export();
  }

  /** Restore from a heap state. */
  @Benchmark
  public void restore() {
    model.restore(state);
  }

  /** Serialise the state with the checkpoint codec. */
  @Benchmark
  public byte[] serialise() throws IOException {
    return write();
  }

  /** Deserialise it. */
  @Benchmark
  public ModelState deserialise() throws IOException {
    return ModelStateCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  private byte[] write() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes == null ? 1 << 20 : bytes.length);
    ModelStateCodec.write(state, new DataOutputStream(out));
    return out.toByteArray();
  }
}
