package dev.alr.cli;

import dev.alr.engine.SearchException;

/** A run that started but did not complete (e.g. diverged): exit code 1, not 2. */
final class RunFailedException extends SearchException {
  private static final long serialVersionUID = 1L;

  RunFailedException(String message) {
    super(message);
  }
}
