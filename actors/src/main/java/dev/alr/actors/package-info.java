/**
 * The Pekko typed actors that execute a search: {@link dev.alr.actors.Coordinator} runs the
 * policy, {@link dev.alr.actors.Worker}s own model states and train candidates on dedicated
 * threads, and one short-lived {@link dev.alr.actors.EpochRound} per round sends the jobs, watches
 * the workers and replies once. {@link dev.alr.actors.ActorExecutor} runs them in one JVM.
 * Messages are records; nothing relies on memory shared between actors.
 */
package dev.alr.actors;
