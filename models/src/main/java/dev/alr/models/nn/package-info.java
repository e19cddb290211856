/**
 * DL4J networks behind the engine's {@code TrainableModel}: the architectures ({@code mlp},
 * {@code cnn}, {@code resnet}), the updaters, one adapter per DL4J network type, and the model and
 * factory that share everything else.
 */
package dev.alr.models.nn;
