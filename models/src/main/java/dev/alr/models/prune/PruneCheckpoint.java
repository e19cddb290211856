package dev.alr.models.prune;

import dev.alr.engine.prune.PruneRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.engine.SearchException;
import dev.alr.engine.prune.PruneLine;
import dev.alr.engine.prune.PruneState;
import dev.alr.engine.run.CheckpointStore;
import dev.alr.engine.run.ModelStateCodec;
import dev.alr.engine.spi.ModelState;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checkpoints of a pruning run: after every completed cycle, {@code DIR/cycle-NNNN/} holds the
 * policy's {@link PruneState} and the configuration (in the manifest, as JSON), every record so far
 * ({@code records.bin}) and each survivor line's states: the trained model state with its mask and
 * updater state ({@code line-ID.state}), and, where the line has them, the rewind point of a
 * {@code rewind-epoch} reset ({@code line-ID.rewind.state}) and the weights at the start of its last
 * epoch for the weight-change criterion ({@code line-ID.epoch-start.state}). Written and read
 * through {@link CheckpointStore} (kind {@code prune}): temporary directory then rename, per-file
 * size and CRC32C, the {@code LATEST} pointer, the two newest cycles kept, a search checkpoint
 * refused naming both kinds, another configuration refused field by field.
 *
 * <p>Call order: the caller claims the directory ({@link CheckpointStore#claim(boolean, boolean)}),
 * then {@link #open} (which reads the latest checkpoint when resuming, before any training), then
 * {@link PruneRun#run(java.util.function.Consumer, PruneCheckpoint)} writes one per cycle. Not
 * thread-safe: the run's thread.
 */
public final class PruneCheckpoint {
  /** The checkpoint kind of a pruning run: directories {@code cycle-NNNN}. */
  public static final CheckpointStore.Kind KIND = new CheckpointStore.Kind("prune", "cycle");
  private static final int RECORDS_MAGIC = 0x414C5250;
  /** Bytes of one encoded record. */
  private static final int RECORD_BYTES = 3 * 4 + 6 * 8 + 1 + 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a survivor line carries into the next cycle. Immutable by contract (arrays not copied).
   *
   * @param trained     the trained model state (parameters, updater state, mask)
   * @param rewindPoint the weights a {@code rewind-epoch} reset restores, or {@code null}
   * @param epochStart  the weights at the start of the line's last epoch, or {@code null}
   */
  public record LineState(ModelState trained, float[] rewindPoint, float[] epochStart) {
    /** Checks the trained state is present. */
    public LineState {
      Objects.requireNonNull(trained, "trained");
    }
  }

  /**
   * A checkpoint read back.
   *
   * @param cycle   the last completed cycle
   * @param state   the policy's snapshot for the next cycle
   * @param records every record of cycles 0…{@code cycle}, in run order
   * @param lines   the survivors' states by candidate id
   */
  public record Restored(int cycle, PruneState state, List<PruneRecord> records, Map<Integer, LineState> lines) {
  }

  private final CheckpointStore store;
  private final Restored restored;
  private int lastCycle;

  private PruneCheckpoint(CheckpointStore store, Restored restored) {
    this.store = store;
    this.restored = restored;
    this.lastCycle = restored == null ? -1 : restored.cycle();
  }

  /**
   * Opens the checkpoints of a run in {@code store}'s directory; when {@code resume}, reads the
   * latest one and checks it was written by a pruning run of {@code config}.
   *
   * @throws SearchException (bad input) naming the directory or file: no checkpoint, a search's
   *                         checkpoint, another configuration (the fields that differ), corrupt
   */
  public static PruneCheckpoint open(CheckpointStore store, PruneRunConfig config, boolean resume) {
    Objects.requireNonNull(store, "store");
    return new PruneCheckpoint(store, resume ? read(store, config) : null);
  }

  /** The checkpoint resumed from, if resuming. */
  public Optional<Restored> restored() {
    return Optional.ofNullable(restored);
  }

  /** The directory. */
  public Path dir() {
    return store.dir();
  }

  /**
   * Writes the checkpoint after {@code cycle}.
   *
   * @param state   the policy's snapshot after the cycle (its survivors are the keys of {@code lines})
   * @param records every record so far
   * @param lines   the survivors' states by candidate id
   * @throws dev.alr.engine.SearchFailedException when the write failed after its retries (the previous
   *                                              checkpoint is intact)
   */
  public void write(PruneRunConfig config, int cycle, PruneState state, List<PruneRecord> records,
                    Map<Integer, LineState> lines) {
    Map<String, CheckpointStore.Body> files = new LinkedHashMap<>();
    List<PruneRecord> all = List.copyOf(records);
    files.put("records.bin", out -> writeRecords(all, out));
    ObjectNode fields = JSON.createObjectNode();
    fields.set("state", stateTree(state));
    ArrayNode ids = fields.putArray("lines");
    for (Map.Entry<Integer, LineState> e : new TreeMap<>(lines).entrySet()) {
      int id = e.getKey();
      LineState l = e.getValue();
      ids.add(id);
      files.put("line-" + id + ".state", out -> ModelStateCodec.write(l.trained(), out));
      if (l.rewindPoint() != null) {
        files.put("line-" + id + ".rewind.state", out -> ModelStateCodec.write(weights(l.trained(), l.rewindPoint()), out));
      }
      if (l.epochStart() != null) {
        files.put("line-" + id + ".epoch-start.state",
            out -> ModelStateCodec.write(weights(l.trained(), l.epochStart()), out));
      }
    }
    store.write(KIND, cycle, configTree(config), fields, files);
    lastCycle = cycle;
  }

  /**
   * Where a failed run can be resumed from: the last cycle's checkpoint this run wrote or resumed
   * from, or that no cycle completed.
   */
  public String resumeHint() {
    if (lastCycle < 0) {
      return "no cycle completed, so " + store.dir() + " holds no checkpoint of this run";
    }
    return "the checkpoint of cycle " + lastCycle + " (" + store.dir().resolve(KIND.step() + String.format("-%04d",
        lastCycle)) + ") is intact (--resume continues from it)";
  }

  /**
   * The fields of {@code config} a resume must match: workload, policy and its configuration,
   * cycles, prune fraction, cycle epochs, criterion, reset and within-cycle schedule (not the worker
   * count, which does not change the result).
   */
  public static ObjectNode configTree(PruneRunConfig config) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("workload", config.workload());
    c.put("policy", config.policy().name());
    c.put("policyConfig", config.policy());
    c.put("cycles", config.cycles());
    c.put("pruneFraction", config.fraction());
    c.put("cycleEpochs", config.cycleEpochs());
    c.put("criterion", config.criterion().flagValue());
    c.put("reset", config.reset().flagValue());
    c.put("schedule", config.schedule());
    return JSON.valueToTree(c);
  }

  private static Restored read(CheckpointStore store, PruneRunConfig config) {
    CheckpointStore.Stored s = store.readLatest(KIND, configTree(config));
    Path dir = s.dir();
    PruneState state;
    try {
      state = state(s.manifest().path("state"));
    } catch (IllegalArgumentException e) {
      throw corrupt(dir.resolve("manifest.json"), "state: " + e.getMessage());
    }
    List<PruneRecord> records;
    try {
      records = readRecords(ByteBuffer.wrap(file(s, "records.bin")));
    } catch (IOException | BufferUnderflowException e) {
      throw corrupt(dir.resolve("records.bin"), e instanceof BufferUnderflowException ? "truncated" : e.getMessage());
    }
    Map<Integer, LineState> lines = new LinkedHashMap<>();
    TreeSet<Integer> ids = new TreeSet<>();
    for (JsonNode id : s.manifest().path("lines")) {
      ids.add(id.asInt());
    }
    TreeSet<Integer> survivors = new TreeSet<>();
    state.survivors().forEach(l -> survivors.add(l.candidateId()));
    if (!ids.equals(survivors) || state.cycle() != s.step() + 1 || records.isEmpty()
        || records.get(records.size() - 1).cycle() != s.step()) {
      throw corrupt(dir.resolve("manifest.json"), "its state, lines and records do not agree");
    }
    for (int id : ids) {
      String name = "line-" + id;
      try {
        ModelState trained = ModelStateCodec.read(ByteBuffer.wrap(file(s, name + ".state")));
        float[] rewind = optional(s, name + ".rewind.state");
        float[] start = optional(s, name + ".epoch-start.state");
        lines.put(id, new LineState(trained, rewind, start));
      } catch (IOException e) {
        throw corrupt(dir.resolve(name + ".state"), e.getMessage());
      }
    }
    return new Restored(s.step(), state, records, lines);
  }

  private static SearchException corrupt(Path file, String why) {
    return new SearchException("--resume: " + file + " is corrupt (" + why + ")");
  }

  private static byte[] file(CheckpointStore.Stored s, String name) throws IOException {
    byte[] b = s.files().get(name);
    if (b == null) {
      throw new IOException("missing from the manifest");
    }
    return b;
  }

  private static float[] optional(CheckpointStore.Stored s, String name) throws IOException {
    byte[] b = s.files().get(name);
    return b == null ? null : ModelStateCodec.read(ByteBuffer.wrap(b)).params();
  }

  /** A weight vector stored as a model state (no updater state, no mask), to reuse the codec. */
  private static ModelState weights(ModelState of, float[] params) {
    return new ModelState(ModelState.FORMAT_VERSION, of.architecture(), params, new float[0], 0);
  }

  private static ObjectNode stateTree(PruneState state) {
    ObjectNode n = JSON.createObjectNode();
    n.put("cycle", state.cycle());
    n.put("nextId", state.nextId());
    ArrayNode survivors = n.putArray("survivors");
    for (PruneLine l : state.survivors()) {
      ObjectNode o = survivors.addObject();
      o.put("candidateId", l.candidateId());
      number(o, "maxLr", l.maxLr());
      number(o, "valLoss", l.valLoss());
    }
    return n;
  }

  /** A finite double as a JSON number (exact: shortest round-trip form), NaN and infinities as text. */
  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.put(key, Double.toString(v));
    }
  }

  private static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isTextual()) {
      double v = Double.parseDouble(n.asText());
      if (!Double.isFinite(v)) {
        return v;
      }
    }
    throw new IllegalArgumentException("expected a number, found " + n);
  }

  private static PruneState state(JsonNode n) {
    if (!n.path("cycle").isInt() || !n.path("nextId").isInt() || !n.path("survivors").isArray()) {
      throw new IllegalArgumentException("cycle, nextId or survivors missing");
    }
    List<PruneLine> survivors = new ArrayList<>();
    for (JsonNode l : n.path("survivors")) {
      if (!l.path("candidateId").isInt()) {
        throw new IllegalArgumentException("a survivor without candidateId");
      }
      survivors.add(new PruneLine(l.path("candidateId").asInt(), number(l.path("maxLr")), number(l.path("valLoss"))));
    }
    return new PruneState(n.path("cycle").asInt(), survivors, n.path("nextId").asInt());
  }

  private static void writeRecords(List<PruneRecord> records, DataOutputStream out) throws IOException {
    out.writeInt(RECORDS_MAGIC);
    out.writeInt(records.size());
    for (PruneRecord r : records) {
      out.writeInt(r.cycle());
      out.writeInt(r.id());
      out.writeInt(r.parentId());
      out.writeDouble(r.maxLr());
      out.writeDouble(r.sparsity());
      out.writeDouble(r.trainLoss());
      out.writeDouble(r.valLoss());
      out.writeDouble(r.valAccuracy());
      out.writeDouble(r.testAccuracy());
      out.writeBoolean(r.survived());
      out.writeLong(r.sampleGradients());
    }
  }

  /** Parses the records; the count is checked against the bytes left before anything is allocated. */
  static List<PruneRecord> readRecords(ByteBuffer b) throws IOException {
    if (b.getInt() != RECORDS_MAGIC) {
      throw new IOException("bad magic number");
    }
    int n = b.getInt();
    if (n < 0 || (long) n * RECORD_BYTES != b.remaining()) {
      throw new IOException("count " + n + " does not fit the " + b.remaining() + " bytes left");
    }
    List<PruneRecord> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int cycle = b.getInt();
      int id = b.getInt();
      int parent = b.getInt();
      double maxLr = b.getDouble();
      double sparsity = b.getDouble();
      double trainLoss = b.getDouble();
      double valLoss = b.getDouble();
      double valAccuracy = b.getDouble();
      double testAccuracy = b.getDouble();
      byte survived = b.get();
      if (survived != 0 && survived != 1) {
        throw new IOException("bad survived flag " + survived);
      }
      records.add(new PruneRecord(cycle, id, parent, maxLr, sparsity, trainLoss, valLoss, valAccuracy, testAccuracy,
          survived == 1, b.getLong()));
    }
    return records;
  }
}
