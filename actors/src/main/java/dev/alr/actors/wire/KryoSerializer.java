package dev.alr.actors.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import com.typesafe.config.Config;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.StreamRefResolver;

/**
 * The Pekko serializer of every alr protocol message: one byte of wire format
 * ({@link #WIRE_FORMAT}), then Kryo's class id and the object. Kryo runs with
 * {@code registrationRequired} over {@link WireClasses}' explicit list, so a class that is not
 * listed is refused on both sides; model states above {@link StateStreams#INLINE_MAX_BYTES} travel
 * beside the messages as streams.
 * Bound in {@code reference.conf} ({@code alr.cluster.pekko}) to the protocol's marker types.
 *
 * <p>Received bytes are untrusted (any process that reaches the port can send them): every
 * length is bounded before allocation (see {@link WireClasses}), the root object must be a
 * protocol message, and a payload that breaks any rule makes {@link #fromBinaryJava} throw an
 * {@link IllegalArgumentException} with a one-line message, never an {@link Error}. Artery then
 * logs one warning ("Failed to deserialize message from ...") and drops the message; the node
 * carries on. A received state header may announce at most {@code alr.wire.max-state-bytes};
 * a state above {@link StateStreams#INLINE_MAX_BYTES} follows as a stream ({@link StateStreams}),
 * never inside a message.
 *
 * <p>Lifecycle: Pekko creates one instance per actor system (constructor with the system). The
 * first use resolves the system's {@link ActorRefResolver}.
 *
 * <p>Thread-safe: Kryo instances are not, so each call borrows one from a pool; the byte and
 * message counters ({@link #stats()}) are atomic.
 */
public final class KryoSerializer extends JSerializer {
  /** Pekko serializer id (unique within the system; Pekko reserves 0–40). */
  public static final int IDENTIFIER = 4_202_501;
  /** Version of the wire format written as the first byte of every payload. */
  public static final byte WIRE_FORMAT = 3;
  /** Configuration key of the largest model state (both float buffers) a node accepts or sends. */
  public static final String MAX_STATE_BYTES_KEY = "alr.wire.max-state-bytes";

  private final ExtendedActorSystem system;
  private final long maxStateBytes;
  private volatile ActorRefResolver resolver;
  private volatile StreamRefResolver streamRefs;
  private final AtomicLong bytesOut = new AtomicLong();
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong messagesOut = new AtomicLong();
  private final AtomicLong messagesIn = new AtomicLong();
  private final Pool<Kryo> kryos = new Pool<>(true, false, 16) {
    @Override
    protected Kryo create() {
      return WireClasses.newKryo(maxStateBytes, ref -> resolver().toSerializationFormat(ref),
          s -> resolver().resolveActorRef(s), ref -> streamRefs().toSerializationFormat(ref),
          s -> streamRefs().resolveSourceRef(s));
    }
  };
  private final Pool<Output> outputs = new Pool<>(true, false, 16) {
    @Override
    protected Output create() {
      return new Output(4096, -1);
    }
  };

  /**
   * Called by Pekko's serialization extension.
   *
   * @throws IllegalArgumentException when {@value #MAX_STATE_BYTES_KEY} is not positive
   */
  public KryoSerializer(ExtendedActorSystem system) {
    this.system = system;
    Config config = system.settings().config();
    this.maxStateBytes = config.hasPath(MAX_STATE_BYTES_KEY) ? config.getBytes(MAX_STATE_BYTES_KEY) : 1L << 30;
    if (maxStateBytes < 1) {
      throw new IllegalArgumentException(MAX_STATE_BYTES_KEY + ": must be > 0, got " + maxStateBytes);
    }
  }

  /**
   * Bytes and messages this node's serializer wrote and read so far.
   *
   * @param bytesOut    payload bytes serialized (sent)
   * @param bytesIn     payload bytes deserialized (received)
   * @param messagesOut messages serialized
   * @param messagesIn  messages deserialized
   */
  public record Stats(long bytesOut, long bytesIn, long messagesOut, long messagesIn) {
    /** Bytes both ways. */
    public long bytes() {
      return bytesOut + bytesIn;
    }

    /** The traffic since {@code earlier}. */
    public Stats minus(Stats earlier) {
      return new Stats(bytesOut - earlier.bytesOut, bytesIn - earlier.bytesIn, messagesOut - earlier.messagesOut,
          messagesIn - earlier.messagesIn);
    }
  }

