package dev.alr.engine;

/**
 * A search could not run: a bad configuration, missing data, a checkpoint that cannot be resumed.
 * The message is one line that names the input at fault and what is allowed. Failures after the
 * run started are the subclass {@link SearchFailedException}.
 */
public class SearchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SearchException(String message) {
    super(message);
  }

  public SearchException(String message, Throwable cause) {
    super(message, cause);
  }
}
