package dev.alr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that a reader never sees half of one: a temp file beside it, then a rename. Stateless. */
public final class AtomicFiles {
  private AtomicFiles() {
  }

  /** Writes {@code text} to {@code target} atomically, creating parent directories. */
  public static void write(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code target} atomically, creating parent directories. */
  public static void write(Path target, byte[] bytes) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try {
        Files.write(tmp, bytes);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Checks early that {@code target}'s directory can be written, so a run does not fail at its end. */
  public static void checkWritable(Path target, String flag) {
    Path dir = target.toAbsolutePath().getParent();
    if (Files.exists(dir) && !Files.isWritable(dir)) {
      throw new IllegalArgumentException(flag + ": cannot write to directory " + dir);
    }
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException(flag + ": " + target + " is a directory; give a file name");
    }
  }
}
