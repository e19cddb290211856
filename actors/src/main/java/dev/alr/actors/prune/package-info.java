/**
 * Iterative pruning runs on actors: {@link dev.alr.actors.prune.PruneWorker}s train candidates
 * ({@link dev.alr.models.prune.PruneTrainer}) on their own training threads, a short-lived
 * {@link dev.alr.actors.prune.PruneCycle} per cycle sends the jobs and replies once with results
 * and missing candidates, {@link dev.alr.actors.prune.ActorCycleTrainer} reruns the missing ones
 * on the workers still alive, and {@link dev.alr.actors.prune.ActorPruneExecutor} is the
 * {@link dev.alr.engine.prune.PruneExecutor} that {@link dev.alr.engine.Alr#prune} finds. The
 * cycle loop itself ({@link dev.alr.models.prune.PruneRun}) plans and decides on the calling
 * thread; line states travel as {@link dev.alr.actors.prune.LinePayload}s over the state wire.
 */
package dev.alr.actors.prune;
