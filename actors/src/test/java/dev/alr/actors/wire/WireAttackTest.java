package dev.alr.actors.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.esotericsoftware.kryo.io.Output;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.alr.actors.Worker;
import dev.alr.engine.spi.ModelState;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A live node survives crafted payloads: a second actor system on loopback sends raw bytes under
 * the alr serializer's id (to an actor reference and through an actor selection) (as any process that reaches the port could) to a node running the
 * cluster's wire settings. Each bad payload is dropped with one log entry (Artery's line and our
 * one-line reason, no stack trace), and a good message sent after them still arrives.
 */
class WireAttackTest {
  /** What the attacker sends: these exact bytes, under the alr serializer's id. */
  public record Raw(byte[] bytes) {
  }

  /** The attacker's serializer: writes {@link Raw}'s bytes as they are. */
  public static final class RawSerializer extends JSerializer {
    @Override
    public int identifier() {
      return KryoSerializer.IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
      return false;
    }

    @Override
    public byte[] toBinary(Object o) {
      return ((Raw) o).bytes();
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
      return new Raw(bytes);
    }
  }

  /** Counts Artery's "Failed to deserialize" warnings and keeps them. */
  private static final class Warnings extends AppenderBase<ILoggingEvent> {
    final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
    final CountDownLatch latch;

    Warnings(int expected) {
      latch = new CountDownLatch(expected);
    }

    @Override
    protected void append(ILoggingEvent e) {
      if (e.getFormattedMessage().contains("Failed to deserialize message")) {
        events.add(e);
        latch.countDown();
      }
    }
  }

  private static byte[] payload(java.util.function.Consumer<Output> body) {
    Output out = new Output(64, -1);
    out.writeByte(KryoSerializer.WIRE_FORMAT);
    body.accept(out);
    return out.toBytes();
  }

  @Test
  void aNodeDropsCraftedPayloadsWithOneLineEachAndStillAnswers() throws Exception {
    var writer = WireClasses.newKryo(1L << 30, ref -> "x", s -> null, ref -> "x", s -> null);
    List<byte[]> attacks = List.of(
        payload(out -> writer.writeClassAndObject(out, new StatePayload.StateHeader(ModelState.FORMAT_VERSION, "a", 0,
            Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0))),
        payload(out -> {
          writer.writeClass(out, List.class);
          out.writeVarInt(0x7FFFFFF0, true);
        }),
        payload(out -> {
          writer.writeClass(out, Worker.Release.class);
          writer.writeClass(out, List.class);
          out.writeVarInt(-1, true);
        }),
        new byte[] {9, 9, 9});
    Config base = ConfigFactory.load();
    Config nodeConfig = ConfigFactory.parseString("pekko.actor.provider = remote\n"
            + "pekko.remote.artery.canonical.hostname = 127.0.0.1\npekko.remote.artery.canonical.port = 0")
        .withFallback(base.getConfig("alr.cluster")).withFallback(base);
    ActorTestKit node = ActorTestKit.create("alr", nodeConfig);
    ActorSystem attacker = ActorSystem.create("attacker", ConfigFactory.parseString(
            "pekko.actor.provider = remote\npekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                + "pekko.remote.artery.canonical.port = 0\npekko.loglevel = WARNING\n"
                + "pekko.actor.serializers.raw = \"" + RawSerializer.class.getName() + "\"\n"
                + "pekko.actor.serialization-bindings { \"" + Raw.class.getName() + "\" = raw }")
        .withFallback(base));
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Warnings warnings = new Warnings(attacks.size());
    warnings.start();
    root.addAppender(warnings);
    try {
      TestProbe<Worker.Command> worker = node.createTestProbe();
      var classicNode = Adapter.toClassic(node.system());
      String path = Adapter.toClassic(worker.ref()).path()
          .toStringWithAddress(classicNode.provider().getDefaultAddress());
      KryoSerializer nodeSerializer = KryoSerializer.of(classicNode);
      byte[] good = nodeSerializer.toBinary(new Worker.Release(List.of(4, 5)));
      ActorRef direct = ((ExtendedActorSystem) attacker).provider().resolveActorRef(path);
      for (int i = 0; i < attacks.size(); i++) {
        if (i % 2 == 0) {
          direct.tell(new Raw(attacks.get(i)), ActorRef.noSender());
        } else {
          attacker.actorSelection(path).tell(new Raw(attacks.get(i)), ActorRef.noSender());
        }
      }
      direct.tell(new Raw(good), ActorRef.noSender());

      assertEquals(new Worker.Release(List.of(4, 5)), worker.receiveMessage(Duration.ofSeconds(30)),
          "the good message sent after the bad ones arrives");
      assertTrue(warnings.latch.await(30, TimeUnit.SECONDS), "one log entry per bad payload: " + warnings.events.size());
      for (ILoggingEvent e : warnings.events) {
        assertFalse(e.getFormattedMessage().contains("\n"), "one line: " + e.getFormattedMessage());
        assertEquals(KryoSerializer.DroppedPayload.class.getName(), e.getThrowableProxy().getClassName());
        assertEquals(0, e.getThrowableProxy().getStackTraceElementProxyArray().length, "no stack trace");
        assertNull(e.getThrowableProxy().getCause(), "no cause");
        assertTrue(e.getThrowableProxy().getMessage().startsWith("alr wire: "), e.getThrowableProxy().getMessage());
      }
      assertEquals(attacks.size(), warnings.events.size());
      worker.expectNoMessage(Duration.ofMillis(100));
      assertEquals(1, nodeSerializer.stats().messagesIn(), "only the good message counts as received");
    } finally {
      root.detachAppender(warnings);
      attacker.terminate();
      attacker.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      node.shutdownTestKit();
    }
  }
}
