package dev.alr.cli;

import dev.alr.actors.cluster.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every cluster role shares: the address to bind, how long to try joining, and Artery
 * TLS with mutual authentication. Passwords come from the environment
 * ({@code ALR_TLS_KEYSTORE_PASSWORD}, {@code ALR_TLS_TRUSTSTORE_PASSWORD}), never from the
 * command line.
 */
public final class ClusterOptions {
  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
      description = "address to bind and advertise (default: ${DEFAULT-VALUE}; anything else exposes the node: use TLS)")
  String bind;

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

  /** The node settings for {@code role}. */
  NodeConfig node(String role, int port, List<String> seeds) {
    return new NodeConfig(role, bind, port, seeds, tls());
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
