/**
 * The benchmark harness behind {@code alr bench}: a {@link dev.alr.bench.suite.Suite} expands
 * into {@link dev.alr.bench.suite.Cell}s (strategy × model × dataset × seed × start LR × budget),
 * a {@link dev.alr.bench.suite.BenchRun} trains them through the public {@code Alr} API, keeps one
 * file per finished cell (so {@code --resume} skips it), and writes {@code results.csv},
 * {@code results.json}, {@code report.md} and PNG plots. {@link dev.alr.bench.suite.Stats} holds the
 * aggregation maths (mean ± std, ranks with ties, the equal-compute epoch budget).
 */
package dev.alr.bench.suite;
