package dev.alr.bench.suite;

/**
 * One candidate of an ALR run, for the beam-tree plot. Immutable.
 *
 * @param epoch  epoch it trained in
 * @param id     candidate id
 * @param parent parent id (-1: the initial model)
 * @param lr     its LR
 * @param loss   its mean training loss
 * @param kept   whether it survived as a beam
 * @param chosen whether it lies on the final best model's path
 */
public record TreeNode(int epoch, int id, int parent, double lr, double loss, boolean kept, boolean chosen) {
}
