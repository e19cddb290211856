package dev.alr.actors.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import java.io.NotSerializableException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * The Pekko serializer of every alr protocol message: one byte of wire format
 * ({@link #WIRE_FORMAT}), then Kryo's class id and the object. Kryo runs with
 * {@code registrationRequired} over {@link WireClasses}' explicit list, so a class that is not
 * listed is refused on both sides; model states are raw float buffers with their own version.
 * Bound in {@code reference.conf} ({@code alr.cluster.pekko}) to the protocol's marker types.
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
  public static final byte WIRE_FORMAT = 1;

  private final ExtendedActorSystem system;
  private volatile ActorRefResolver resolver;
  private final AtomicLong bytesOut = new AtomicLong();
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong messagesOut = new AtomicLong();
  private final AtomicLong messagesIn = new AtomicLong();
  private final Pool<Kryo> kryos = new Pool<>(true, false, 16) {
    @Override
    protected Kryo create() {
      return WireClasses.newKryo(ref -> resolver().toSerializationFormat(ref), s -> resolver().resolveActorRef(s));
    }
  };
  private final Pool<Output> outputs = new Pool<>(true, false, 16) {
    @Override
    protected Output create() {
      return new Output(4096, -1);
    }
  };

  /** Called by Pekko's serialization extension. */
  public KryoSerializer(ExtendedActorSystem system) {
    this.system = system;
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

  /** The counters so far. */
  public Stats stats() {
    return new Stats(bytesOut.get(), bytesIn.get(), messagesOut.get(), messagesIn.get());
  }

  /** The instance bound in {@code system}. */
  public static KryoSerializer of(org.apache.pekko.actor.ActorSystem system) {
    Serialization s = SerializationExtension.get(system);
    return (KryoSerializer) s.serializerByIdentity().apply(IDENTIFIER);
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
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

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    if (bytes.length == 0 || bytes[0] != WIRE_FORMAT) {
      throw new IllegalArgumentException(new NotSerializableException("alr wire: format "
          + (bytes.length == 0 ? "(empty)" : bytes[0]) + " is not supported (this build reads " + WIRE_FORMAT + ")"));
    }
    Kryo kryo = kryos.obtain();
    try {
      Object o = kryo.readClassAndObject(new Input(bytes, 1, bytes.length - 1));
      bytesIn.addAndGet(bytes.length);
      messagesIn.incrementAndGet();
      return o;
    } catch (KryoException e) {
      throw new IllegalArgumentException("alr wire: cannot read a message: " + e.getMessage(), e);
    } finally {
      kryos.free(kryo);
    }
  }
}
