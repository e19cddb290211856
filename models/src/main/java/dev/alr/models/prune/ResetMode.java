package dev.alr.models.prune;

import java.util.Locale;

/**
 * What the surviving weights are reset to after a prune step. Immutable, thread-safe.
 *
 * @param kind  the reset
 * @param epoch for {@link Kind#REWIND_EPOCH}: the epoch of cycle 0 whose weights are restored
 *              (1 = after the first epoch); 0 otherwise
 */
public record ResetMode(Kind kind, int epoch) {
  /** The kinds of reset. */
  public enum Kind {
    /** Back to the initial weights θ0 (lottery-ticket rewinding; the default). */
    REWIND_INIT,
    /** Back to the weights after epoch K of cycle 0 (late rewinding, Frankle et al.). */
    REWIND_EPOCH,
    /** Freshly initialised weights (a different initialisation than θ0). */
    REINIT,
    /** Keep the pruned weights (fine-tuning). */
    NONE
  }

  /** The default: rewind to θ0. */
  public static final ResetMode REWIND_INIT = new ResetMode(Kind.REWIND_INIT, 0);

  /** Checks that only {@code rewind-epoch} carries an epoch, and that it is at least 1. */
  public ResetMode {
    if (kind == null) {
      throw new IllegalArgumentException("reset kind is missing");
    }
    if (kind == Kind.REWIND_EPOCH ? epoch < 1 : epoch != 0) {
      throw new IllegalArgumentException("reset rewind-epoch needs an epoch ≥ 1, got " + epoch);
    }
  }

  /**
   * Parses {@code rewind-init}, {@code rewind-epoch K} (or {@code rewind-epoch:K}), {@code reinit}
   * or {@code none}.
   *
   * @throws IllegalArgumentException one line naming {@code reset} and the allowed values
   */
  public static ResetMode parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "rewind-init":
        return REWIND_INIT;
      case "reinit":
        return new ResetMode(Kind.REINIT, 0);
      case "none":
        return new ResetMode(Kind.NONE, 0);
      default:
        break;
    }
    String[] parts = t.split("[\\s:=]+");
    if (parts.length == 2 && parts[0].equals("rewind-epoch")) {
      try {
        return new ResetMode(Kind.REWIND_EPOCH, Integer.parseInt(parts[1]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("reset rewind-epoch needs an integer epoch, got '" + parts[1] + "'");
      }
    }
    throw new IllegalArgumentException("reset '" + text
        + "' is not one of rewind-init, rewind-epoch K, reinit, none");
  }

  /** The command-line form. */
  public String flagValue() {
    return switch (kind) {
      case REWIND_INIT -> "rewind-init";
      case REWIND_EPOCH -> "rewind-epoch " + epoch;
      case REINIT -> "reinit";
      case NONE -> "none";
    };
  }
}
