package dev.alr.engine.spi;

/**
 * Loss and accuracy of a model on a held-out split.
 *
 * @param loss     mean loss per sample
 * @param accuracy fraction of samples classified correctly, in [0, 1]
 * @param samples  number of samples evaluated
 */
public record Evaluation(double loss, double accuracy, int samples) {
}
