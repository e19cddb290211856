package dev.alr.cli;

import dev.alr.engine.policy.FactorSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value of {@code --factors}: a fixed list ({@code 0.5,1,2}) or an adaptive span
 * ({@code adaptive}, {@code adaptive:BASE,CAP} or {@code adaptive:BASE,CAP,N}; defaults base 2,
 * cap 16, 3 factors). Parsed from picocli's comma-split parts. Immutable.
 *
 * @param fixed the fixed factors, or {@code null} when adaptive or not given
 * @param span  the adaptive span, or {@code null}
 */
record FactorsArg(List<Double> fixed, FactorSpan span) {
  private static final String ADAPTIVE = "adaptive";

  /** Parses the comma-split parts of {@code --factors}; {@code null} (not given) gives neither. */
  static FactorsArg parse(List<String> parts) {
    if (parts == null) {
      return new FactorsArg(null, null);
    }
    String first = parts.isEmpty() ? "" : parts.get(0).trim().toLowerCase(Locale.ROOT);
    if (first.equals(ADAPTIVE) || first.startsWith(ADAPTIVE + ":")) {
      return new FactorsArg(null, adaptive(first.substring(ADAPTIVE.length()), parts.subList(1, parts.size())));
    }
    List<Double> fixed = new ArrayList<>();
    for (String p : parts) {
      fixed.add(number("--factors", p, "each factor must be a number, e.g. 0.5,1,2 (or adaptive[:BASE,CAP[,N]])"));
    }
    return new FactorsArg(fixed, null);
  }

  /**
   * This value with the opening of {@code --opening} ({@code SPAN[,N]} or {@code none}, comma-split;
   * {@code null} when not given): only with an adaptive span.
   */
  FactorsArg withOpening(List<String> parts) {
    if (parts == null || parts.size() == 1 && parts.get(0).trim().equalsIgnoreCase("none")) {
      return this;
    }
    String usage = "takes SPAN[,N] (SPAN > 1, N odd >= 3, e.g. 1000,7) or none";
    if (span == null) {
      throw new IllegalArgumentException("--opening: applies to --strategy alr or alr-classic with adaptive factors "
          + "(--factors adaptive)");
    }
    if (parts.isEmpty() || parts.size() > 2) {
      throw new IllegalArgumentException("--opening: " + usage);
    }
    double open = number("--opening", parts.get(0), usage);
    int count = FactorSpan.DEFAULT_OPEN_COUNT;
    if (parts.size() == 2) {
      try {
        count = Integer.parseInt(parts.get(1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--opening: the factor count must be an odd integer >= 3, got '"
            + parts.get(1) + "'");
      }
    }
    if (!(open > 1) || Double.isInfinite(open)) {
      throw new IllegalArgumentException("--opening: SPAN must be a finite number > 1, got " + parts.get(0).trim());
    }
    if (count < 3 || count % 2 == 0) {
      throw new IllegalArgumentException("--opening: the factor count must be odd and >= 3, got " + count);
    }
    return new FactorsArg(null, new FactorSpan(span.base(), span.cap(), span.count(), open, count));
  }

  private static FactorSpan adaptive(String head, List<String> rest) {
    String usage = "adaptive takes adaptive[:BASE,CAP[,N]], e.g. adaptive:2,16";
    if (head.isEmpty()) {
      if (!rest.isEmpty()) {
        throw new IllegalArgumentException("--factors: " + usage);
      }
      return FactorSpan.defaults();
    }
    List<String> values = new ArrayList<>();
    values.add(head.substring(1));
    values.addAll(rest);
    if (values.size() < 2 || values.size() > 3) {
      throw new IllegalArgumentException("--factors: " + usage);
    }
    double base = number("--factors", values.get(0), usage);
    double cap = number("--factors", values.get(1), usage);
    int count = FactorSpan.DEFAULT_COUNT;
    if (values.size() == 3) {
      try {
        count = Integer.parseInt(values.get(2).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--factors: the adaptive factor count must be an odd integer >= 3, got '"
            + values.get(2) + "'");
      }
    }
    return new FactorSpan(base, cap, count);
  }

  private static double number(String flag, String s, String usage) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + ": " + usage + "; got '" + s + "'");
    }
  }
}
