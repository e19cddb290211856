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
  private static final Pattern EPOCH_DIR = Pattern.compile("epoch-(\\d{4,})");
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
    Path dir = options.checkpointDir();
    if (dir == null) {
      return;
    }
    CheckpointStore store = new CheckpointStore(dir);
    store.refuseMissing(options.resume());
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

  /** Whether a run must not start here: not resuming, not overwriting, and a checkpoint is present. */
  private List<String> refuseExisting(boolean resume, boolean overwrite) throws IOException {
    List<String> held = epochNames();
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
      if (!resume && overwrite && (!epochNames().isEmpty() || Files.exists(dir.resolve("LATEST")))) {
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
        return n.startsWith(".tmp-epoch-") || n.startsWith(".LATEST.") || (n.startsWith(".lock-") && n.endsWith(".tmp"));
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
    String name = epochName(epoch);
    long start = System.nanoTime();
    Duration wait = retry.backoff();
    for (int attempt = 1; ; attempt++) {
      Path[] current = {dir};
      try {
        writeOnce(config, epoch, name, rounds, states, current);
        dropStaged(states);
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
          throw new SearchFailedException("--checkpoint-dir: " + what + "; epoch " + epoch + " is not saved; "
              + intact(), e);
        }
        notes.accept("alr: checkpoint of epoch " + epoch + ": " + what + "; retrying in " + wait.toMillis() + " ms");
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

  private void writeOnce(SearchConfig config, int epoch, String name, List<RoundLog> rounds,
                         List<BeamState> states, Path[] current) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempDirectory(dir, ".tmp-" + name + "-");
    Path target = dir.resolve(name);
    Map<String, String> sums = new LinkedHashMap<>();
    current[0] = target.resolve("rounds.bin");
    sums.put("rounds.bin", writeFile(tmp.resolve("rounds.bin"), out -> writeRounds(rounds, out)));
    for (BeamState b : states) {
      String file = "beam-" + b.id() + ".state";
      current[0] = target.resolve(file);
      if (b.staged() != null) {
        linkStaged(b.staged(), tmp.resolve(file));
        sums.put(file, b.staged().sum());
      } else {
        sums.put(file, writeFile(tmp.resolve(file), out -> ModelStateCodec.write(b.state(), out)));
      }
    }
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("formatVersion", FORMAT_VERSION);
    manifest.put("epoch", epoch);
    manifest.set("config", configTree(config));
    ArrayNode beams = manifest.putArray("beams");
    states.forEach(b -> beams.add(b.id()));
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

  private interface Body {
    void write(DataOutputStream out) throws IOException;
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
    Path latest = dir.resolve("LATEST");
    List<String> order = new ArrayList<>();
    String problem = null;
    try {
      String name = Files.readString(latest, StandardCharsets.UTF_8).trim();
      if (EPOCH_DIR.matcher(name).matches()) {
        order.add(name);
      } else {
        problem = latest + " is corrupt (expected epoch-NNNN, found '" + abbreviate(name) + "')";
      }
    } catch (NoSuchFileException e) {
      problem = "no checkpoint in " + dir + " (" + latest + " is missing)";
    } catch (IOException e) {
      problem = "cannot read " + latest + ": " + OutputFiles.cause(e);
    }
    List<String> all;
    try {
      all = epochNames();
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
        Checkpoint cp = readEpoch(config, name);
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

  private Checkpoint readEpoch(SearchConfig config, String name) throws Corrupt {
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
    JsonNode epochNode = manifest.path("epoch");
    JsonNode beamsNode = manifest.path("beams");
    if (!epochNode.isInt() || !beamsNode.isArray()) {
      throw new Corrupt(manifestFile, "epoch or beams");
    }
    int epoch = epochNode.asInt();
    List<Integer> beams = new ArrayList<>();
    for (JsonNode b : beamsNode) {
      if (!b.isInt()) {
        throw new Corrupt(manifestFile, "epoch or beams");
      }
      beams.add(b.asInt());
    }
    if (!name.equals(epochName(epoch))) {
      throw new Corrupt(manifestFile, "epoch " + epoch + " in " + name);
    }
    List<RoundLog> rounds;
    Path roundsFile = cp.resolve("rounds.bin");
    try {
      rounds = readRounds(ByteBuffer.wrap(verified(roundsFile, manifest.path("files").path("rounds.bin").asText(null))));
    } catch (IOException | BufferUnderflowException e) {
      throw new Corrupt(roundsFile, describe(e));
    }
    Map<Integer, ModelState> states = new LinkedHashMap<>();
    for (int id : beams) {
      Path f = cp.resolve("beam-" + id + ".state");
      try {
        states.put(id, ModelStateCodec.read(ByteBuffer.wrap(verified(f, manifest.path("files").path("beam-" + id + ".state").asText(null)))));
      } catch (IOException e) {
        throw new Corrupt(f, describe(e));
      }
    }
    return new Checkpoint(epoch, rounds, states, configEpochs);
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

  private static String epochName(int epoch) {
    return String.format("epoch-%04d", epoch);
  }

  /** Names of the epoch directories, oldest first. */
  private List<String> epochNames() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> EPOCH_DIR.matcher(n).matches())
          .sorted(Comparator.comparingLong(CheckpointStore::epochOf))
          .toList();
    }
  }

  private static long epochOf(String name) {
    Matcher m = EPOCH_DIR.matcher(name);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
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
    List<String> all = epochNames();
    for (int i = 0; i < all.size() - KEEP; i++) {
      if (!all.get(i).equals(newest)) {
        OutputFiles.deleteTree(dir.resolve(all.get(i)));
      }
    }
  }
}
