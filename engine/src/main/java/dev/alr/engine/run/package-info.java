/**
 * Executor-independent machinery of a run: the {@link dev.alr.engine.run.SearchLoop} state
 * machine that applies a policy round by round and assembles the result, the
 * {@link dev.alr.engine.run.CandidateTrainer} that trains one candidate-epoch on a model, the
 * per-worker {@link dev.alr.engine.run.ModelSlots}, verified checkpoints
 * ({@link dev.alr.engine.run.CheckpointStore}), output files probed before a run and written
 * atomically ({@link dev.alr.engine.run.OutputFiles}), and a single-threaded
 * {@link dev.alr.engine.run.LocalExecutor} used as a reference.
 */
package dev.alr.engine.run;
