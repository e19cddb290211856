package dev.alr.actors.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where and how one cluster node listens and joins: its role, bind address and port, the seed
 * nodes, and optionally Artery TLS with mutual authentication. Turns into the Pekko
 * configuration of the node ({@link #toConfig()}) over {@code alr.cluster} in
 * {@code reference.conf}. Immutable and thread-safe.
 *
 * @param role      {@code coordinator} (the seed), {@code worker} or {@code search} (a client running one search)
 * @param host      address to bind and advertise; 127.0.0.1 unless told otherwise
 * @param port      TCP port (0: any free port)
 * @param seedNodes {@code host:port} of the seed nodes; empty for the coordinator, which seeds itself
 * @param tls       TLS settings, or null for plain TCP
 */
public record NodeConfig(String role, String host, int port, List<String> seedNodes, Tls tls) {
  /** The actor system name shared by all nodes of an alr cluster. */
  public static final String SYSTEM_NAME = "alr";

  /** Validates; messages name the CLI flag. */
  public NodeConfig {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("--bind: must be an address, got ''");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port: must be in 0..65535, got " + port);
    }
    seedNodes = List.copyOf(seedNodes);
    for (String s : seedNodes) {
      parseHostPort(s);
    }
  }

  /**
   * Keystores for Artery's TLS transport ({@code tls-tcp}) with mutual authentication: a node
   * presents the key in {@code keyStore} and accepts peers whose certificate chains to one in
   * {@code trustStore}.
   *
   * @param keyStore           PKCS12 or JKS key store with this node's key and certificate
   * @param keyStorePassword   its password
   * @param trustStore         key store with the trusted (CA) certificates
   * @param trustStorePassword its password
   */
  public record Tls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {
    /** Validates that the stores exist. */
    public Tls {
      if (!Files.isReadable(keyStore)) {
        throw new IllegalArgumentException("--tls-keystore: cannot read " + keyStore);
      }
      if (!Files.isReadable(trustStore)) {
        throw new IllegalArgumentException("--tls-truststore: cannot read " + trustStore);
      }
      Objects.requireNonNull(keyStorePassword, "keyStorePassword");
      Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    }
  }

  /** Parses {@code host:port}; one-line error naming {@code --seed-nodes}. */
  public static String[] parseHostPort(String s) {
    int i = s.lastIndexOf(':');
    String port = i < 0 ? "" : s.substring(i + 1);
    if (i <= 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("--seed-nodes: expected host:port[,host:port...], got '" + s + "'");
    }
    return new String[] {s.substring(0, i), port};
  }

  /** The node's Pekko configuration: {@code alr.cluster.pekko} plus address, role, seeds and TLS. */
  public Config toConfig() {
    Config base = ConfigFactory.load();
    List<String> seeds = new ArrayList<>();
    String protocol = "pekko";
    for (String s : seedNodes) {
      String[] hp = parseHostPort(s);
      seeds.add(protocol + "://" + SYSTEM_NAME + "@" + hp[0] + ":" + hp[1]);
    }
    if (seedNodes.isEmpty()) {
      seeds.add(protocol + "://" + SYSTEM_NAME + "@" + host + ":" + port);
    }
    Config c = ConfigFactory.empty()
        .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
        .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of(role)))
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds));
    if (tls != null) {
      String ssl = "pekko.remote.artery.ssl.config-ssl-engine.";
      c = c.withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"))
          .withValue(ssl + "key-store", ConfigValueFactory.fromAnyRef(tls.keyStore().toString()))
          .withValue(ssl + "key-store-password", ConfigValueFactory.fromAnyRef(tls.keyStorePassword()))
          .withValue(ssl + "key-password", ConfigValueFactory.fromAnyRef(tls.keyStorePassword()))
          .withValue(ssl + "trust-store", ConfigValueFactory.fromAnyRef(tls.trustStore().toString()))
          .withValue(ssl + "trust-store-password", ConfigValueFactory.fromAnyRef(tls.trustStorePassword()))
          .withValue(ssl + "require-mutual-authentication", ConfigValueFactory.fromAnyRef(true));
    }
    return c.withFallback(base.getConfig("alr.cluster")).withFallback(base);
  }
}
