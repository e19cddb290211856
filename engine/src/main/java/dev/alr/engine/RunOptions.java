package dev.alr.engine;

import java.nio.file.Path;

/**
 * How to run a search, beyond what it computes: checkpointing and resuming.
 *
 * @param checkpointDir directory for per-epoch checkpoints, or {@code null} for none
 * @param resume        continue from the latest checkpoint in {@code checkpointDir}
 */
public record RunOptions(Path checkpointDir, boolean resume) {

  /** Validates: resuming needs a checkpoint directory. */
  public RunOptions {
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume: needs --checkpoint-dir DIR");
    }
  }

  /** No checkpoints. */
  public static RunOptions none() {
    return new RunOptions(null, false);
  }
}
