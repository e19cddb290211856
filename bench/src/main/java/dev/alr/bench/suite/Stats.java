package dev.alr.bench.suite;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The report's aggregation maths, as pure functions: mean and sample standard deviation, ranks
 * with ties (the REX paper's per-setting ranking), and the equal-compute epoch budget. The
 * statistics and ranks are Commons Math3's. Stateless and thread-safe.
 */
public final class Stats {
  /** Average ranks for ties; NaN (a non-finite score, negated) ranks last. */
  private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.MAXIMAL, TiesStrategy.AVERAGE);

  private Stats() {
  }

  /** Mean of the finite values; NaN when there are none. */
  public static double mean(List<Double> xs) {
    return new Mean().evaluate(finite(xs));
  }

  /** Sample standard deviation (n − 1) of the finite values; 0 for one value, NaN for none. */
  public static double std(List<Double> xs) {
    return new StandardDeviation(true).evaluate(finite(xs));
  }

  /**
   * Ranks of {@code scores}, 1 for the highest; tied scores share the mean of the ranks they
   * span (scores 0.9, 0.8, 0.8, 0.7 rank 1, 2.5, 2.5, 4). Non-finite scores rank last, tied.
   */
  public static double[] ranksDescending(double[] scores) {
    double[] negated = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      negated[i] = Double.isFinite(scores[i]) ? -scores[i] : Double.NaN;
    }
    return RANKING.rank(negated);
  }

  private static double[] finite(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
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
