/**
 * JMH benchmarks of the engine's costs: ALR through actors against a bare DL4J loop, an N-probe
 * step against a plain step, and copying and serialising a model state. Run them with
 * {@code java -cp 'cli/target/alr.jar:cli/target/lib/*' org.openjdk.jmh.Main dev.alr.bench.jmh}
 * (see bench/RESULTS.md for the exact commands and the figures).
 */
package dev.alr.bench.jmh;
