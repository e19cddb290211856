package dev.alr.engine;

/**
 * A search that started failed at run time (an output could not be written, workers were lost):
 * the command line exits with code 1, not the bad-input code 2. The message is one line that
 * names the cause and what is kept (e.g. the last intact checkpoint).
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
