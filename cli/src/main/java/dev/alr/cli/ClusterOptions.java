package dev.alr.cli;

import dev.alr.actors.cluster.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every cluster role shares: the address to bind, how long to try joining, and Artery
 * TLS with mutual authentication. Passwords come from the environment
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
    NodeConfig node = new NodeConfig(role, bind, port, seeds, tls(), insecurePlaintext);
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
