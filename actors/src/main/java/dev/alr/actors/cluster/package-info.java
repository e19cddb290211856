/**
 * alr on a Pekko cluster: the same {@link dev.alr.actors.Coordinator}, {@link dev.alr.actors.Worker}
 * and {@link dev.alr.actors.EpochRound} as in one JVM, spread over nodes. Roles: the long-running
 * {@code coordinator} seed node ({@link dev.alr.actors.cluster.ClusterNode#coordinator}),
 * {@code worker} nodes ({@link dev.alr.actors.cluster.WorkerNode}, registered with the
 * Receptionist), and a {@code search} node per search ({@link dev.alr.actors.cluster.ClusterExecutor})
 * that prepares one worker per node and runs the coordinator actor. Addresses, seeds or Cluster
 * Bootstrap, Pekko Management and TLS: {@link dev.alr.actors.cluster.NodeConfig}; the wire format:
 * {@link dev.alr.actors.wire}.
 */
package dev.alr.actors.cluster;
