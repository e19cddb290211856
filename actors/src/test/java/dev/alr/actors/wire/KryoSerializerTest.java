package dev.alr.actors.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.alr.actors.Worker;
import dev.alr.actors.cluster.WorkerNode;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.schedule.Schedule;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every protocol message round-trips through the Kryo wire format; anything unlisted is refused. */
class KryoSerializerTest {
  private static ActorTestKit kit;
  private static KryoSerializer serializer;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    Config base = ConfigFactory.load();
    Config c = ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(base.getConfig("alr.cluster")).withFallback(base);
    kit = ActorTestKit.create("wire", c);
    serializer = KryoSerializer.of(Adapter.toClassic(kit.system()));
    serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static Object roundTrip(Object o) {
    Serializer bound = serialization.findSerializerFor(o);
    assertSame(serializer, bound, "bound serializer of " + o.getClass());
    return serializer.fromBinaryJava(serializer.toBinary(o), o.getClass());
  }

  private static ModelState state(int n) {
    float[] p = new float[n];
    float[] u = new float[n / 2];
    for (int i = 0; i < n; i++) {
      p[i] = (float) Math.sin(i) * 1e-3f;
    }
    u[0] = Float.NaN;
    return new ModelState(ModelState.FORMAT_VERSION, "mlp[784,256,128,10]", p, u, 1234);
  }

