/**
 * Learning-rate policies for iterative pruning runs, pure and DL4J-free. A prune cycle is a
 * round: the policy plans candidates (one per peak learning rate {@code max_lr}), each trains the
 * cycle under {@link dev.alr.engine.prune.CycleSchedule} scaled to its {@code max_lr}, and the
 * policy keeps the survivors. Policies: {@link dev.alr.engine.prune.SiloPolicy} (SILO's S-curve),
 * {@link dev.alr.engine.prune.ConstantPolicy}, {@link dev.alr.engine.prune.OraclePolicy} (a grid
 * per cycle, the best continues) and {@link dev.alr.engine.prune.BeamPolicy} (ALR's beam search
 * across cycles).
 */
package dev.alr.engine.prune;
