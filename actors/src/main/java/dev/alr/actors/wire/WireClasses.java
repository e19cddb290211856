package dev.alr.actors.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
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
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The explicit Kryo registrations of the wire format, in a fixed order: a class's id is its
 * position here plus {@link #FIRST_ID}, so every node built from the same sources agrees on ids.
 * Append new classes at the end and bump {@link KryoSerializer#WIRE_FORMAT} when an existing
 * class changes shape. Anything not listed is refused ({@code registrationRequired}).
 *
 * <p>Two families are registered by interface rather than by class, through {@link Resolver}:
 * every {@link List} implementation travels as one "list" (read back as an immutable list), and
 * every typed {@link ActorRef} implementation as one "actor ref" (its path). Stateless.
 *
 * <p>Reading is bounded: every length is checked against the bytes left in the payload before
 * anything is allocated ({@link WireInput}), lists hold at most {@link #MAX_LIST_LENGTH}
 * elements, model states at most the configured {@code alr.wire.max-state-bytes}, and objects
 * nest at most {@link #MAX_DEPTH} deep. Only these serializers are registered: Kryo's
 * primitive, String and enum serializers, {@link RecordSerializer} over the listed records, and
 * the three below; none of Kryo's collection, map or array serializers.
 */
public final class WireClasses {
  /** Id of the first registered class (Kryo's own primitives and String use the ids below). */
  public static final int FIRST_ID = 100;
  /** Most elements a received list may claim (protocol lists are beams, factors, layer widths). */
  static final int MAX_LIST_LENGTH = 1 << 16;
  /** Deepest nesting a received message may have (protocol messages nest about six deep). */
  static final int MAX_DEPTH = 32;

  private WireClasses() {
  }

  /** The engine and protocol records and enums, in registration order. */
  static final List<Class<?>> MESSAGES = List.of(
      Worker.Train.class, Worker.FetchState.class, Worker.Cancel.class, Worker.Release.class,
      Worker.Evaluate.class, Worker.Trained.class, Worker.Failed.class, Worker.StateReply.class,
      Worker.EvaluationReply.class,
      WorkerNode.Prepare.class, WorkerNode.Prepared.class, WorkerNode.PrepareFailed.class,
      Candidate.class, CandidateResult.class, Evaluation.class, Split.class, WorkloadSpec.class,
      LrRule.Fixed.class, LrRule.Scheduled.class, LrRule.Probed.class, NProbeSettings.class,
      Schedule.Constant.class, Schedule.MultiStep.class, Schedule.Exponential.class, Schedule.Linear.class,
      Schedule.Cosine.class, Schedule.Sgdr.class, Schedule.Triangular.class, Schedule.OneCycle.class,
      Schedule.Rex.class, Schedule.Warmup.class,
      LrRule.Annealed.class, Anneal.Shape.class);

  /** The protocol's message types: a received payload must hold one of these at its root. */
  static final List<Class<?>> ROOTS = List.of(Worker.Command.class, Worker.Reply.class, WorkerNode.Command.class,
      WorkerNode.PrepareReply.class);

  /**
   * A Kryo instance with every registration; {@code refs} turns actor references into strings and
   * back; a received model state may hold at most {@code maxStateBytes} of float buffers. Not
   * thread-safe (Kryo instances never are): one per thread, see {@link KryoSerializer}.
   */
  static Kryo newKryo(long maxStateBytes, Function<ActorRef<?>, String> refToString,
                      Function<String, ActorRef<?>> refFromString) {
    Kryo kryo = new Kryo(new Resolver(), null);
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setMaxDepth(MAX_DEPTH);
    int id = FIRST_ID;
    kryo.register(ModelState.class, new ModelStateSerializer(maxStateBytes), id++);
    kryo.register(List.class, new ListSerializer(), id++);
    kryo.register(ActorRef.class, new ActorRefSerializer(refToString, refFromString), id++);
    for (Class<?> c : MESSAGES) {
      if (c.isRecord()) {
        kryo.register(c, recordSerializer(c), id++);
      } else {
        kryo.register(c, id++);
      }
    }
    return kryo;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Serializer<?> recordSerializer(Class<?> c) {
    return new RecordSerializer(c);
  }

  /**
   * Registrations by exact class, except that any {@link List} resolves to the "list"
   * registration and any typed {@link ActorRef} to the "actor ref" registration.
   */
  static final class Resolver extends DefaultClassResolver {
    @Override
    public Registration getRegistration(Class type) {
      Registration r = super.getRegistration(type);
      if (r != null) {
        return r;
      }
      if (List.class.isAssignableFrom(type)) {
        return super.getRegistration(List.class);
      }
      if (ActorRef.class.isAssignableFrom(type)) {
        return super.getRegistration(ActorRef.class);
      }
      return null;
    }
  }

  /**
   * Size, then each element with its class; read back as an unmodifiable list (no nulls). A size
   * above {@link #MAX_LIST_LENGTH} or above the bytes left (an element takes at least one) is
   * refused before the list is allocated.
   */
  static final class ListSerializer extends Serializer<List<?>> {
    ListSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, List<?> list) {
      output.writeVarInt(list.size(), true);
      for (Object o : list) {
        kryo.writeClassAndObject(output, o);
      }
    }

    @Override
    public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
      int n = WireInput.count(input, input.readVarInt(true) & 0xFFFFFFFFL, 1, "list");
      if (n > MAX_LIST_LENGTH) {
        throw new KryoException("list: length " + n + " is above the wire format's " + MAX_LIST_LENGTH);
      }
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(kryo.readClassAndObject(input));
      }
      return List.copyOf(out);
    }
  }

  /** An actor reference as its serialization string (path with address). */
  static final class ActorRefSerializer extends Serializer<ActorRef<?>> {
    private final Function<ActorRef<?>, String> toString;
    private final Function<String, ActorRef<?>> fromString;

    ActorRefSerializer(Function<ActorRef<?>, String> toString, Function<String, ActorRef<?>> fromString) {
      super(false, true);
      this.toString = toString;
      this.fromString = fromString;
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
      output.writeString(toString.apply(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
      return fromString.apply(input.readString());
    }
  }

  /**
   * A {@link ModelState} as its own format version, architecture, iteration and the two raw
   * float buffers (length-prefixed). Refuses a state format this build does not read, and buffers
   * the payload's remaining bytes cannot hold or whose total exceeds {@code maxStateBytes}.
   */
  static final class ModelStateSerializer extends Serializer<ModelState> {
    private final long maxStateBytes;

    ModelStateSerializer(long maxStateBytes) {
      super(false, true);
      this.maxStateBytes = maxStateBytes;
    }

    @Override
    public void write(Kryo kryo, Output output, ModelState s) {
      long bytes = s.byteSize();
      if (bytes > maxStateBytes) {
        throw new KryoException("model state of " + bytes + " bytes is above alr.wire.max-state-bytes ("
            + maxStateBytes + ")");
      }
      output.writeVarInt(s.formatVersion(), true);
      output.writeString(s.architecture());
      output.writeVarLong(s.iteration(), true);
      output.writeVarInt(s.params().length, true);
      output.writeFloats(s.params(), 0, s.params().length);
      output.writeVarInt(s.updater().length, true);
      output.writeFloats(s.updater(), 0, s.updater().length);
      output.writeVarInt(s.mask().length, true);
      output.writeBytes(s.mask());
    }

    @Override
    public ModelState read(Kryo kryo, Input input, Class<? extends ModelState> type) {
      int version = input.readVarInt(true);
      if (version != ModelState.FORMAT_VERSION) {
        throw new IllegalArgumentException("model state format " + version + " is not supported (this build reads "
            + ModelState.FORMAT_VERSION + ")");
      }
      String arch = input.readString();
      long iteration = input.readVarLong(true);
      int np = floats(input, 0, "model state parameters");
      float[] params = input.readFloats(np);
      int nu = floats(input, 4L * np, "model state updater");
      float[] updater = input.readFloats(nu);
      long nm = input.readVarInt(true) & 0xFFFFFFFFL;
      if (nm != 0 && nm != np) {
        throw new KryoException("model state mask: " + nm + " bytes for " + np + " parameters");
      }
      byte[] mask = input.readBytes(WireInput.count(input, nm, 1, "model state mask"));
      return new ModelState(version, arch, params, updater, iteration, mask);
    }

    /** A float count, refused when it does not fit the payload or, with {@code sofar}, the maximum. */
    private int floats(Input input, long sofar, String what) {
      long n = input.readVarInt(true) & 0xFFFFFFFFL;
      if (sofar + 4 * n > maxStateBytes) {
        throw new KryoException(what + ": " + n + " floats would make the state larger than alr.wire.max-state-bytes ("
            + maxStateBytes + ")");
      }
      return WireInput.count(input, n, 4, what);
    }
  }
}
