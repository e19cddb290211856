package dev.alr.actors.wire;

import dev.alr.actors.prune.LinePayload;
import dev.alr.actors.prune.PruneWorker;
import dev.alr.engine.prune.CycleSchedule;
import dev.alr.engine.prune.PruneCandidate;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.models.prune.PruneTrainer;
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
import dev.alr.engine.policy.LrPoint;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.policy.ProbeRecord;
import dev.alr.engine.policy.ProbeRule;
import dev.alr.engine.schedule.Schedule;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.SourceRef;

/**
 * The explicit Kryo registrations of the wire format, in a fixed order: a class's id is its
 * position here plus {@link #FIRST_ID}, so every node built from the same sources agrees on ids.
 * Append new classes at the end and bump {@link KryoSerializer#WIRE_FORMAT} when an existing
 * class changes shape. Anything not listed is refused ({@code registrationRequired}).
 *
 * <p>Three families are registered by interface rather than by class, through {@link Resolver}:
 * every {@link List} implementation travels as one "list" (read back as an immutable list),
 * every typed {@link ActorRef} implementation as one "actor ref" (its path), and every
 * {@link SourceRef} as one "stream ref" (Pekko's serialization format for it). A model state
 * travels inside a message only up to {@link StateStreams#INLINE_MAX_BYTES}
 * ({@link StatePayload.Inline}, checked by CRC-32C); a bigger one as {@link StatePayload.Streamed},
 * a header and a stream ref. Stateless.
 *
 * <p>Reading is bounded: every length is checked against the bytes left in the payload before
 * anything is allocated ({@link WireInput}), lists hold at most {@link #MAX_LIST_LENGTH}
 * elements, a state header may announce at most the configured {@code alr.wire.max-state-bytes},
 * and objects nest at most {@link #MAX_DEPTH} deep. Only these serializers are registered: Kryo's
 * primitive, String and enum serializers, {@link RecordSerializer} over the listed records, and
 * the ones below; none of Kryo's collection, map or array serializers.
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
      StatePayload.Streamed.class,
      Worker.Train.class, Worker.FetchState.class, Worker.Cancel.class, Worker.Release.class,
      Worker.Evaluate.class, Worker.Trained.class, Worker.Failed.class, Worker.StateReply.class,
      Worker.EvaluationReply.class,
      WorkerNode.Prepare.class, WorkerNode.Prepared.class, WorkerNode.PrepareFailed.class,
      Candidate.class, CandidateResult.class, Evaluation.class, Split.class, WorkloadSpec.class,
      LrRule.Fixed.class, LrRule.Scheduled.class, LrRule.Probed.class, NProbeSettings.class,
      Schedule.Constant.class, Schedule.MultiStep.class, Schedule.Exponential.class, Schedule.Linear.class,
      Schedule.Cosine.class, Schedule.Sgdr.class, Schedule.Triangular.class, Schedule.OneCycle.class,
      Schedule.Rex.class, Schedule.Warmup.class,
      LrRule.Annealed.class, Anneal.Shape.class,
      ProbeRule.class, LrPoint.class, ProbeRecord.class,
      PruneWorker.Train.class, PruneWorker.Cancel.class, PruneWorker.Trained.class, PruneWorker.Failed.class,
      LinePayload.class, PruneCandidate.class, PruneRecord.class, PruneTrainer.Spec.class, CycleSchedule.class,
      WorkerNode.PreparePrune.class, WorkerNode.PrunePrepared.class,
      Worker.Replicate.class, Worker.Replicated.class, Worker.Persist.class, Worker.Persisted.class,
      LrRule.Tailed.class);

  /** The protocol's message types: a received payload must hold one of these at its root. */
  static final List<Class<?>> ROOTS = List.of(Worker.Command.class, Worker.Reply.class, WorkerNode.Command.class,
      WorkerNode.PrepareReply.class, PruneWorker.Command.class, PruneWorker.Reply.class);

  /**
   * A Kryo instance with every registration; {@code refs} turns actor references into strings and
   * back, {@code streamRefs} stream refs; a received state header may announce at most
   * {@code maxStateBytes}. Not thread-safe (Kryo instances never are): one per thread, see
   * {@link KryoSerializer}.
   */
  static Kryo newKryo(long maxStateBytes, Function<ActorRef<?>, String> refToString,
                      Function<String, ActorRef<?>> refFromString,
                      Function<SourceRef<?>, String> streamRefToString,
                      Function<String, SourceRef<?>> streamRefFromString) {
    Kryo kryo = new Kryo(new Resolver(), null);
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setMaxDepth(MAX_DEPTH);
    int id = FIRST_ID;
    kryo.register(StatePayload.Inline.class, new InlineStateSerializer(maxStateBytes), id++);
    kryo.register(List.class, new ListSerializer(), id++);
    kryo.register(ActorRef.class, new ActorRefSerializer(refToString, refFromString), id++);
    kryo.register(SourceRef.class, new SourceRefSerializer(streamRefToString, streamRefFromString), id++);
    kryo.register(StatePayload.StateHeader.class, new StateHeaderSerializer(maxStateBytes), id++);
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
   * registration, any typed {@link ActorRef} to the "actor ref" registration and any
   * {@link SourceRef} to the "stream ref" registration.
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
      if (SourceRef.class.isAssignableFrom(type)) {
        return super.getRegistration(SourceRef.class);
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

  /** A stream ref as Pekko's serialization string for it (its origin's path). */
  static final class SourceRefSerializer extends Serializer<SourceRef<?>> {
    private final Function<SourceRef<?>, String> toString;
    private final Function<String, SourceRef<?>> fromString;

    SourceRefSerializer(Function<SourceRef<?>, String> toString, Function<String, SourceRef<?>> fromString) {
      super(false, true);
      this.toString = toString;
      this.fromString = fromString;
    }

    @Override
    public void write(Kryo kryo, Output output, SourceRef<?> ref) {
      output.writeString(toString.apply(ref));
    }

    @Override
    public SourceRef<?> read(Kryo kryo, Input input, Class<? extends SourceRef<?>> type) {
      return fromString.apply(input.readString());
    }
  }

  /**
   * A state header as a record; a received one announcing more than {@code maxStateBytes} is
   * refused before anything is allocated for its state.
   */
  static final class StateHeaderSerializer extends RecordSerializer<StatePayload.StateHeader> {
    private final long maxStateBytes;

    StateHeaderSerializer(long maxStateBytes) {
      super(StatePayload.StateHeader.class);
      this.maxStateBytes = maxStateBytes;
    }

    @Override
    public StatePayload.StateHeader read(Kryo kryo, Input input, Class<? extends StatePayload.StateHeader> type) {
      StatePayload.StateHeader h = super.read(kryo, input, type);
      if (h.bytes() > maxStateBytes) {
        throw new KryoException("model state of " + h.bytes() + " bytes is above alr.wire.max-state-bytes ("
            + maxStateBytes + ")");
      }
      return h;
    }
  }

  /**
   * A model state inside a message, allowed only up to {@link StateStreams#INLINE_MAX_BYTES} (and
   * {@code maxStateBytes}): format version, architecture, iteration, the two float counts, the
   * floats, and the CRC-32C of the state ({@link StateStreams#checksum}). Writing a bigger state
   * fails (it must be streamed); reading checks every count against the bound and the bytes left
   * before allocating, then the format version and the checksum.
   */
  static final class InlineStateSerializer extends Serializer<StatePayload.Inline> {
    private final long maxBytes;

    InlineStateSerializer(long maxStateBytes) {
      super(false, true);
      this.maxBytes = Math.min(StateStreams.INLINE_MAX_BYTES, maxStateBytes);
    }

    @Override
    public void write(Kryo kryo, Output output, StatePayload.Inline inline) {
      ModelState s = inline.state();
      if (s.byteSize() > StateStreams.INLINE_MAX_BYTES) {
        throw new KryoException("a model state of " + s.byteSize() + " bytes travels between nodes as a stream"
            + " (StateStreams.ship), not inline (at most " + StateStreams.INLINE_MAX_BYTES + ")");
      }
      output.writeVarInt(s.formatVersion(), true);
      output.writeString(s.architecture());
      output.writeVarLong(s.iteration(), false);
      output.writeVarInt(s.params().length, true);
      output.writeVarInt(s.updater().length, true);
      output.writeVarInt(s.mask().length, true);
      output.writeFloats(s.params(), 0, s.params().length);
      output.writeFloats(s.updater(), 0, s.updater().length);
      output.writeBytes(s.mask());
      output.writeLong(StateStreams.checksum(s));
    }

    @Override
    public StatePayload.Inline read(Kryo kryo, Input input, Class<? extends StatePayload.Inline> type) {
      int format = input.readVarInt(true);
      String architecture = input.readString();
      long iteration = input.readVarLong(false);
      long params = input.readVarInt(true) & 0xFFFFFFFFL;
      long updater = input.readVarInt(true) & 0xFFFFFFFFL;
      long masked = input.readVarInt(true) & 0xFFFFFFFFL;
      if (masked != 0 && masked != params) {
        throw new KryoException("inline model state: a mask of " + masked + " bytes for " + params + " parameters");
      }
      if (4 * (params + updater) + masked > maxBytes) {
        throw new KryoException("inline model state: " + (4 * (params + updater) + masked) + " bytes is above "
            + maxBytes);
      }
      WireInput.count(input, params + updater, 4, "inline model state");
      float[] p = input.readFloats((int) params);
      float[] u = input.readFloats((int) updater);
      byte[] mask = input.readBytes(WireInput.count(input, masked, 1, "inline model state mask"));
      long crc = input.readLong();
      if (format != ModelState.FORMAT_VERSION) {
        throw new KryoException("model state format " + format + " is not supported (this build reads "
            + ModelState.FORMAT_VERSION + ")");
      }
      if (architecture == null) {
        throw new KryoException("inline model state: no architecture");
      }
      ModelState s = new ModelState(format, architecture, p, u, iteration, mask);
      if (StateStreams.checksum(s) != crc) {
        throw new KryoException("inline model state: checksum mismatch");
      }
      return new StatePayload.Inline(s);
    }
  }
}
