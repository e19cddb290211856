package dev.alr.engine;

import java.nio.file.Path;

/**
 * How to run a search, beyond what it computes: checkpointing and resuming.
 *
 * @param checkpointDir directory for per-epoch checkpoints, or {@code null} for none
 * @param resume        continue from the latest checkpoint in {@code checkpointDir}
 * @param overwrite     replace a checkpoint already in {@code checkpointDir} (without it, and
 *                      without {@code resume}, such a directory is refused)
 */
public record RunOptions(Path checkpointDir, boolean resume, boolean overwrite) {

  /** Validates: resuming and overwriting need a checkpoint directory, and exclude each other. */
  public RunOptions {
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("resume: needs checkpointDir DIR");
    }
    if (overwrite && checkpointDir == null) {
      throw new IllegalArgumentException("overwrite: needs checkpointDir DIR");
    }
    if (overwrite && resume) {
      throw new IllegalArgumentException("overwrite: cannot be combined with resume");
    }
  }

  /** Options that do not overwrite an existing checkpoint. */
  public RunOptions(Path checkpointDir, boolean resume) {
    this(checkpointDir, resume, false);
  }

  /** No checkpoints. */
  public static RunOptions none() {
    return new RunOptions(null, false, false);
  }
}
