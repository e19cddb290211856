package dev.alr.engine.policy;

/**
 * A kept model: the candidate whose trained state it is, the LR it carries forward and its loss.
 *
 * @param candidateId the candidate (or {@link Candidate#ROOT} before the first epoch)
 * @param line        its line (grid point; 0 for beam search)
 * @param lr          the LR the next epoch's factors apply to
 * @param loss        the loss it was selected on (NaN for the root)
 */
public record Beam(int candidateId, int line, double lr, double loss) {
}
