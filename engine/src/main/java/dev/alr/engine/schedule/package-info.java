/**
 * Learning-rate policies as pure functions: fixed schedules of the global step
 * ({@link dev.alr.engine.schedule.Schedule} and its records, named factories in
 * {@link dev.alr.engine.schedule.Schedules}), the update rule of the N-probe scheduler
 * ({@link dev.alr.engine.schedule.NProbeRule}) and log-spaced initial learning rates
 * ({@link dev.alr.engine.schedule.Grid}).
 *
 * <p>Nothing here holds state, touches a model or names a DL4J or Pekko type: every type is
 * immutable or stateless and therefore thread-safe. A step is the 0-based index of the optimizer
 * step over the whole run (it does not restart at each epoch). Every schedule returns a learning
 * rate that is finite and &gt; 0 at every step, because the model interface rejects
 * {@code lr <= 0}; where a formula reaches 0 the value is held at a floor of
 * {@code lr0 * }{@link dev.alr.engine.schedule.Schedule#FLOOR_FRACTION}.
 */
package dev.alr.engine.schedule;
