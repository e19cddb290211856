/**
 * The search policies as pure functions over immutable snapshots: which candidates an epoch
 * trains ({@link dev.alr.engine.policy.SearchPolicy#plan}) and which survive
 * ({@link dev.alr.engine.policy.SearchPolicy#decide}). ALR beam search, the N-probe line, fixed
 * schedules and the grid ("oracle") are all policies; they share one ranking piece
 * ({@link dev.alr.engine.policy.Ranking}). ALR's factors may adapt their span
 * ({@link dev.alr.engine.policy.FactorSpan}, state kept in the snapshot) and its final epochs may
 * anneal ({@link dev.alr.engine.policy.AnnealedSearch} decorating any policy); against the
 * short-horizon bias of ranking on a round's loss, its per-round decrease may be bounded
 * ({@link dev.alr.engine.policy.BoundedDecrease}) and its candidates ranked on annealed end points
 * ({@link dev.alr.engine.policy.TailRanked}). No actor, thread or DL4J type appears here.
 */
package dev.alr.engine.policy;
