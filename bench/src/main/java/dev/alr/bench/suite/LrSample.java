package dev.alr.bench.suite;

/**
 * One point of a cell's per-step LR trace, placed on the epoch axis. Immutable.
 *
 * @param epoch the step's position in epochs: {@code epoch - 1 + step / stepsPerEpoch}
 * @param lr    the LR the step ran at
 */
public record LrSample(double epoch, double lr) {
}
