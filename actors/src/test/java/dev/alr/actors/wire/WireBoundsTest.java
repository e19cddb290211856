package dev.alr.actors.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
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
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crafted payloads: every length the wire format reads is bounded before allocation, so a bad
 * payload makes {@link KryoSerializer#fromBinaryJava} throw one clean, one-line
 * {@link IllegalArgumentException} quickly and without allocating what it claims; truncating or
 * flipping bytes of every protocol message never gives anything else.
 */
class WireBoundsTest {
  /** Far below what any crafted length claims (0.25 to 16 GiB), far above a clean refusal. */
  private static final long ALLOCATION_LIMIT = 1 << 20;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  /** Writes crafted payloads with the wire format's class ids. */
  private static final Kryo WRITER = WireClasses.newKryo(1L << 30, ref -> "x", s -> null, ref -> "x", s -> null);

  private static ActorTestKit kit;
  private static KryoSerializer serializer;

  @BeforeAll
  static void start() {
    Config base = ConfigFactory.load();
    Config c = ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(base.getConfig("alr.cluster")).withFallback(base);
    kit = ActorTestKit.create("wire-bounds", c);
    serializer = KryoSerializer.of(Adapter.toClassic(kit.system()));
    serializer.fromBinaryJava(serializer.toBinary(new Worker.Release(List.of(1))), null);
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static byte[] payload(Consumer<Output> body) {
    Output out = new Output(64, -1);
    out.writeByte(KryoSerializer.WIRE_FORMAT);
    body.accept(out);
    return out.toBytes();
  }

  private static byte[] padded(byte[] bytes, int length) {
    assertTrue(bytes.length <= length);
    return Arrays.copyOf(bytes, length);
  }

  static Stream<Arguments> craftedPayloads() {
    byte[] release = serializer.toBinary(new Worker.Release(List.of(1, 2, 3)));
    byte[] stateReply = serializer.toBinary(new Worker.StateReply(1, 7, StateStreams.stream(state(1000), kit.system()),
        null));
    return Stream.of(
        Arguments.of("a state header announcing 2 x 0x7FFFFFFF floats", payload(out -> WRITER.writeClassAndObject(out,
            new StatePayload.StateHeader(ModelState.FORMAT_VERSION, "a", 0, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0))),
            "above alr.wire.max-state-bytes"),
        Arguments.of("a list of 0x7FFFFFF0 elements in 7 bytes", payload(out -> {
          WRITER.writeClass(out, List.class);
          out.writeVarInt(0x7FFFFFF0, true);
        }), "list: length 2147483632"),
        Arguments.of("a negative list length", payload(out -> {
          WRITER.writeClass(out, List.class);
          out.writeVarInt(-1, true);
        }), "list: length 4294967295"),
        Arguments.of("a string claiming 0x7FFFFFF0 characters", payload(out -> {
          WRITER.writeClass(out, WorkerNode.PrepareFailed.class);
          out.writeVarIntFlag(true, 0x7FFFFFF0, true);
          out.writeByte('x');
        }), "string: length 2147483631"),
        Arguments.of("a truncated state reply", Arrays.copyOf(stateReply, stateReply.length / 2), "alr wire"),
        Arguments.of("a payload cut after the format byte", new byte[] {KryoSerializer.WIRE_FORMAT}, "underflow"),
        Arguments.of("format byte 0", new byte[] {0, 1, 2}, "format 0"),
        Arguments.of("a wrong format byte", new byte[] {(byte) (KryoSerializer.WIRE_FORMAT + 1), 0, 0},
            "format " + (KryoSerializer.WIRE_FORMAT + 1)),
        Arguments.of("an empty payload", new byte[0], "(empty)"),
        Arguments.of("an unknown class id", payload(out -> out.writeVarInt(1000 + 2, true)), "unregistered class ID"),
        Arguments.of("a root that is not a protocol message", payload(out -> {
          WRITER.writeClass(out, String.class);
          out.writeString("hello");
        }), "java.lang.String is not a protocol message"),
        Arguments.of("lists nested 10,000 deep", payload(out -> {
          for (int i = 0; i < 10_000; i++) {
            WRITER.writeClass(out, List.class);
            out.writeVarInt(1, true);
          }
        }), "Max depth"),
        Arguments.of("more elements than a protocol list may have", payload(out -> {
          WRITER.writeClass(out, List.class);
          out.writeVarInt(WireClasses.MAX_LIST_LENGTH + 1, true);
          out.writeBytes(new byte[WireClasses.MAX_LIST_LENGTH + 1]);
        }), "above the wire format's"),
        Arguments.of("bytes after the message", padded(release, release.length + 3), "3 byte(s) left"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("craftedPayloads")
  void aCraftedPayloadIsRefusedQuicklyWithOneLineAndNoLargeAllocation(String what, byte[] bytes, String named) {
    long thread = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
    long started = System.nanoTime();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> serializer.fromBinaryJava(bytes, null));
    long millis = (System.nanoTime() - started) / 1_000_000;
    long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
    assertTrue(e.getMessage().startsWith("alr wire: "), e.getMessage());
    assertTrue(e.getMessage().contains(named), what + ": " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(allocated < ALLOCATION_LIMIT + 8L * bytes.length, what + ": allocated " + allocated + " bytes");
    assertTrue(millis < 1000, what + ": took " + millis + " ms");
  }

  @Test
  void aStateHeaderAboveTheConfiguredMaximumIsRefused() {
    Kryo small = WireClasses.newKryo(1000, ref -> "x", s -> null, ref -> "x", s -> null);
    Output out = new Output(4096, -1);
    small.writeClassAndObject(out, new StatePayload.StateHeader(ModelState.FORMAT_VERSION, "a", 0, 250, 0, 0, 0));
    byte[] fits = out.toBytes();
    assertTrue(small.readClassAndObject(new WireInput(fits, 0, fits.length)) instanceof StatePayload.StateHeader);
    Output big = new Output(4096, -1);
    WRITER.writeClassAndObject(big, new StatePayload.StateHeader(ModelState.FORMAT_VERSION, "a", 0, 200, 200, 0, 0));
    byte[] tooBig = big.toBytes();
    Exception e = assertThrows(RuntimeException.class,
        () -> small.readClassAndObject(new WireInput(tooBig, 0, tooBig.length)));
    assertTrue(e.getMessage().contains("alr.wire.max-state-bytes (1000)"), e.getMessage());
  }

  private static ModelState state(int n) {
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = i * 1e-3f;
    }
    return new ModelState(ModelState.FORMAT_VERSION, "mlp[4,3]", p, new float[n / 2], 12);
  }

  /** One message of every registered record class (and the list, ref, state and enum they hold). */
  private static List<Object> everyMessage() {
    TestProbe<Worker.Command> worker = kit.createTestProbe();
    TestProbe<Worker.Reply> replies = kit.createTestProbe();
    TestProbe<WorkerNode.PrepareReply> prepared = kit.createTestProbe();
    Schedule[] schedules = {new Schedule.Constant(0.1), new Schedule.MultiStep(0.1, List.of(10L, 20L), 0.1),
        new Schedule.Exponential(0.1, 0.99), new Schedule.Linear(0.1, 0.01, 100), new Schedule.Cosine(0.1, 1e-4, 100),
        new Schedule.Sgdr(0.1, 1e-4, 10, 2), new Schedule.Triangular(0.01, 0.1, 10),
        new Schedule.OneCycle(0.1, 100, 0.3, 25, 1e4, 0.95, 0.85), new Schedule.Rex(0.1, 100),
        new Schedule.Warmup(new Schedule.Cosine(0.1, 1e-4, 100), 5)};
    List<Object> messages = new java.util.ArrayList<>(List.of(
        new Worker.Train(3, new Candidate(7, 2, 2, 1, 0.5, 0.05, new LrRule.Fixed(0.05)),
            StateStreams.stream(state(10), kit.system()), worker.ref(), false, replies.ref()),
        new Worker.Train(5, new Candidate(9, 3, 1, 0, 1, 0.1, new LrRule.Probed(0.1, NProbeSettings.defaults(), 100)), null,
            null, true, replies.ref()),
        new Worker.Cancel(4, List.of(7, 9)),
        new Worker.Train(8, new Candidate(11, 4, 5, 1, 2, 0.2, new LrRule.Annealed(0.2, Anneal.Shape.COSINE)), null,
            null, false, replies.ref()),
        new Worker.FetchState(1, 7, replies.ref()),
        new Worker.Release(List.of(1, 2, 3)),
        new Worker.Evaluate(2, 7, Split.TEST, null, replies.ref()),
        new Worker.Evaluate(2, 7, Split.TEST, StateStreams.stream(state(6), kit.system()), replies.ref()),
        new Worker.Trained(3, new CandidateResult(7, 0.5, Double.NaN, 0.05, 1.5, "w0", 100, 0, 4000), worker.ref()),
        new Worker.Failed(3, 7, "training failed", worker.ref()),
        new Worker.StateReply(1, 7, StateStreams.stream(state(8), kit.system()), worker.ref()),
        new Worker.StateReply(1, 7, new StatePayload.Inline(state(8)), worker.ref()),
        new Worker.EvaluationReply(2, 7, new Evaluation(0.4, 0.85, 10000), null),
        new WorkerNode.Prepare(WorkloadSpec.of("mlp", "synthetic", 3).withHidden(List.of(32, 16)), true,
            prepared.ref()),
        new WorkerNode.Prepared(worker.ref(), 2, 60000, "w0", 1.5),
        new WorkerNode.PrepareFailed("w0", "--dataset: no data")));
    for (Schedule s : schedules) {
      messages.add(new Worker.Train(6, new Candidate(10, -1, 1, 0, 1, 0.1, new LrRule.Scheduled(s)), null, null,
          false, replies.ref()));
    }
    return messages;
  }

  @Test
  void everyTruncationAndByteFlipOfEveryMessageIsAMessageOrOneCleanRefusal() {
    Random random = new Random(42);
    long thread = Thread.currentThread().getId();
    int refused = 0;
    int decoded = 0;
    for (Object m : everyMessage()) {
      byte[] good = serializer.toBinary(m);
      assertEquals(m, serializer.fromBinaryJava(good, null));
      for (int len = 0; len < good.length; len++) {
        byte[] cut = Arrays.copyOf(good, len);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> serializer.fromBinaryJava(cut, null), m + " cut to " + len);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        refused++;
      }
      for (int i = 0; i < 300; i++) {
        byte[] flipped = good.clone();
        int at = 1 + random.nextInt(good.length - 1);
        flipped[at] = (byte) (flipped[at] ^ (1 << random.nextInt(8)));
        if (i % 3 == 0) {
          flipped[at] = (byte) 0xFF;
        }
        long before = THREADS.getThreadAllocatedBytes(thread);
        try {
          Object o = serializer.fromBinaryJava(flipped, null);
          assertTrue(WireClasses.ROOTS.stream().anyMatch(r -> r.isInstance(o)), String.valueOf(o));
          decoded++;
        } catch (IllegalArgumentException e) {
          assertFalse(e.getMessage().contains("\n"), e.getMessage());
          refused++;
        } catch (Throwable t) {
          fail(m + " with byte " + at + " flipped: " + t, t);
        }
        long allocated = THREADS.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < ALLOCATION_LIMIT, m + " with byte " + at + " flipped allocated " + allocated);
      }
    }
    assertTrue(refused > 0 && decoded > 0, refused + " refused, " + decoded + " decoded");
  }

  /** The serializers known to bound what they read; a new registration must be one of them. */
  @Test
  void everyRegistrationUsesABoundedSerializer() {
    Set<Class<?>> ours = Set.of(WireClasses.InlineStateSerializer.class, WireClasses.ListSerializer.class,
        WireClasses.ActorRefSerializer.class, WireClasses.SourceRefSerializer.class,
        WireClasses.StateHeaderSerializer.class, RecordSerializer.class, DefaultSerializers.EnumSerializer.class);
    Set<Class<?>> scalars = Set.of(int.class, String.class, float.class, boolean.class, byte.class, char.class,
        short.class, long.class, double.class, void.class);
    int registrations = 0;
    for (int id = 0; id < WireClasses.FIRST_ID + 5 + WireClasses.MESSAGES.size() + 10; id++) {
      Registration r = WRITER.getRegistration(id);
      if (r == null) {
        continue;
      }
      registrations++;
      Serializer<?> s = r.getSerializer();
      boolean scalar = s.getClass().getEnclosingClass() == DefaultSerializers.class && scalars.contains(r.getType());
      assertTrue(scalar || ours.contains(s.getClass()), r.getType() + " uses " + s.getClass().getName());
    }
    assertTrue(registrations >= 5 + WireClasses.MESSAGES.size(), registrations + " registrations");
  }
}