  /**
   * Counts the bytes of a state streamed out of or into this node ({@link StateStreams}), so that
   * {@link #stats()} covers all protocol traffic; not counted as messages.
   */
  void streamed(long out, long in) {
    bytesOut.addAndGet(out);
    bytesIn.addAndGet(in);
  }

  /** The counters so far (message payloads and streamed state bytes). */
  public Stats stats() {
    return new Stats(bytesOut.get(), bytesIn.get(), messagesOut.get(), messagesIn.get());
  }

  /** The instance bound in {@code system}. */
  public static KryoSerializer of(org.apache.pekko.actor.ActorSystem system) {
    Serialization s = SerializationExtension.get(system);
    return (KryoSerializer) s.serializerByIdentity().apply(IDENTIFIER);
  }

  /** The instance bound in {@code system}, or null when it has none (an in-process system). */
  static KryoSerializer bound(org.apache.pekko.actor.ActorSystem system) {
    scala.Option<org.apache.pekko.serialization.Serializer> s =
        SerializationExtension.get(system).serializerByIdentity().get(IDENTIFIER);
    return s.isDefined() ? (KryoSerializer) s.get() : null;
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
    }
    return r;
  }

  private StreamRefResolver streamRefs() {
    StreamRefResolver r = streamRefs;
    if (r == null) {
      r = StreamRefResolver.get(system);
      streamRefs = r;
    }
    return r;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    Kryo kryo = kryos.obtain();
    Output out = outputs.obtain();
    try {
      out.reset();
      out.writeByte(WIRE_FORMAT);
      kryo.writeClassAndObject(out, o);
      byte[] bytes = out.toBytes();
      bytesOut.addAndGet(bytes.length);
      messagesOut.incrementAndGet();
      return bytes;
    } catch (KryoException | IllegalArgumentException e) {
      throw new IllegalArgumentException("alr wire: cannot serialize " + o.getClass().getName() + ": "
          + e.getMessage(), e);
    } finally {
      if (out.getBuffer().length > 1 << 20) {
        out.setBuffer(new byte[4096], -1);
      }
      outputs.free(out);
      kryos.free(kryo);
    }
  }

  /**
   * Reads one received payload.
   *
   * @throws DroppedPayload with a one-line message when the payload is not a protocol message in
   *                        this build's wire format, or breaks a bound
   */
  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    if (bytes.length == 0 || bytes[0] != WIRE_FORMAT) {
      throw new DroppedPayload("alr wire: format " + (bytes.length == 0 ? "(empty)" : bytes[0])
          + " is not supported (this build reads " + WIRE_FORMAT + ")");
    }
    Kryo kryo = kryos.obtain();
    Object o;
    try {
      WireInput in = new WireInput(bytes, 1, bytes.length - 1);
      o = kryo.readClassAndObject(in);
      if (in.remaining() != 0) {
        throw new KryoException(in.remaining() + " byte(s) left after the message");
      }
    } catch (RuntimeException e) {
      kryo.reset();
      throw new DroppedPayload("alr wire: dropped a payload of " + bytes.length + " bytes: " + oneLine(e));
    } finally {
      kryos.free(kryo);
    }
    if (o == null || WireClasses.ROOTS.stream().noneMatch(r -> r.isInstance(o))) {
      throw new DroppedPayload("alr wire: dropped a payload of " + bytes.length + " bytes: "
          + (o == null ? "null" : o.getClass().getName()) + " is not a protocol message");
    }
    bytesIn.addAndGet(bytes.length);
    messagesIn.incrementAndGet();
    return o;
  }

  /** The exception's message on one line (Kryo appends its serialization trace on further lines). */
  private static String oneLine(RuntimeException e) {
    String m = e.getMessage();
    String text = m == null ? "" : m.strip().replaceAll("(?<=:)\\s*\\R\\s*", " ").replaceAll("\\s*\\R\\s*", "; ");
    return e instanceof KryoException ? text : e.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text);
  }

  /**
   * A received payload that was not read: its one-line message says why. It has no stack trace
   * and no cause, so that the one log entry Artery writes when it drops the message (a warning or
   * error "Failed to deserialize message from ...", depending on the Pekko version) stays one
   * line plus this message, however often a peer sends bad bytes.
   */
  public static final class DroppedPayload extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    DroppedPayload(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
