package dev.alr.bench.suite;

import dev.alr.engine.run.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finished prune cells on disk: {@code DIR/cells/prune__<policy>__s<seed>.json} (the directory
 * {@link CellStore} uses, so one emptiness check guards both kinds of suite), written atomically as
 * soon as the cell finishes. A file whose cell (parameters included) differs from the one asked
 * for counts as not finished. Thread-safe: distinct cells write distinct files.
 */
public final class PruneCellStore {
  private final Path dir;

  /** @param outDir the suite's output directory */
  public PruneCellStore(Path outDir) {
    this.dir = new CellStore(outDir).dir();
  }

  /** Where cell files live. */
  public Path dir() {
    return dir;
  }

  /** The stored result of {@code c}, if it finished before with the same parameters. */
  public Optional<PruneCellResult> load(PruneCell c) {
    Path f = file(c);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      PruneCellResult r = CellStore.MAPPER.readValue(f.toFile(), PruneCellResult.class);
      return c.equals(r.cell()) ? Optional.of(r) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores a finished cell atomically (temp file, then rename). */
  public void save(PruneCellResult r) {
    try {
      OutputFiles.write(file(r.cell()), CellStore.MAPPER.writeValueAsBytes(r));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(r.cell()) + ": " + OutputFiles.cause(e), e);
    }
  }

  private Path file(PruneCell c) {
    return dir.resolve(c.key() + ".json");
  }
}
