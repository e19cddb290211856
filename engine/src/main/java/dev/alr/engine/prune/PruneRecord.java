package dev.alr.engine.prune;

/**
 * One trained candidate of a pruning run, as reported per cycle. Immutable.
 *
 * @param cycle           the prune cycle (0 = dense)
 * @param id              the candidate id
 * @param parentId        the candidate of the previous cycle it started from (−1 in cycle 0)
 * @param maxLr           its peak learning rate
 * @param sparsity        overall pruned fraction of the prunable weights
 * @param trainLoss       mean training loss of its last epoch
 * @param valLoss         validation loss after the cycle
 * @param valAccuracy     validation accuracy after the cycle
 * @param testAccuracy    test accuracy after the cycle
 * @param survived        whether it is among the cycle's survivors
 * @param sampleGradients forward+backward sample evaluations spent
 */
public record PruneRecord(int cycle, int id, int parentId, double maxLr, double sparsity, double trainLoss,
                          double valLoss, double valAccuracy, double testAccuracy, boolean survived,
                          long sampleGradients) {
}
