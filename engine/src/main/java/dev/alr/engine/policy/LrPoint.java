package dev.alr.engine.policy;

/**
 * The learning rate a candidate's step ran at: one point of its recorded LR trace. Immutable.
 *
 * @param step global optimizer step, 0-based ({@code (epoch - 1) * stepsPerEpoch + step in epoch})
 * @param lr   the learning rate of that step
 */
public record LrPoint(long step, double lr) {
}
