package dev.alr.engine.schedule;

/**
 * Log-spaced learning rates: the initial rates of a grid search's lines
 * ({@link dev.alr.engine.Strategies#grid}). ALR's beams do not use it; they start from the run's
 * single initial LR and multiply it by their factors.
 *
 * <p>Stateless and thread-safe.
 */
public final class Grid {
  private Grid() {
  }

  /**
   * {@code points} learning rates spaced evenly in log scale from {@code lo} to {@code hi}, in
   * increasing order, with both ends included exactly when {@code points >= 2}:
   * {@code lrs(1e-3, 1e-1, 3) = {1e-3, 1e-2, 1e-1}}.
   * With one point the result is the geometric centre {@code sqrt(lo * hi)} (which is
   * {@code lo} when {@code lo == hi}).
   *
   * @param lo     smallest rate, finite and &gt; 0
   * @param hi     largest rate, finite and &ge; lo
   * @param points number of rates, &ge; 1
   * @return a new array of {@code points} rates
   */
  public static double[] lrs(double lo, double hi, int points) {
    Require.positive("grid", "lo", lo);
    Require.in("grid", "hi", hi, lo, Double.MAX_VALUE, "[lo, +inf)");
    Require.atLeast("grid", "points", points, 1);
    if (points == 1) {
      return new double[] {lo == hi ? lo : Math.sqrt(lo) * Math.sqrt(hi)};
    }
    double logLo = Math.log(lo);
    double stride = (Math.log(hi) - logLo) / (points - 1);
    double[] lrs = new double[points];
    lrs[0] = lo;
    for (int i = 1; i < points - 1; i++) {
      lrs[i] = Math.exp(logLo + i * stride);
    }
    lrs[points - 1] = hi;
    return lrs;
  }
}
