/**
 * The benchmark harness behind {@code alr bench}: a {@link dev.alr.bench.suite.Suite} expands
 * into {@link dev.alr.bench.suite.Cell}s (strategy × model × dataset × seed × start LR × budget),
 * a {@link dev.alr.bench.suite.BenchRun} trains them through the public {@code Alr} API, keeps one
 * file per finished cell (so {@code --resume} skips it), and writes {@code results.csv},
 * {@code results.json}, {@code report.md} and PNG plots. {@link dev.alr.bench.suite.Stats} holds the
 * aggregation maths (mean ± std, ranks with ties, the equal-compute epoch budget).
 *
 * <p>The prune suites ({@code alr bench --suite prune|prune-quick}) are a family of their own: a
 * {@link dev.alr.bench.suite.PruneSuite} expands into {@link dev.alr.bench.suite.PruneCell}s
 * (policy × seed), each one whole prune run through {@code Alr.prune}; a
 * {@link dev.alr.bench.suite.PruneBenchRun} trains and stores them and writes
 * {@code prune-results.csv}/{@code .json}, {@code prune-report.md} (with the goal checks,
 * {@link dev.alr.bench.suite.PruneReport}) and {@link dev.alr.bench.suite.PrunePlots}.
 */
package dev.alr.bench.suite;
