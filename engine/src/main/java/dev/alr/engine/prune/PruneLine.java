package dev.alr.engine.prune;

/**
 * A survivor of a prune cycle: the candidate whose trained state the next cycle starts from.
 * Immutable.
 *
 * @param candidateId the candidate
 * @param maxLr       the peak learning rate it trained with
 * @param valLoss     its validation loss ({@code NaN} for the initial state)
 */
public record PruneLine(int candidateId, double maxLr, double valLoss) {
}
