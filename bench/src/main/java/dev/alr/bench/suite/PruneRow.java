package dev.alr.bench.suite;

import java.util.List;

/**
 * One row of {@code prune-results.csv} / {@code prune-results.json}: one prune run (policy, seed)
 * after one cycle, described by the line it continues with (the cycle's best survivor by
 * validation loss). Counts and seconds are cumulative up to this cycle. Immutable.
 *
 * @param policy            the policy
 * @param seed              run seed
 * @param cycle             the prune cycle (0 = dense)
 * @param sparsity          pruned fraction of the prunable weights during the cycle
 * @param remainingFraction 1 − sparsity
 * @param remainingWeights  prunable weights left
 * @param maxLr             the best survivor's peak learning rate (the chosen {@code max_lr})
 * @param candidates        candidates trained in this cycle
 * @param trainLoss         the best survivor's mean training loss in the cycle's last epoch
 * @param valLoss           its validation loss
 * @param valAccuracy       its validation accuracy
 * @param testAccuracy      its test accuracy
 * @param sampleGradients   forward+backward sample evaluations so far (all candidates)
 * @param candidateCycles   candidate-cycles trained so far
 * @param wallSeconds       wall seconds of the run so far
 */
public record PruneRow(String policy, long seed, int cycle, double sparsity, double remainingFraction,
                       long remainingWeights, double maxLr, int candidates, double trainLoss, double valLoss,
                       double valAccuracy, double testAccuracy, long sampleGradients, long candidateCycles,
                       double wallSeconds) {

  /** The CSV header, in field order. */
  public static final List<String> COLUMNS = List.of("policy", "seed", "cycle", "sparsity", "remainingFraction",
      "remainingWeights", "maxLr", "candidates", "trainLoss", "valLoss", "valAccuracy", "testAccuracy",
      "sampleGradients", "candidateCycles", "wallSeconds");
}
