/**
 * DeepLearning4J implementations of the engine's model SPI. {@link dev.alr.models.Workloads}
 * turns a {@code WorkloadSpec} into a {@code ModelFactory}; {@link dev.alr.models.NativeThreads}
 * fixes ND4J's native thread count; {@link dev.alr.models.ThroughputProbe} measures training speed.
 * Datasets live in {@code dev.alr.models.data}, networks in {@code dev.alr.models.nn}.
 */
package dev.alr.models;
