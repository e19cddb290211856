package dev.alr.cli;

import dev.alr.actors.cluster.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every cluster role shares: the address to bind, how long to try joining, Artery
 * TLS with mutual authentication, and Pekko Management (health checks, Cluster Bootstrap through
 * a discovery method instead of seed nodes). Passwords come from the environment
 * ({@code ALR_TLS_KEYSTORE_PASSWORD}, {@code ALR_TLS_TRUSTSTORE_PASSWORD}), never from the
 * command line. A non-loopback {@code --bind} needs TLS or {@code --insecure-plaintext}.
 * {@link #node} validates all of them (stores opened, passwords checked) before anything starts.
 */
public final class ClusterOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
      description = "address to bind and advertise (default: ${DEFAULT-VALUE}); a non-loopback address needs TLS"
          + " or --insecure-plaintext")
  String bind;

  @Option(names = "--insecure-plaintext",
      description = "allow a non-loopback --bind without TLS (any process that reaches the port can join the"
          + " cluster and send it messages: only on a trusted, isolated network)")
  boolean insecurePlaintext;

  @Option(names = "--join-timeout", defaultValue = "30", paramLabel = "SECONDS",
      description = "give up joining the cluster (or waiting for workers) after this many seconds (default: ${DEFAULT-VALUE})")
  int joinTimeout;

  @Option(names = "--tls-keystore", paramLabel = "FILE",
      description = "Artery TLS: this node's key store (PKCS12/JKS; password in $ALR_TLS_KEYSTORE_PASSWORD)")
  Path keyStore;

  @Option(names = "--tls-truststore", paramLabel = "FILE",
      description = "Artery TLS: trusted certificates (password in $ALR_TLS_TRUSTSTORE_PASSWORD); peers must present"
          + " a certificate it trusts (mutual authentication)")
  Path trustStore;

  @Option(names = "--management-port", paramLabel = "PORT",
      description = "serve Pekko Management on this port of --bind: health checks /alive and /ready (ready while"
          + " this node is an Up member), and Cluster Bootstrap with --discovery")
  Integer managementPort;

  @Option(names = "--discovery", paramLabel = "METHOD",
      description = "find the cluster through Cluster Bootstrap instead of --seed-nodes: config (--discovery-endpoints)"
          + " or kubernetes-api (pods labelled app=--service-name with a port named management); needs"
          + " --management-port")
  String discovery;

  @Option(names = "--discovery-endpoints", split = ",", paramLabel = "HOST:PORT",
      description = "with --discovery config: every node's management HOST:PORT")
  List<String> discoveryEndpoints;

  @Option(names = "--service-name", defaultValue = "alr",
      description = "the service the nodes are discovered as (default: ${DEFAULT-VALUE})")
  String serviceName;

  @Option(names = "--required-contact-points", defaultValue = "2", paramLabel = "N",
      description = "with --discovery: nodes that must be found before a new cluster is formed (default: ${DEFAULT-VALUE})")
  int requiredContactPoints;

  /** The management settings, validated; null when neither --management-port nor --discovery is given. */
  NodeConfig.Management management() {
    if (managementPort == null) {
      if (discovery != null) {
        throw new IllegalArgumentException("--management-port: needed with --discovery (Cluster Bootstrap's contact"
            + " point)");
      }
      return null;
    }
    return new NodeConfig.Management(managementPort, discovery, serviceName, requiredContactPoints,
        discoveryEndpoints == null ? List.of() : discoveryEndpoints);
  }

  /** How this node finds the cluster, for messages: the seeds or the discovery method. */
  String joinedThrough(List<String> seeds) {
    return discovery != null ? "--discovery " + discovery : String.join(",", seeds == null ? List.of() : seeds);
  }

  /** The join timeout, validated. */
  Duration joinTimeout() {
    if (joinTimeout < 1) {
      throw new IllegalArgumentException("--join-timeout: must be >= 1 second, got " + joinTimeout);
    }
    return Duration.ofSeconds(joinTimeout);
  }

  /**
   * The node settings for {@code role}, with every option validated (one-line errors naming the
   * flag); warns on stderr when the node will listen in plain TCP on a non-loopback address.
   */
  NodeConfig node(String role, int port, List<String> seeds) {
    joinTimeout();
    List<String> seedList = seeds == null ? List.of() : seeds;
    NodeConfig.Management management = management();
    if (seedList.isEmpty() && !"coordinator".equals(role) && discovery == null) {
      throw new IllegalArgumentException("--seed-nodes: give the seed node(s) as HOST:PORT, or find them with"
          + " --discovery");
    }
    NodeConfig node = new NodeConfig(role, bind, port, seedList, tls(), insecurePlaintext, management);
    node.requirePortFree();
    if (node.exposedInPlaintext()) {
      System.err.println("alr " + command.name() + ": WARNING: --insecure-plaintext: listening on " + bind
          + " without TLS; any process that can reach this port can join the cluster and send it messages");
      System.err.flush();
    }
    return node;
  }

  private NodeConfig.Tls tls() {
    if (keyStore == null && trustStore == null) {
      return null;
    }
    if (keyStore == null || trustStore == null) {
      throw new IllegalArgumentException("--tls-keystore and --tls-truststore: give both or neither");
    }
    return new NodeConfig.Tls(keyStore, password("ALR_TLS_KEYSTORE_PASSWORD", "--tls-keystore"), trustStore,
        password("ALR_TLS_TRUSTSTORE_PASSWORD", "--tls-truststore"));
  }

  private static String password(String env, String flag) {
    String p = System.getenv(env);
    if (p == null || p.isEmpty()) {
      throw new IllegalArgumentException(flag + ": set the store's password in $" + env);
    }
    return p;
  }
}
