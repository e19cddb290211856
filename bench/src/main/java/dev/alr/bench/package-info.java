/**
 * The benchmark harness and the shared output formats: JSON of search results
 * ({@link dev.alr.bench.ResultJson}), the comparison matrix, reports and plots.
 */
package dev.alr.bench;
