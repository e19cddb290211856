package dev.alr.engine;

/**
 * A search that started failed at run time — workers lost beyond recovery, no progress within the
 * stall deadline, a checkpoint that could not be written, an executor that stopped — as opposed
 * to its superclass's bad input (a configuration, data or checkpoint refused before training).
 * The CLI exits 1 for this type and 2 for other {@link SearchException}s. The message is one line;
 * the last checkpoint written, if any, stays resumable.
 */
public class SearchFailedException extends SearchException {
  private static final long serialVersionUID = 1L;

  public SearchFailedException(String message) {
    super(message);
  }

  public SearchFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
