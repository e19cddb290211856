package dev.alr.actors.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import dev.alr.actors.Worker;
import dev.alr.actors.cluster.WorkerNode;
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
 */
public final class WireClasses {
  /** Id of the first registered class (Kryo's own primitives and String use the ids below). */
  public static final int FIRST_ID = 100;

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
      Schedule.Rex.class, Schedule.Warmup.class);

  /**
   * A Kryo instance with every registration; {@code refs} turns actor references into strings and
   * back. Not thread-safe (Kryo instances never are): one per thread, see {@link KryoSerializer}.
   */
  static Kryo newKryo(Function<ActorRef<?>, String> refToString, Function<String, ActorRef<?>> refFromString) {
    Kryo kryo = new Kryo(new Resolver(), null);
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    int id = FIRST_ID;
    kryo.register(ModelState.class, new ModelStateSerializer(), id++);
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

  /** Size, then each element with its class; read back as an unmodifiable list (no nulls). */
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
      int n = input.readVarInt(true);
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
   * float buffers (length-prefixed). Refuses a state format this build does not read.
   */
  static final class ModelStateSerializer extends Serializer<ModelState> {
    ModelStateSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, ModelState s) {
      output.writeVarInt(s.formatVersion(), true);
      output.writeString(s.architecture());
      output.writeVarLong(s.iteration(), true);
      output.writeVarInt(s.params().length, true);
      output.writeFloats(s.params(), 0, s.params().length);
      output.writeVarInt(s.updater().length, true);
      output.writeFloats(s.updater(), 0, s.updater().length);
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
      float[] params = input.readFloats(input.readVarInt(true));
      float[] updater = input.readFloats(input.readVarInt(true));
      return new ModelState(version, arch, params, updater, iteration);
    }
  }
}
