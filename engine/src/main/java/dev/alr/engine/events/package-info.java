/**
 * The run's event log: {@link dev.alr.engine.events.EventLog}, a {@link dev.alr.engine.SearchListener}
 * that appends one JSON object per line as a search runs (run started or resumed, candidate
 * finished, epoch decided, checkpoint written, run finished), and
 * {@link dev.alr.engine.events.RecordedRun}, which reads such a log back, also one whose writer was
 * killed mid-line. Jackson data binding of the engine's records; non-finite numbers are
 * {@code null}. The format is described in the README ("Event log").
 */
package dev.alr.engine.events;
