/**
 * The public API of alr: build a run with {@link dev.alr.engine.Alr}, choose a
 * {@link dev.alr.engine.Strategy} from {@link dev.alr.engine.Strategies}, get a
 * {@link dev.alr.engine.SearchResult} back; {@link dev.alr.engine.SearchExecutor} is the extension
 * point that the actors module implements. No DL4J, ND4J or Pekko type appears in this module.
 */
package dev.alr.engine;
