package dev.alr.bench.suite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report's aggregation maths, as pure functions: mean and sample standard deviation, ranks
 * with ties (the REX paper's per-setting ranking), and the equal-compute epoch budget. Stateless
 * and thread-safe.
 */
public final class Stats {
  private Stats() {
  }

  /** Mean of the finite values; NaN when there are none. */
  public static double mean(List<Double> xs) {
    double sum = 0;
    int n = 0;
    for (double x : xs) {
      if (Double.isFinite(x)) {
        sum += x;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Sample standard deviation (n − 1) of the finite values; 0 for one value, NaN for none. */
  public static double std(List<Double> xs) {
    List<Double> f = xs.stream().filter(Double::isFinite).toList();
    if (f.isEmpty()) {
      return Double.NaN;
    }
    if (f.size() == 1) {
      return 0;
    }
    double m = mean(f);
    double ss = 0;
    for (double x : f) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (f.size() - 1));
  }

  /**
   * Ranks of {@code scores}, 1 for the highest; tied scores share the mean of the ranks they
   * span (scores 0.9, 0.8, 0.8, 0.7 rank 1, 2.5, 2.5, 4). Non-finite scores rank last, tied.
   */
  public static double[] ranksDescending(double[] scores) {
    int n = scores.length;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> Double.isFinite(scores[i]) ? -scores[i]
        : Double.POSITIVE_INFINITY));
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && same(scores[order.get(j + 1)], scores[order.get(i)])) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order.get(k)] = rank;
      }
      i = j + 1;
    }
    return ranks;
  }

  private static boolean same(double a, double b) {
    return Double.isFinite(a) ? a == b : !Double.isFinite(b);
  }

  /**
   * Epochs a fixed schedule trains to spend as many sample-gradients as a search that spent
   * {@code sampleGradients}, at {@code samplesPerEpoch} per epoch: rounded up, at least 1.
   * ALR with M = 2 beams and N = 3 factors over E epochs spends 3 + 6(E − 1) epochs' worth.
   */
  public static int equalComputeEpochs(long sampleGradients, long samplesPerEpoch) {
    if (samplesPerEpoch < 1) {
      throw new IllegalArgumentException("samplesPerEpoch must be >= 1, got " + samplesPerEpoch);
    }
    return (int) Math.max(1, (sampleGradients + samplesPerEpoch - 1) / samplesPerEpoch);
  }
}
