package dev.alr.models.data;

/**
 * A dataset could not be found or read. The message is one line that names the file (or the
 * paths tried) and the defect, so a command-line front end can print it as it is.
 *
 * <p>Immutable and thread-safe.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error whose message is {@code message}. */
  public DataException(String message) {
    super(message);
  }

  /** An error whose message is {@code message}, caused by {@code cause}. */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
