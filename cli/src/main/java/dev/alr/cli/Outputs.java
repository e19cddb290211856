package dev.alr.cli;

import dev.alr.engine.run.OutputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The command line's outputs ({@code --json}, {@code --checkpoint-dir}, bench {@code --out}, and
 * any later one): probed before training through {@link OutputFiles}, with the flag named in the
 * one-line error (bad input, exit 2); written at the end atomically, or saved in a temporary file
 * named in a one-line error (exit 1). Stateless.
 */
final class Outputs {
  private Outputs() {
  }

  /** Refuses (exit 2) an output file that cannot be written, naming {@code flag} and the cause. */
  static void probeFile(String flag, Path file) {
    try {
      OutputFiles.probeFile(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(flag + " " + file + ": " + e.getMessage());
    }
  }

  /** Refuses (exit 2) an output directory in which files cannot be written, naming {@code flag} and the cause. */
  static void probeDirectory(String flag, Path dir) {
    try {
      OutputFiles.probeDirectory(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException(flag + " " + dir + ": " + e.getMessage());
    }
  }

  /** Writes {@code text} to {@code file} atomically; on failure saves it elsewhere and fails the run (exit 1). */
  static void write(String flag, Path file, String text) {
    try {
      OutputFiles.writeOrRescue(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (OutputFiles.UnsavedException e) {
      throw new RunFailedException(flag + ": " + e.getMessage());
    }
  }
}
