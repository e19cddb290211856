/**
 * The benchmark harness and the shared output formats: the comparison matrix, reports and plots
 * (the JSON of search results is {@link dev.alr.engine.events.ResultJson}).
 */
package dev.alr.bench;
