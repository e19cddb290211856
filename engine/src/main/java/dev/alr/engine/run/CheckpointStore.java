package dev.alr.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelState;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Per-epoch checkpoints under one directory: {@code DIR/epoch-NNNN/} holds the beams' model
 * states, the round log that replays the policy (its whole state: every random choice derives
 * from the seed, so there is no RNG state to save) and a JSON manifest ({@code manifest.json}) with
 * the configuration as fields and each file's size and CRC32C (the manifest checks itself too). Each epoch is
 * written to a temporary directory and renamed; the {@code LATEST} pointer is replaced
 * atomically; the two newest checkpoints are kept.
 *
 * <p>Reading ({@link #readLatest}) verifies every size and checksum before parsing and every
 * length against the bytes left before allocating; a corrupt epoch is refused naming the file,
 * and the previous intact epoch is used instead (said on the notes sink, stderr by default).
 * Writing ({@link #write}) retries a failed epoch (e.g. a full disk) with backoff within a
 * deadline, keeping the states in memory, and removes the failed temporary directory each time;
 * the previous checkpoint stays intact.
 *
 * <p>A beam's state file may instead be written by the worker that holds the state
 * ({@link #stage}, into {@code DIR/.staged/}; the checkpoint directory is then storage shared by
 * the search node and the workers, at the same path): {@link #write(SearchConfig, int, List, List)}
 * hard-links each staged file into the epoch's temporary directory (copying it only where the
 * file system has no hard links), so the state bytes do not pass through the search node; the
 * files, the manifest, the rename and {@code LATEST} are exactly as before, and so is reading.
 * <p>Other run kinds ({@link Kind}; {@code alr prune} writes {@code DIR/cycle-NNNN/}) use the same
 * layout, lock, retries and checks through {@link #write(Kind, int, ObjectNode, ObjectNode, Map)}
 * and {@link #readLatest(Kind, ObjectNode)} with their own files; the manifest's {@code kind}
 * (absent in search checkpoints written before it existed) refuses resuming one kind as another.
 *
 * <p>Call order: {@link #claim} when a run starts (lock, stale temporary directories, refusal to
 * overwrite another run's checkpoint; {@link dev.alr.engine.Alr#run()} does this around any
 * executor), then {@link #readLatest} to resume and {@link #write} after each advanced epoch, then
 * {@link Claim#close()} (which also removes the directory if the claim created it and nothing was
 * written). Not thread-safe: one coordinator writes a
 * directory, and the lock keeps other processes out.
 */
public final class CheckpointStore {
  /** Version of the checkpoint layout (2: per-file checksums; 3: the manifest as JSON, the config as fields). */
  public static final int FORMAT_VERSION = 3;
  /** The lock file's name. */
  public static final String LOCK = ".lock";
  private static final int KEEP = 2;
  private static final int ROUNDS_MAGIC = 0x414C5252;
  private static final long MAX_MANIFEST_BYTES = 1 << 20;
  private static final String MANIFEST = "manifest.json";
  /** Format 2's manifest, recognised to refuse it clearly. */
  private static final String OLD_MANIFEST = "manifest.properties";
  /** Where workers stage the state files of kept beams, under the checkpoint directory. */
  public static final String STAGED = ".staged";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A step's directory: the kind's step name and the step, e.g. {@code epoch-0003} or {@code cycle-0001}. */
  private static final Pattern STEP_DIR = Pattern.compile("([a-z]+)-(\\d{4,})");
  /** Smallest encoded round: seconds, test flag, result count. */
  private static final int MIN_ROUND_BYTES = 8 + 1 + 4;
  /** Smallest encoded candidate result (an empty worker name). */
  private static final int MIN_RESULT_BYTES = 4 + 4 * 8 + 2 + 3 * 8;

  /**
   * A beam's state file written by the worker holding the state ({@link #stage}).
   *
   * @param file the staged file
   * @param sum  its size and CRC32C as the manifest records them ({@code "size:crc32c"})
   */
  public record StagedState(Path file, String sum) {
  }

  /**
   * One beam of a checkpoint: its state in memory ({@code state}), or the file a worker staged
   * ({@code staged}); exactly one is given.
   */
  public record BeamState(int id, ModelState state, StagedState staged) {
    /** Validates. */
    public BeamState {
      if ((state == null) == (staged == null)) {
        throw new IllegalArgumentException("beam " + id + ": a state or a staged file expected, not both or none");
      }
    }
  }

  /**
   * Writes {@code state} as the staged file of beam {@code id} under checkpoint directory
   * {@code dir} (temporary file, flushed, renamed), for a later {@link #write} to link into an
   * epoch. Called by the worker holding the state; thread-safe for distinct ids.
   *
   * @return the file and its "size:crc32c"
   */
  public static StagedState stage(Path dir, int id, ModelState state) throws IOException {
    Path file = dir.resolve(STAGED).resolve("beam-" + id + ".state");
    String[] sum = new String[1];
    OutputFiles.write(file, raw -> sum[0] = summed(raw, out -> ModelStateCodec.write(state, out)));
    return new StagedState(file, sum[0]);
  }

  /**
   * The run kind a checkpoint belongs to: its {@code name} is the manifest's {@code kind} (the
   * command that wrote it), its {@code step} names the directories ({@code step-NNNN}) and the
   * manifest's step field. A directory holds checkpoints of one kind; resuming it as another kind
   * is refused naming both. Immutable.
   *
   * @param name the run kind, lower-case letters ({@code search}, {@code prune})
   * @param step what one checkpoint step is, lower-case letters ({@code epoch}, {@code cycle})
   */
  public record Kind(String name, String step) {
    /** {@code alr search}: a checkpoint per epoch (manifests before the kind field are this kind). */
    public static final Kind SEARCH = new Kind("search", "epoch");

    /** Validates. */
    public Kind {
      if (name == null || !name.matches("[a-z]+") || step == null || !step.matches("[a-z]+")) {
        throw new IllegalArgumentException("checkpoint kind and step must be lower-case words, got " + name + ", "
            + step);
      }
    }

    String dirName(int n) {
      return String.format("%s-%04d", step, n);
    }
  }

  /**
   * A checkpoint read generically ({@link #readLatest(Kind, ObjectNode)}): its directory, its
   * step, its manifest, and every file it lists, verified against the manifest's size and CRC32C.
   *
   * @param dir      the step's directory
   * @param step     the step it holds
   * @param manifest the manifest (the fields written with it, under their names)
   * @param files    each file's bytes by name
   */
  public record Stored(Path dir, int step, ObjectNode manifest, Map<String, byte[]> files) {
  }

  /** Writes one file of a checkpoint. */
  @FunctionalInterface
  public interface Body {
    /** Writes the file's content to {@code out}. */
    void write(DataOutputStream out) throws IOException;
  }

  /** Opens the files a checkpoint is written to; a test replaces it to simulate a full disk. */
  @FunctionalInterface
  public interface FileSink {
    /** A new, exclusively created file; closing it makes its content durable. */
    OutputStream create(Path file) throws IOException;
  }

  /**
   * How a failed checkpoint write is retried.
   *
   * @param attempts attempts in all (&ge; 1)
   * @param backoff  wait before the second attempt, doubled before each later one
   * @param deadline no attempt starts after this long since the first
   */
  public record Retry(int attempts, Duration backoff, Duration deadline) {
    /** Four attempts, 1 s backoff, within 30 s. */
    public static final Retry DEFAULT = new Retry(4, Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Validates. */
    public Retry {
      if (attempts < 1 || backoff.isNegative() || deadline.isNegative()) {
        throw new IllegalArgumentException("retry: attempts >= 1 and non-negative durations expected");
      }
    }
  }

  private final Path dir;
  private final FileSink sink;
  private final Retry retry;
  private final Consumer<String> notes;

  /** A store writing real files, retrying by {@link Retry#DEFAULT}, with notes on stderr. */
  public CheckpointStore(Path dir) {
    this(dir, OutputFiles::create, Retry.DEFAULT, System.err::println);
  }

  /**
   * @param dir   the checkpoint directory
   * @param sink  opens the files written
   * @param retry how failed writes are retried
   * @param notes told one line when a write is retried or a corrupt epoch is skipped
   */
  public CheckpointStore(Path dir, FileSink sink, Retry retry, Consumer<String> notes) {
    this.dir = dir;
    this.sink = sink;
    this.retry = retry;
    this.notes = notes;
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /**
   * A loaded checkpoint.
   *
   * @param epoch  epochs completed
   * @param rounds the round log to replay
   * @param states the beams' states by candidate id
   * @param configEpochs the epoch count of the run that wrote it: fewer than now when
   *                     {@code --resume --epochs N} extends that run (the only field allowed to differ)
   */
  public record Checkpoint(int epoch, List<RoundLog> rounds, Map<Integer, ModelState> states, int configEpochs) {
  }

  /**
   * A run's hold on a checkpoint directory; {@link #close()} releases the lock and removes the
   * directory again when the claim created it and the run wrote nothing.
   */
  public interface Claim extends AutoCloseable {
    /** Releases the lock (if it is still this run's). */
    @Override
    void close();
  }

  /**
   * Claims {@code options}' checkpoint directory for one run, before it trains: takes the lock
   * ({@code DIR/.lock} with this process's id; a lock whose process is gone is taken over, saying
   * so), removes stale temporary directories of an interrupted write, and, unless resuming,
   * refuses a directory that holds a checkpoint (or, with {@code overwrite}, deletes it). A no-op
   * claim when there is no checkpoint directory.
   *
   * @throws SearchException (bad input) naming the directory: in use, not writable, holds another run
   */
  public static Claim claim(RunOptions options) {
    if (options.checkpointDir() == null) {
      return () -> { };
    }
    return new CheckpointStore(options.checkpointDir()).claim(options.resume(), options.overwrite());
  }

  /**
   * The refusals of {@link #claim(RunOptions)} without taking anything, for a command line to
   * check before it prints or trains: no checkpoint to resume, a lock held by a live process, a
   * checkpoint that would be overwritten. The claim checks again (another run may start between).
   *
   * @throws SearchException (bad input) naming the directory
   */
  public static void check(RunOptions options) {
    check(options, Kind.SEARCH);
  }

  /**
   * {@link #check(RunOptions)} for a run of {@code kind}; when resuming, also refuses a latest
   * checkpoint written by another run kind (its manifest's {@code kind}), naming both.
   *
   * @throws SearchException (bad input) naming the directory
   */
  public static void check(RunOptions options, Kind kind) {
    Path dir = options.checkpointDir();
    if (dir == null) {
      return;
    }
    CheckpointStore store = new CheckpointStore(dir);
    store.refuseMissing(options.resume());
    if (options.resume()) {
      store.refuseOtherKind(kind);
    }
    long owner = liveOwner(dir.resolve(LOCK));
    if (owner > 0) {
      throw store.inUse(owner);
    }
    try {
      store.refuseExisting(options.resume(), options.overwrite());
    } catch (IOException e) {
      throw new SearchException("--checkpoint-dir " + dir + ": " + OutputFiles.cause(e));
    }
  }

  private void refuseMissing(boolean resume) {
    if (resume && !Files.isDirectory(dir)) {
      throw new SearchException("--resume: no checkpoint in " + dir + " (" + dir.resolve("LATEST") + " is missing)");
    }
  }

  /**
   * Refuses resuming the latest checkpoint as {@code kind} when its manifest names another kind;
   * anything unreadable is left to {@link #readLatest}, which says what is wrong with it.
   */
  private void refuseOtherKind(Kind kind) {
    try {
      String name = Files.readString(dir.resolve("LATEST"), StandardCharsets.UTF_8).trim();
      Path manifest = dir.resolve(name).resolve(MANIFEST);
      if (!STEP_DIR.matcher(name).matches() || !Files.isRegularFile(manifest)
          || Files.size(manifest) > MAX_MANIFEST_BYTES) {
        return;
      }
      refuseOtherKind(kind, dir.resolve(name), JSON.readTree(Files.readAllBytes(manifest)));
    } catch (IOException e) {
      // unreadable: readLatest names the problem
    }
  }

  private static void refuseOtherKind(Kind kind, Path cp, JsonNode manifest) {
    String written = manifest.path("kind").asText(Kind.SEARCH.name());
    if (!written.equals(kind.name())) {
      throw new SearchException("--resume: " + cp + " is a checkpoint of alr " + written + ", not of alr "
          + kind.name() + ": resume it with alr " + written + ", or choose another --checkpoint-dir");
    }
  }

  /** Whether a run must not start here: not resuming, not overwriting, and a checkpoint is present. */
  private List<String> refuseExisting(boolean resume, boolean overwrite) throws IOException {
    List<String> held = stepNames();
    boolean holds = !held.isEmpty() || Files.exists(dir.resolve("LATEST"));
    if (!resume && holds && !overwrite) {
      throw new SearchException("--checkpoint-dir " + dir + ": holds a checkpoint ("
          + (held.isEmpty() ? "LATEST" : held.get(held.size() - 1))
          + "); pass --resume to continue it or --overwrite to replace it");
    }
    return !resume && holds ? held : List.of();
  }

  private SearchException inUse(long pid) {
    return new SearchException("--checkpoint-dir " + dir + ": in use by another run (pid " + pid + ", "
        + dir.resolve(LOCK) + "); wait for it to end or choose another directory");
  }

  /** The pid of the live process holding {@code lock}, or -1. */
  private static long liveOwner(Path lock) {
    try {
      long pid = pidOf(Files.readString(lock, StandardCharsets.UTF_8).trim());
      return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** {@link #claim(RunOptions)} for this store. */
  public Claim claim(boolean resume, boolean overwrite) {
    refuseMissing(resume);
    boolean created = !Files.exists(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SearchException("--checkpoint-dir " + dir + ": " + OutputFiles.cause(e));
    }
    Path lock = dir.resolve(LOCK);
    String token = ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n";
    lock(lock, token);
    Claim claim = () -> {
      try {
        if (token.equals(Files.readString(lock, StandardCharsets.UTF_8))) {
          Files.delete(lock);
        }
        if (created) {
          try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isEmpty()) {
              Files.delete(dir);
            }
          }
        }
      } catch (IOException e) {
        notes.accept("alr: could not remove the lock " + lock + ": " + OutputFiles.cause(e));
      }
    };
    try {
      removeStaleTemporaries();
      OutputFiles.deleteTree(dir.resolve(STAGED));
      if (!resume && overwrite && (!stepNames().isEmpty() || Files.exists(dir.resolve("LATEST")))) {
        List<String> held = refuseExisting(false, true);
        notes.accept("alr: --overwrite: removing the checkpoint(s) in " + dir);
        Files.deleteIfExists(dir.resolve("LATEST"));
        for (String name : held) {
          OutputFiles.deleteTree(dir.resolve(name));
        }
      } else {
        refuseExisting(resume, overwrite);
      }
    } catch (IOException e) {
      claim.close();
      throw new SearchException("--checkpoint-dir " + dir + ": " + OutputFiles.cause(e));
    } catch (RuntimeException e) {
      claim.close();
      throw e;
    }
    return claim;
  }

  private void lock(Path lock, String token) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        Path tmp = Files.createTempFile(dir, ".lock-", ".tmp");
        try {
          Files.writeString(tmp, token, StandardCharsets.UTF_8);
          try {
            Files.createLink(lock, tmp);
          } catch (UnsupportedOperationException e) {
            Files.writeString(lock, token, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
          }
          return;
        } finally {
          Files.deleteIfExists(tmp);
        }
      } catch (FileAlreadyExistsException e) {
        String owner;
        try {
          owner = Files.readString(lock, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException gone) {
          continue;
        } catch (IOException io) {
          throw new SearchException("--checkpoint-dir " + dir + ": cannot read the lock " + lock + ": "
              + OutputFiles.cause(io));
        }
        long pid = pidOf(owner);
        if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          throw inUse(pid);
        }
        notes.accept("alr: taking over the stale lock " + lock + " (" + (pid > 0 ? "pid " + pid + " is not running"
            : "unreadable owner") + ")");
        try {
          if (Files.readString(lock, StandardCharsets.UTF_8).trim().equals(owner)) {
            Files.deleteIfExists(lock);
          }
        } catch (NoSuchFileException gone) {
          // another run took it over first; try again
        } catch (IOException io) {
          throw new SearchException("--checkpoint-dir " + dir + ": cannot remove the stale lock " + lock + ": "
              + OutputFiles.cause(io));
        }
      } catch (IOException e) {
        throw new SearchException("--checkpoint-dir " + dir + ": cannot create the lock " + lock + ": "
            + OutputFiles.cause(e));
      }
    }
    throw new SearchException("--checkpoint-dir " + dir + ": another run keeps taking the lock " + lock);
  }

  private static long pidOf(String owner) {
    String first = owner.split("\\s+", 2)[0];
    try {
      return Long.parseLong(first);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Removes the temporary directories and files of an interrupted or failed write. */
  void removeStaleTemporaries() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> stale;
    try (Stream<Path> s = Files.list(dir)) {
      stale = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(".tmp-") || n.startsWith(".LATEST.") || (n.startsWith(".lock-") && n.endsWith(".tmp"));
      }).toList();
    }
    for (Path p : stale) {
      OutputFiles.deleteTree(p);
    }
  }

  /**
   * Writes the checkpoint after {@code epoch} completed epochs, retrying a failed attempt.
   *
   * @throws SearchFailedException when every attempt failed: names the cause and the file, and that
   *                               the previous checkpoint is intact
   */
  public void write(SearchConfig config, int epoch, List<RoundLog> rounds, Map<Integer, ModelState> states) {
    List<BeamState> beams = new ArrayList<>();
    states.forEach((id, s) -> beams.add(new BeamState(id, s, null)));
    write(config, epoch, rounds, beams);
  }

  /**
   * Writes the checkpoint after {@code epoch} completed epochs from beams held in memory or staged
   * by workers, in the given order, retrying a failed attempt; then removes the staged files of
   * beams no longer checkpointed.
   *
   * @throws SearchFailedException when every attempt failed: names the cause and the file, and that
   *                               the previous checkpoint is intact
   */
  public void write(SearchConfig config, int epoch, List<RoundLog> rounds, List<BeamState> states) {
    Map<String, Entry> files = new LinkedHashMap<>();
    files.put("rounds.bin", new Entry(out -> writeRounds(rounds, out), null));
    for (BeamState b : states) {
      files.put("beam-" + b.id() + ".state", b.staged() != null ? new Entry(null, b.staged())
          : new Entry(out -> ModelStateCodec.write(b.state(), out), null));
    }
    ObjectNode fields = JSON.createObjectNode();
    ArrayNode beams = fields.putArray("beams");
    states.forEach(b -> beams.add(b.id()));
    writeEntries(Kind.SEARCH, epoch, configTree(config), fields, files);
    dropStaged(states);
  }

  /**
   * Writes the checkpoint of {@code kind} after {@code step} into {@code DIR/<step>-NNNN/}, retrying
   * a failed attempt: each file of {@code files}, then the manifest with the format version, the
   * kind, the step, {@code config} (compared field by field on resume), the other {@code fields},
   * and each file's size and CRC32C; then {@code LATEST} names it and all but the two newest steps
   * are removed.
   *
   * @param kind   the run kind
   * @param step   the step completed (its directory's number)
   * @param config the configuration a resume must match
   * @param fields the run kind's own manifest fields (not {@code formatVersion}, {@code kind}, the
   *               step's name, {@code config}, {@code files} or {@code checksum})
   * @param files  the files, by name, written in this order
   * @throws SearchFailedException when every attempt failed: names the cause and the file, and that
   *                               the previous checkpoint is intact
   */
  public void write(Kind kind, int step, ObjectNode config, ObjectNode fields, Map<String, Body> files) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    files.forEach((n, b) -> entries.put(n, new Entry(b, null)));
    writeEntries(kind, step, config, fields, entries);
  }

  /** One file of a checkpoint: written from {@code body}, or linked from a worker's {@code staged} file. */
  private record Entry(Body body, StagedState staged) {
  }

  private void writeEntries(Kind kind, int step, ObjectNode config, ObjectNode fields, Map<String, Entry> files) {
    String name = kind.dirName(step);
    long start = System.nanoTime();
    Duration wait = retry.backoff();
    for (int attempt = 1; ; attempt++) {
      Path[] current = {dir};
      try {
        writeOnce(kind, step, name, config, fields, files, current);
        return;
      } catch (IOException e) {
        String what = OutputFiles.cause(e) + " writing " + current[0];
        try {
          removeStaleTemporaries();
        } catch (IOException ignored) {
          // the next attempt or the next run removes them
        }
        long elapsed = System.nanoTime() - start;
        if (attempt >= retry.attempts() || elapsed + wait.toNanos() > retry.deadline().toNanos()) {
          throw new SearchFailedException("--checkpoint-dir: " + what + "; " + kind.step() + " " + step
              + " is not saved; " + intact(), e);
        }
        notes.accept("alr: checkpoint of " + kind.step() + " " + step + ": " + what + "; retrying in "
            + wait.toMillis() + " ms");
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
    }
  }

  private String intact() {
    try {
      String latest = Files.readString(dir.resolve("LATEST"), StandardCharsets.UTF_8).trim();
      return "the previous checkpoint " + dir.resolve(latest) + " is intact (--resume continues from it)";
    } catch (IOException e) {
      return "no earlier checkpoint exists";
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SearchFailedException("interrupted while retrying a checkpoint write", e);
    }
  }

  /** Removes staged files of beams not in {@code kept}; a failure only leaves a file for the next run to remove. */
  private void dropStaged(List<BeamState> kept) {
    Path staged = dir.resolve(STAGED);
    if (!Files.isDirectory(staged)) {
      return;
    }
    java.util.Set<String> keep = new java.util.HashSet<>();
    kept.forEach(b -> keep.add("beam-" + b.id() + ".state"));
    try (Stream<Path> s = Files.list(staged)) {
      for (Path p : s.filter(p -> !keep.contains(p.getFileName().toString())).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      notes.accept("alr: could not remove staged states in " + staged + ": " + OutputFiles.cause(e));
    }
  }

  /** Links (or, without hard links, copies) a staged state file into {@code to}, checking its size. */
  private static void linkStaged(StagedState s, Path to) throws IOException {
    long size = Long.parseLong(s.sum().substring(0, s.sum().indexOf(':')));
    if (!Files.isRegularFile(s.file()) || Files.size(s.file()) != size) {
      throw new IOException("the staged state " + s.file() + " is missing or not " + size + " bytes");
    }
    try {
      Files.createLink(to, s.file());
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      if (e instanceof java.nio.file.FileAlreadyExistsException) {
        throw (java.nio.file.FileAlreadyExistsException) e;
      }
      Files.copy(s.file(), to);
    }
  }

  private void writeOnce(Kind kind, int step, String name, ObjectNode config, ObjectNode fields,
                         Map<String, Entry> bodies, Path[] current) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempDirectory(dir, ".tmp-" + name + "-");
    Path target = dir.resolve(name);
    Map<String, String> sums = new LinkedHashMap<>();
    for (Map.Entry<String, Entry> e : bodies.entrySet()) {
      current[0] = target.resolve(e.getKey());
      StagedState staged = e.getValue().staged();
      if (staged != null) {
        linkStaged(staged, tmp.resolve(e.getKey()));
        sums.put(e.getKey(), staged.sum());
      } else {
        sums.put(e.getKey(), writeFile(tmp.resolve(e.getKey()), e.getValue().body()));
      }
    }
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("formatVersion", FORMAT_VERSION);
    manifest.put("kind", kind.name());
    manifest.put(kind.step(), step);
    manifest.set("config", config);
    manifest.setAll(fields);
    ObjectNode files = manifest.putObject("files");
    sums.forEach(files::put);
    manifest.put("checksum", checksumOf(manifest));
    current[0] = target.resolve(MANIFEST);
    try (OutputStream out = sink.create(tmp.resolve(MANIFEST))) {
      out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    }
    current[0] = target;
    OutputFiles.deleteTree(target);
    OutputFiles.move(tmp, target);
    current[0] = dir.resolve("LATEST");
    OutputFiles.write(dir.resolve("LATEST"), (name + "\n").getBytes(StandardCharsets.UTF_8));
    current[0] = dir;
    prune(name);
  }

  /** Writes one file through the sink; returns "size:crc32c". */
  private String writeFile(Path file, Body body) throws IOException {
    try (OutputStream raw = sink.create(file)) {
      return summed(raw, body);
    }
  }

  /** Writes {@code body} to {@code raw} (not closing it); returns "size:crc32c" of what was written. */
  private static String summed(OutputStream raw, Body body) throws IOException {
    CRC32C crc = new CRC32C();
    long[] size = {0};
    OutputStream summing = new FilterOutputStream(raw) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        crc.update(b);
        size[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        crc.update(b, off, len);
        size[0] += len;
      }

      @Override
      public void close() {
        // the caller closes the underlying stream
      }
    };
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(summing, 1 << 16));
    body.write(data);
    data.flush();
    return size[0] + ":" + Long.toHexString(crc.getValue());
  }

  /** CRC32C of the manifest's compact JSON without its {@code checksum} field. */
  static String checksumOf(ObjectNode manifest) {
    ObjectNode body = manifest.deepCopy();
    body.remove("checksum");
    CRC32C crc = new CRC32C();
    crc.update(body.toString().getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  /**
   * The fields of {@code config} a checkpoint must match, as JSON: the workload's and the
   * strategy's fields (with the strategy's {@code type}), {@code lr} and {@code epochs}. A part
   * Jackson cannot bind is kept as its {@code toString()}.
   */
  static ObjectNode configTree(SearchConfig config) {
    ObjectNode n = JSON.createObjectNode();
    n.set("workload", tree(config.workload()));
    JsonNode strategy = tree(config.strategy());
    if (strategy instanceof ObjectNode o) {
      ObjectNode typed = JSON.createObjectNode().put("type", config.strategy().name());
      typed.setAll(o);
      strategy = typed;
    }
    n.set("strategy", strategy);
    n.put("lr", config.lr());
    n.put("epochs", config.epochs());
    return n;
  }

  private static JsonNode tree(Object value) {
    try {
      return JSON.valueToTree(value);
    } catch (IllegalArgumentException e) {
      return TextNode.valueOf(String.valueOf(value));
    }
  }

  /** A checkpoint file that fails its checks; the next older epoch may be intact. */
  private static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;

    Corrupt(Path file, String why) {
      super(file + " is corrupt (" + why + ")");
    }
  }

  /**
   * Reads the newest intact checkpoint and checks that it was written for {@code config}: the one
   * {@code LATEST} names or, when that one is corrupt, the previous epoch (saying so).
   *
   * @throws SearchException naming the directory or file when none is intact, or the checkpoint
   *                         was written by another format or configuration
   */
  public Checkpoint readLatest(SearchConfig config) {
    return latest(name -> readEpoch(config, name));
  }

  /**
   * Reads the newest intact checkpoint of {@code kind} and checks that it was written for
   * {@code config} (field by field, every field must match): the one {@code LATEST} names or,
   * when that one is corrupt, the previous step (saying so). Every file the manifest lists is
   * verified against its size and CRC32C.
   *
   * @throws SearchException naming the directory or file when none is intact, or the checkpoint
   *                         was written by another format, run kind or configuration
   */
  public Stored readLatest(Kind kind, ObjectNode config) {
    return latest(name -> {
      Stored s = readStep(kind, name);
      String diff = differences(s.manifest().path("config"), config);
      if (!diff.isEmpty()) {
        throw new SearchException("--resume: checkpoint " + s.dir() + " was written for another configuration: "
            + diff);
      }
      return s;
    });
  }

  /** Reads one step's directory by name; {@link Corrupt} lets the next older step be tried. */
  @FunctionalInterface
  private interface StepReader<T> {
    T read(String name) throws Corrupt;
  }

  private <T> T latest(StepReader<T> reader) {
    Path latest = dir.resolve("LATEST");
    List<String> order = new ArrayList<>();
    String problem = null;
    try {
      String name = Files.readString(latest, StandardCharsets.UTF_8).trim();
      if (STEP_DIR.matcher(name).matches()) {
        order.add(name);
      } else {
        problem = latest + " is corrupt (expected a step such as epoch-NNNN, found '" + abbreviate(name) + "')";
      }
    } catch (NoSuchFileException e) {
      problem = "no checkpoint in " + dir + " (" + latest + " is missing)";
    } catch (IOException e) {
      problem = "cannot read " + latest + ": " + OutputFiles.cause(e);
    }
    List<String> all;
    try {
      all = stepNames();
    } catch (IOException e) {
      throw new SearchException("--resume: cannot list " + dir + ": " + OutputFiles.cause(e));
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      if (!order.contains(all.get(i))) {
        order.add(all.get(i));
      }
    }
    for (String name : order) {
      try {
        T cp = reader.read(name);
        if (problem != null) {
          notes.accept("alr: --resume: " + problem + "; resuming from " + dir.resolve(name) + " instead");
        }
        return cp;
      } catch (Corrupt c) {
        if (problem == null) {
          problem = c.getMessage();
        }
      }
    }
    throw new SearchException("--resume: " + problem + (order.size() > 1 ? "; no older checkpoint is intact" : ""));
  }

  /**
   * Reads and checks one step's manifest (format, checksum, kind, step) and verifies every file
   * it lists.
   *
   * @throws SearchException when the step was written by another format or run kind
   */
  private Stored readStep(Kind kind, String name) throws Corrupt {
    Path cp = dir.resolve(name);
    Path manifestFile = cp.resolve(MANIFEST);
    if (!Files.exists(manifestFile) && Files.exists(cp.resolve(OLD_MANIFEST))) {
      throw new SearchException("--resume: " + cp + " is checkpoint format 2, from an older alr; this build reads "
          + "format " + FORMAT_VERSION + ": rerun without --resume, or with --overwrite to replace it");
    }
    ObjectNode manifest;
    try {
      if (!Files.isRegularFile(manifestFile)) {
        throw new Corrupt(manifestFile, "missing");
      }
      if (Files.size(manifestFile) > MAX_MANIFEST_BYTES) {
        throw new Corrupt(manifestFile, "larger than " + MAX_MANIFEST_BYTES + " bytes");
      }
      JsonNode read = JSON.readTree(Files.readAllBytes(manifestFile));
      if (!(read instanceof ObjectNode o)) {
        throw new Corrupt(manifestFile, "not a JSON object");
      }
      manifest = o;
    } catch (IOException e) {
      throw new Corrupt(manifestFile, "unreadable: " + e.getMessage());
    }
    JsonNode version = manifest.path("formatVersion");
    if (!version.isInt() || version.asInt() != FORMAT_VERSION) {
      throw new SearchException("--resume: " + manifestFile + " has checkpoint format " + version
          + "; this build reads " + FORMAT_VERSION + ": rerun without --resume, or with --overwrite to replace it");
    }
    if (!checksumOf(manifest).equals(manifest.path("checksum").asText())) {
      throw new Corrupt(manifestFile, "checksum mismatch");
    }
    refuseOtherKind(kind, cp, manifest);
    JsonNode stepNode = manifest.path(kind.step());
    if (!stepNode.isInt()) {
      throw new Corrupt(manifestFile, "no " + kind.step());
    }
    int step = stepNode.asInt();
    if (!name.equals(kind.dirName(step))) {
      throw new Corrupt(manifestFile, kind.step() + " " + step + " in " + name);
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    JsonNode sums = manifest.path("files");
    if (!sums.isObject()) {
      throw new Corrupt(manifestFile, "no files");
    }
    for (java.util.Iterator<String> it = sums.fieldNames(); it.hasNext(); ) {
      String file = it.next();
      if (!file.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new Corrupt(manifestFile, "file name '" + abbreviate(file) + "'");
      }
      try {
        files.put(file, verified(cp.resolve(file), sums.path(file).asText(null)));
      } catch (IOException e) {
        throw new Corrupt(cp.resolve(file), describe(e));
      }
    }
    return new Stored(cp, step, manifest, files);
  }

  private Checkpoint readEpoch(SearchConfig config, String name) throws Corrupt {
    Stored stored = readStep(Kind.SEARCH, name);
    Path cp = stored.dir();
    ObjectNode manifest = stored.manifest();
    Path manifestFile = cp.resolve(MANIFEST);
    JsonNode written = manifest.path("config");
    ObjectNode now = configTree(config);
    int configEpochs = written.path("epochs").asInt(config.epochs());
    String diff = differences(written, now);
    if (!diff.isEmpty()) {
      ObjectNode sameEpochs = now.deepCopy().put("epochs", configEpochs);
      boolean onlyEpochs = differences(written, sameEpochs).isEmpty();
      if (!onlyEpochs || config.epochs() < configEpochs) {
        throw new SearchException("--resume: checkpoint " + cp + " was written for another configuration: " + diff
            + (onlyEpochs ? " (--resume --epochs N extends a run to more epochs, never fewer)" : ""));
      }
    }
    JsonNode beamsNode = manifest.path("beams");
    if (!beamsNode.isArray()) {
      throw new Corrupt(manifestFile, "epoch or beams");
    }
    int epoch = stored.step();
    List<Integer> beams = new ArrayList<>();
    for (JsonNode b : beamsNode) {
      if (!b.isInt()) {
        throw new Corrupt(manifestFile, "epoch or beams");
      }
      beams.add(b.asInt());
    }
    List<RoundLog> rounds;
    Path roundsFile = cp.resolve("rounds.bin");
    try {
      rounds = readRounds(ByteBuffer.wrap(present(stored, roundsFile)));
    } catch (IOException | BufferUnderflowException e) {
      throw new Corrupt(roundsFile, describe(e));
    }
    Map<Integer, ModelState> states = new LinkedHashMap<>();
    for (int id : beams) {
      Path f = cp.resolve("beam-" + id + ".state");
      try {
        states.put(id, ModelStateCodec.read(ByteBuffer.wrap(present(stored, f))));
      } catch (IOException e) {
        throw new Corrupt(f, describe(e));
      }
    }
    return new Checkpoint(epoch, rounds, states, configEpochs);
  }

  /** The verified bytes of {@code file}, which the manifest must list. */
  private static byte[] present(Stored stored, Path file) throws IOException {
    byte[] bytes = stored.files().get(file.getFileName().toString());
    if (bytes == null) {
      throw new IOException("the manifest holds no checksum for it");
    }
    return bytes;
  }

  /**
   * The fields that differ between two configurations as written by {@link #configTree}, e.g.
   * {@code "epochs: checkpoint 2, now 3"}; nested fields by dotted name
   * ({@code "strategy.search.beams: checkpoint 2, now 3"}); empty when they match.
   */
  static String differences(JsonNode was, JsonNode now) {
    Map<String, String> a = new LinkedHashMap<>();
    Map<String, String> b = new LinkedHashMap<>();
    flatten("", was, a);
    flatten("", now, b);
    List<String> diffs = new ArrayList<>();
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      if (!java.util.Objects.equals(a.get(k), b.get(k))) {
        diffs.add(k + ": checkpoint " + a.getOrDefault(k, "(none)") + ", now " + b.getOrDefault(k, "(none)"));
      }
    }
    return String.join("; ", diffs);
  }

  /** Objects into dotted keys; any other value as its text (arrays as JSON). */
  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(prefix + e.getKey() + ".", e.getValue(), out));
    } else {
      out.put(prefix.isEmpty() ? "config" : prefix.substring(0, prefix.length() - 1),
          node.isValueNode() ? node.asText() : node.toString());
    }
  }

  /** The file's bytes after checking its size and CRC32C against the manifest's "size:crc". */
  private static byte[] verified(Path file, String sum) throws IOException {
    if (sum == null || !sum.matches("\\d{1,19}:[0-9a-f]{1,8}")) {
      throw new IOException("the manifest holds no checksum for it");
    }
    long size = Long.parseLong(sum.substring(0, sum.indexOf(':')));
    if (!Files.isRegularFile(file)) {
      throw new IOException("missing");
    }
    long actual = Files.size(file);
    if (actual != size) {
      throw new IOException(actual < size ? "truncated: " + actual + " of " + size + " bytes"
          : actual + " bytes, the manifest says " + size);
    }
    byte[] bytes = Files.readAllBytes(file);
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    if (!Long.toHexString(crc.getValue()).equals(sum.substring(sum.indexOf(':') + 1))) {
      throw new IOException("checksum mismatch");
    }
    return bytes;
  }

  private static String describe(Exception e) {
    return e instanceof EOFException || e instanceof BufferUnderflowException ? "truncated"
        : String.valueOf(e.getMessage());
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  /** Names of the step directories (epochs, cycles), oldest first. */
  private List<String> stepNames() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> STEP_DIR.matcher(n).matches())
          .sorted(Comparator.comparingLong(CheckpointStore::stepOf))
          .toList();
    }
  }

  private static long stepOf(String name) {
    Matcher m = STEP_DIR.matcher(name);
    return m.matches() ? Long.parseLong(m.group(2)) : -1;
  }

  private static void writeRounds(List<RoundLog> rounds, DataOutputStream out) throws IOException {
    out.writeInt(ROUNDS_MAGIC);
    out.writeInt(rounds.size());
    for (RoundLog r : rounds) {
      out.writeDouble(r.seconds());
      out.writeBoolean(r.test() != null);
      if (r.test() != null) {
        out.writeDouble(r.test().loss());
        out.writeDouble(r.test().accuracy());
        out.writeInt(r.test().samples());
      }
      out.writeInt(r.results().size());
      for (CandidateResult c : r.results()) {
        out.writeInt(c.candidateId());
        out.writeDouble(c.trainLoss());
        out.writeDouble(c.valLoss());
        out.writeDouble(c.endLr());
        out.writeDouble(c.seconds());
        out.writeUTF(c.worker());
        out.writeLong(c.sampleGradients());
        out.writeLong(c.probeForwards());
        out.writeLong(c.bytesCopied());
      }
    }
  }

  /** Parses a round log; every count is checked against the bytes left before anything is allocated. */
  static List<RoundLog> readRounds(ByteBuffer b) throws IOException {
    if (b.getInt() != ROUNDS_MAGIC) {
      throw new IOException("bad magic number");
    }
    int n = count(b, MIN_ROUND_BYTES);
    List<RoundLog> rounds = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double seconds = b.getDouble();
      byte flag = b.get();
      if (flag != 0 && flag != 1) {
        throw new IOException("bad test flag " + flag);
      }
      Evaluation test = flag == 1 ? new Evaluation(b.getDouble(), b.getDouble(), b.getInt()) : null;
      int k = count(b, MIN_RESULT_BYTES);
      List<CandidateResult> results = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        results.add(new CandidateResult(b.getInt(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(),
            utf(b), b.getLong(), b.getLong(), b.getLong()));
      }
      rounds.add(new RoundLog(results, seconds, test));
    }
    if (b.hasRemaining()) {
      throw new IOException(b.remaining() + " bytes after the last round");
    }
    return rounds;
  }

  private static int count(ByteBuffer b, int minBytesEach) throws IOException {
    int n = b.getInt();
    if (n < 0 || (long) n * minBytesEach > b.remaining()) {
      throw new IOException("count " + n + " does not fit in the " + b.remaining() + " bytes left");
    }
    return n;
  }

  private static String utf(ByteBuffer b) throws IOException {
    int len = b.getShort() & 0xFFFF;
    if (len > b.remaining()) {
      throw new EOFException();
    }
    byte[] bytes = new byte[len + 2];
    b.position(b.position() - 2);
    b.get(bytes);
    return new DataInputStream(new ByteArrayInputStream(bytes)).readUTF();
  }

  private void prune(String newest) throws IOException {
    List<String> all = stepNames();
    for (int i = 0; i < all.size() - KEEP; i++) {
      if (!all.get(i).equals(newest)) {
        OutputFiles.deleteTree(dir.resolve(all.get(i)));
      }
    }
  }
}
