package dev.alr.cli;

import dev.alr.engine.SearchFailedException;

/** A run that started but did not complete (e.g. diverged): exit code 1, not 2. */
final class RunFailedException extends SearchFailedException {
  private static final long serialVersionUID = 1L;

  RunFailedException(String message) {
    super(message);
  }
}
