package dev.alr.engine.prune;

/**
 * What training one candidate for one prune cycle gave. Immutable.
 *
 * @param candidateId     the candidate
 * @param trainLoss       mean training loss of the cycle's last epoch (non-finite when it diverged)
 * @param valLoss         validation loss after the cycle (the policies rank by it)
 * @param valAccuracy     validation accuracy after the cycle
 * @param sparsity        overall pruned fraction of the prunable weights during the cycle
 * @param sampleGradients forward+backward sample evaluations spent
 */
public record PruneResult(int candidateId, double trainLoss, double valLoss, double valAccuracy, double sparsity,
                          long sampleGradients) {
}
