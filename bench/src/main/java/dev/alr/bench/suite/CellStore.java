package dev.alr.bench.suite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alr.engine.run.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finished cells on disk: {@code DIR/cells/<key>.json}, one file per cell, written atomically as
 * soon as the cell finishes, so an interrupted suite loses at most the cells that were running.
 * Thread-safe: distinct cells write distinct files.
 */
public final class CellStore {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path dir;

  /** @param outDir the suite's output directory */
  public CellStore(Path outDir) {
    this.dir = outDir.resolve("cells");
  }

  /** Where cell files live. */
  public Path dir() {
    return dir;
  }

  /** Whether any cell has been stored. */
  public boolean isEmpty() {
    try (var s = Files.list(dir)) {
      return s.noneMatch(p -> p.getFileName().toString().endsWith(".json"));
    } catch (IOException e) {
      return true;
    }
  }

  /** The stored result of {@code c}, if it finished before. An unreadable file counts as not finished. */
  public Optional<CellResult> load(Cell c) {
    Path f = file(c);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      CellResult r = MAPPER.readValue(f.toFile(), CellResult.class);
      return r.cell().equals(c) ? Optional.of(r) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores a finished cell atomically. */
  public void save(CellResult r) {
    try {
      OutputFiles.write(file(r.cell()), MAPPER.writeValueAsBytes(r));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(r.cell()) + ": " + OutputFiles.cause(e), e);
    }
  }

  private Path file(Cell c) {
    return dir.resolve(c.key() + ".json");
  }
}
