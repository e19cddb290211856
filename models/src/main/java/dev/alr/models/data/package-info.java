/**
 * Datasets in memory: the IDX (MNIST format) reader, named-dataset lookup and the per-JVM cache,
 * the seeded synthetic dataset, and the limit/validation partition. No DL4J types.
 */
package dev.alr.models.data;
