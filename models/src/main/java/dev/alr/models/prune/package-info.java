/**
 * Iterative magnitude pruning in the model layer: the prunable weight arrays of a network
 * ({@link dev.alr.models.prune.WeightArray}), the pruning criteria
 * ({@link dev.alr.models.prune.PruneCriterion}) and the pure mask computation
 * ({@link dev.alr.models.prune.Pruner}), the weight resets between cycles
 * ({@link dev.alr.models.prune.ResetMode}), sparsity reports ({@link dev.alr.models.prune.Sparsity}),
 * and {@link dev.alr.models.prune.PrunableNetwork}, which applies them to a
 * {@link dev.alr.models.nn.NetworkModel} whose mask keeps pruned weights and their updater state
 * exactly zero through training; {@link dev.alr.models.prune.PruneRun} runs the cycles on this JVM
 * and {@link dev.alr.models.prune.PruneCheckpoint} checkpoints each cycle and resumes a run.
 */
package dev.alr.models.prune;
