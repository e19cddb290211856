package dev.alr.cli;

import dev.alr.engine.Alr;
import dev.alr.engine.policy.LrRangeTest;
import java.util.Locale;

/**
 * The value of {@code --lr}: a start LR, or {@code auto[:START,END[,STEPS]]} for an LR range test
 * that chooses it ({@link LrRangeTest}; default range 1e-7 to 10 over 100 steps). Immutable.
 *
 * @param value the start LR, or NaN for auto
 * @param range the range test, or null for a given LR
 */
record LrArg(double value, LrRangeTest range) {

  /** Whether the start LR is chosen by a range test. */
  boolean auto() {
    return range != null;
  }

  /** {@code alr} with this start LR, or with the range test choosing it by {@code pick}. */
  Alr apply(Alr alr, LrRangeTest.Pick pick) {
    return auto() ? alr.lrAuto(range.withPick(pick)) : alr.lr(value);
  }

  /** How the start LR prints in a run's header line. */
  String describe(LrRangeTest.Pick pick) {
    return auto() ? String.format(Locale.ROOT, "auto (range test %s to %s, %d steps, %s)", Tables.lr(range.start()),
        Tables.lr(range.end()), range.steps(), pick.name().toLowerCase(Locale.ROOT)) : Tables.lr(value);
  }

  /** Parses {@code --lr}; a bad value is one line naming the flag and what is allowed. */
  static LrArg parse(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("auto")) {
      return new LrArg(Double.NaN, LrRangeTest.defaults());
    }
    if (t.regionMatches(true, 0, "auto:", 0, 5)) {
      String[] parts = t.substring(5).split(",", -1);
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException("--lr: auto takes a range auto:START,END[,STEPS], got '" + text + "'");
      }
      double start = number(parts[0]);
      double end = number(parts[1]);
      if (!(start > 0) || Double.isInfinite(start)) {
        throw new IllegalArgumentException("--lr: the auto range start must be finite and > 0, got " + parts[0].trim());
      }
      if (!(end > start) || Double.isInfinite(end)) {
        throw new IllegalArgumentException("--lr: the auto range end must be finite and > its start " + parts[0].trim()
            + ", got " + parts[1].trim());
      }
      int steps = LrRangeTest.DEFAULT_STEPS;
      if (parts.length == 3) {
        try {
          steps = Integer.parseInt(parts[2].trim());
        } catch (NumberFormatException e) {
          steps = 0;
        }
        if (steps < 10) {
          throw new IllegalArgumentException("--lr: the auto range steps must be an integer >= 10, got "
              + parts[2].trim());
        }
      }
      return new LrArg(Double.NaN, LrRangeTest.defaults().withRange(start, end).withSteps(steps));
    }
    double lr = number(t);
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("--lr: must be finite and > 0, or auto[:START,END[,STEPS]], got " + text);
    }
    return new LrArg(lr, null);
  }

  private static double number(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--lr: must be a number > 0, or auto[:START,END[,STEPS]], got '" + s.trim()
          + "'");
    }
  }

  /** Parses {@code --lr-pick}; a bad value is one line naming the flag. */
  static LrRangeTest.Pick pick(String text) {
    try {
      return LrRangeTest.Pick.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--lr-pick: must be valley, steepest or minimum, got '" + text + "'");
    }
  }
}
