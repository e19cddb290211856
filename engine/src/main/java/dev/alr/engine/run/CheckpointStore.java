package dev.alr.engine.run;

import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Per-epoch checkpoints under one directory: {@code DIR/epoch-NNNN/} holds the beams' model
 * states, the round log that replays the policy (its whole state: every random choice derives
 * from the seed, so there is no RNG state to save) and the configuration fingerprint. Each is
 * written to a temporary directory and renamed; the {@code LATEST} pointer is replaced
 * atomically; the two newest checkpoints are kept.
 *
 * <p>Not thread-safe: one coordinator writes a directory.
 */
public final class CheckpointStore {
  /** Version of the checkpoint layout. */
  public static final int FORMAT_VERSION = 1;
  private static final int KEEP = 2;
  private static final int ROUNDS_MAGIC = 0x414C5252;

  private final Path dir;

  public CheckpointStore(Path dir) {
    this.dir = dir;
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
   */
  public record Checkpoint(int epoch, List<RoundLog> rounds, Map<Integer, ModelState> states) {
  }

  /** Writes the checkpoint after {@code epoch} completed epochs. */
  public void write(SearchConfig config, int epoch, List<RoundLog> rounds, Map<Integer, ModelState> states) {
    String name = String.format("epoch-%04d", epoch);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempDirectory(dir, ".tmp-" + name + "-");
      Properties manifest = new Properties();
      manifest.setProperty("formatVersion", Integer.toString(FORMAT_VERSION));
      manifest.setProperty("fingerprint", config.fingerprint());
      manifest.setProperty("epoch", Integer.toString(epoch));
      manifest.setProperty("beams", String.join(",", states.keySet().stream().map(String::valueOf).toList()));
      try (OutputStream out = Files.newOutputStream(tmp.resolve("manifest.properties"))) {
        manifest.store(out, "alr checkpoint");
      }
      try (DataOutputStream out = data(Files.newOutputStream(tmp.resolve("rounds.bin")))) {
        writeRounds(rounds, out);
      }
      for (Map.Entry<Integer, ModelState> e : states.entrySet()) {
        try (DataOutputStream out = data(Files.newOutputStream(tmp.resolve("beam-" + e.getKey() + ".state")))) {
          ModelStateCodec.write(e.getValue(), out);
        }
      }
      Path target = dir.resolve(name);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      move(tmp, target);
      Path latestTmp = dir.resolve(".LATEST.tmp");
      Files.writeString(latestTmp, name + "\n", StandardCharsets.UTF_8);
      move(latestTmp, dir.resolve("LATEST"));
      prune(name);
    } catch (IOException e) {
      throw new SearchException("--checkpoint-dir: cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the latest checkpoint and checks that it was written for {@code config}.
   *
   * @throws SearchException naming the directory or file when it is missing, corrupt or mismatched
   */
  public Checkpoint readLatest(SearchConfig config) {
    Path latest = dir.resolve("LATEST");
    String name;
    try {
      name = Files.readString(latest, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      throw new SearchException("--resume: no checkpoint in " + dir + " (" + latest + " is missing)");
    } catch (IOException e) {
      throw new SearchException("--resume: cannot read " + latest + ": " + e.getMessage());
    }
    if (!name.matches("epoch-\\d{4,}")) {
      throw new SearchException("--resume: " + latest + " is corrupt (expected epoch-NNNN, found '" + name + "')");
    }
    Path cp = dir.resolve(name);
    Properties manifest = new Properties();
    Path manifestFile = cp.resolve("manifest.properties");
    try (InputStream in = Files.newInputStream(manifestFile)) {
      manifest.load(in);
    } catch (IOException e) {
      throw new SearchException("--resume: cannot read " + manifestFile + ": " + e.getMessage());
    }
    String version = manifest.getProperty("formatVersion", "?");
    if (!Integer.toString(FORMAT_VERSION).equals(version)) {
      throw new SearchException("--resume: " + manifestFile + " has checkpoint format " + version + "; this build reads "
          + FORMAT_VERSION);
    }
    String fingerprint = manifest.getProperty("fingerprint", "");
    if (!fingerprint.equals(config.fingerprint())) {
      throw new SearchException("--resume: checkpoint " + cp + " was written for another configuration: "
          + fingerprint + " (now: " + config.fingerprint() + ")");
    }
    int epoch;
    List<Integer> beams = new ArrayList<>();
    try {
      epoch = Integer.parseInt(manifest.getProperty("epoch"));
      String b = manifest.getProperty("beams", "");
      for (String s : b.isEmpty() ? new String[0] : b.split(",")) {
        beams.add(Integer.parseInt(s));
      }
    } catch (NumberFormatException | NullPointerException e) {
      throw new SearchException("--resume: " + manifestFile + " is corrupt (epoch or beams)");
    }
    Path roundsFile = cp.resolve("rounds.bin");
    List<RoundLog> rounds;
    try (DataInputStream in = data(Files.newInputStream(roundsFile))) {
      rounds = readRounds(in);
    } catch (IOException e) {
      throw new SearchException("--resume: " + roundsFile + " is corrupt: " + describe(e));
    }
    Map<Integer, ModelState> states = new LinkedHashMap<>();
    for (int id : beams) {
      Path f = cp.resolve("beam-" + id + ".state");
      try (DataInputStream in = data(Files.newInputStream(f))) {
        states.put(id, ModelStateCodec.read(in));
      } catch (IOException e) {
        throw new SearchException("--resume: " + f + " is corrupt or missing: " + describe(e));
      }
    }
    return new Checkpoint(epoch, rounds, states);
  }

  private static String describe(IOException e) {
    return e instanceof EOFException ? "truncated" : String.valueOf(e.getMessage());
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

  private static List<RoundLog> readRounds(DataInputStream in) throws IOException {
    if (in.readInt() != ROUNDS_MAGIC) {
      throw new IOException("bad magic number");
    }
    int n = in.readInt();
    List<RoundLog> rounds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double seconds = in.readDouble();
      Evaluation test = in.readBoolean() ? new Evaluation(in.readDouble(), in.readDouble(), in.readInt()) : null;
      int k = in.readInt();
      List<CandidateResult> results = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        results.add(new CandidateResult(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
            in.readDouble(), in.readUTF(), in.readLong(), in.readLong(), in.readLong()));
      }
      rounds.add(new RoundLog(results, seconds, test));
    }
    return rounds;
  }

  private void prune(String newest) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.list(dir)) {
      all = s.filter(p -> p.getFileName().toString().matches("epoch-\\d{4,}"))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
    for (int i = 0; i < all.size() - KEEP; i++) {
      if (!all.get(i).getFileName().toString().equals(newest)) {
        deleteTree(all.get(i));
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  private static DataOutputStream data(OutputStream out) {
    return new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
  }

  private static DataInputStream data(InputStream in) {
    return new DataInputStream(new BufferedInputStream(in, 1 << 16));
  }
}
