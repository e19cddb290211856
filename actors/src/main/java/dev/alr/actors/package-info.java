/**
 * The Pekko typed actors that execute a search: {@link dev.alr.actors.Coordinator} drives the
 * search loop, {@link dev.alr.actors.Worker}s own model states and train candidates on dedicated
 * threads, one short-lived {@link dev.alr.actors.EpochRound} per round sends the jobs, and one
 * short-lived {@link dev.alr.actors.EpochClose} per epoch evaluates the best beam and copies the
 * kept states to the search node; each watches the workers it asks, has one timer and replies
 * once. {@link dev.alr.actors.StateLedger} (pure) records who holds which state;
 * {@link dev.alr.actors.StallWatch} is the search's stall deadline; {@link dev.alr.actors.Capacity}
 * bounds the trainers per machine. {@link dev.alr.actors.ActorExecutor} runs them in one JVM.
 * Messages are records; nothing relies on memory shared between actors.
 */
package dev.alr.actors;