  @Test
  void everyProtocolMessageRoundTrips() {
    TestProbe<Worker.Command> worker = kit.createTestProbe();
    TestProbe<Worker.Reply> replies = kit.createTestProbe();
    TestProbe<WorkerNode.PrepareReply> prepared = kit.createTestProbe();
    Schedule warm = new Schedule.Warmup(new Schedule.Cosine(0.1, 1e-4, 1000), 50);
    List<Object> messages = List.of(
        new Worker.Train(3, new Candidate(7, 2, 2, 1, 0.5, 0.05, new LrRule.Fixed(0.05)),
            StateStreams.stream(state(1000), kit.system()), worker.ref(), true, replies.ref()),
        new Worker.Train(4, new Candidate(8, -1, 1, 0, 1, 0.1, new LrRule.Scheduled(warm)), null, null, false,
            replies.ref()),
        new Worker.Train(5, new Candidate(9, 3, 1, 0, 1, 0.1, new LrRule.Probed(0.1, NProbeSettings.defaults(), 100)), null,
            null, false, replies.ref()),
        new Worker.Train(6, new Candidate(10, -1, 1, 0, 1, 0.1,
            new LrRule.Scheduled(new Schedule.MultiStep(0.1, List.of(10L, 20L), 0.1))), null, null, false,
            replies.ref()),
        new Worker.Train(7, new Candidate(11, 4, 5, 1, 2, 0.2, new LrRule.Annealed(0.2, Anneal.Shape.COSINE)), null,
            null, false, replies.ref()),
        new Worker.Train(8, new Candidate(12, 4, 3, 1, 0.5, 0.1, new LrRule.Tailed(0.1, 0.15)), null,
            null, false, replies.ref()),
        new Worker.FetchState(1, 7, replies.ref()),
        new Worker.Cancel(3, new ArrayList<>(List.of(7, 8))),
        new Worker.Release(new ArrayList<>(List.of(1, 2, 3))),
        new Worker.Evaluate(2, 7, Split.TEST, null, replies.ref()),
        new Worker.Evaluate(2, 7, Split.TEST, StateStreams.stream(state(10), kit.system()), replies.ref()),
        new Worker.Trained(3, new CandidateResult(7, 0.5, Double.NaN, 0.05, 1.5, "w0", 100, 0, 4000), worker.ref()),
        new Worker.Failed(3, 7, "training failed", worker.ref()),
        new Worker.StateReply(1, 7, StateStreams.stream(state(100), kit.system()), worker.ref()),
        new Worker.StateReply(1, 7, null, worker.ref()),
        new Worker.EvaluationReply(2, 7, new Evaluation(0.4, 0.85, 10000), null),
        new WorkerNode.Prepare(WorkloadSpec.of("mlp", "synthetic", 3).withHidden(List.of(32, 16)), true,
            prepared.ref()),
        new WorkerNode.Prepare(WorkloadSpec.of("mlp", "synthetic", 3).withUpdater("schedule-free:0.9", 0), false,
            prepared.ref()),
        new WorkerNode.Prepare(WorkloadSpec.of("cnn", "fashion-mnist", 3).withUpdater("dog:1.0E-6", 0), false,
            prepared.ref()),
        new WorkerNode.Prepare(WorkloadSpec.of(dev.alr.models.nn.UserNetworks.of(
            new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(4).nOut(2).build()).build()),
            "user:blobs", 3), false, prepared.ref()),
        new WorkerNode.Prepared(worker.ref(), 2, 60000, "w0", 1.5),
        new WorkerNode.PrepareFailed("w0", "--dataset: no data"));
    for (Object m : messages) {
      assertEquals(m, roundTrip(m), m.getClass().getSimpleName());
    }
  }

  @Test
  void aModelStateTravelsAsAHeaderAndAStreamThatArrivesIntact() throws Exception {
    ModelState s = state(250_000);
    byte[] bytes = serializer.toBinary(new Worker.StateReply(1, 1, StateStreams.stream(s, kit.system()), null));
    assertTrue(bytes.length < 1000, "the message holds only a header and a stream ref, got " + bytes.length);
    Worker.StateReply back = (Worker.StateReply) serializer.fromBinaryJava(bytes, Worker.StateReply.class);
    ModelState got = StateStreams.receive(back.state(), kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(s, got);
  }

  @Test
  void aSmallStateTravelsInsideItsMessageAndABigOneIsRefusedInline() {
    ModelState small = state(StateStreams.INLINE_MAX_BYTES / 6); // n + n/2 floats: exactly the bound
    byte[] bytes = serializer.toBinary(new Worker.StateReply(1, 1, new StatePayload.Inline(small), null));
    Worker.StateReply back = (Worker.StateReply) serializer.fromBinaryJava(bytes, Worker.StateReply.class);
    assertEquals(new StatePayload.Inline(small), back.state());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serializer.toBinary(
        new Worker.StateReply(1, 1, new StatePayload.Inline(state(StateStreams.INLINE_MAX_BYTES / 6 + 2)), null)));
    assertTrue(e.getMessage().contains("travels between nodes as a stream"), e.getMessage());
  }

  @Test
  void aPruningMaskTravelsWithTheState() throws Exception {
    ModelState dense = state(1000);
    byte[] mask = new byte[1000];
    for (int i = 0; i < mask.length; i += 3) {
      mask[i] = 1;
    }
    ModelState s = new ModelState(ModelState.FORMAT_VERSION, dense.architecture(), dense.params(), dense.updater(),
        dense.iteration(), mask);
    Worker.StateReply back = (Worker.StateReply) serializer.fromBinaryJava(
        serializer.toBinary(new Worker.StateReply(1, 1, StateStreams.stream(s, kit.system()), null)),
        Worker.StateReply.class);
    ModelState got = StateStreams.receive(back.state(), kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertArrayEquals(mask, got.mask());
    assertArrayEquals(s.params(), got.params());
    assertArrayEquals(s.updater(), got.updater());
    Worker.StateReply inline = (Worker.StateReply) serializer.fromBinaryJava(
        serializer.toBinary(new Worker.StateReply(1, 1, new StatePayload.Inline(s), null)), Worker.StateReply.class);
    assertEquals(s, ((StatePayload.Inline) inline.state()).state(), "a small state travels inline with its mask");
  }

  @Test
  void anInlineStateWithAFlippedFloatFailsItsChecksum() {
    byte[] bytes = serializer.toBinary(new Worker.StateReply(1, 1, new StatePayload.Inline(state(1000)), null));
    bytes[bytes.length - 8 - 4 * (500 + 500)] ^= 0x10; // a parameter: crc last, then 500 updater floats
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> serializer.fromBinaryJava(bytes, Worker.StateReply.class));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  /** Not in the wire format's class list. */
  record Unlisted(int x) {
  }

  @Test
  void anUnregisteredClassIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> serializer.toBinary(new Unlisted(1)));
    assertTrue(e.getMessage().contains("not registered"), e.getMessage());
    byte[] unknownId = {KryoSerializer.WIRE_FORMAT, (byte) 0xE8, 0x07};
    IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
        () -> serializer.fromBinaryJava(unknownId, Object.class));
    assertTrue(in.getMessage().contains("unregistered class ID"), in.getMessage());
  }

  @Test
  void anotherWireFormatIsRefused() {
    byte[] bytes = serializer.toBinary(new Worker.Release(List.of(1)));
    bytes[0] = (byte) (KryoSerializer.WIRE_FORMAT + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> serializer.fromBinaryJava(bytes, Worker.Release.class));
    assertTrue(e.getMessage().contains("format"), e.getMessage());
  }

  @Test
  void javaSerializationIsOff() {
    assertEquals(false, kit.system().settings().config().getBoolean("pekko.actor.allow-java-serialization"));
  }
}
