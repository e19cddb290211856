/**
 * A minimal user project: builds a DL4J {@code MultiLayerConfiguration} and a
 * {@code DataSetIterator} of its own and runs an alr search on them through the library
 * ({@code dev.alr:alr-actors}); see the README's "Use alr as a library".
 */
package dev.alr.examples;
