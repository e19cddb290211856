package dev.alr.engine;

/**
 * A search could not run or continue: bad checkpoint, missing data, lost workers. The message is
 * one line that names the input at fault and what is allowed.
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
