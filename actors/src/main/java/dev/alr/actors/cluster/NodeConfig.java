package dev.alr.actors.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how one cluster node listens and joins: its role, bind address and port, the seed
 * nodes (or Cluster Bootstrap through a discovery method, {@link Management}), and optionally
 * Artery TLS with mutual authentication. Turns into the Pekko
 * configuration of the node ({@link #toConfig()}) over {@code alr.cluster} in
 * {@code reference.conf}. Immutable and thread-safe.
 *
 * <p>A node that binds anything but a loopback address must use TLS: over plain TCP any process
 * that reaches the port could join the cluster and send it messages. Such a node is refused
 * unless {@code insecurePlaintext} says this is wanted (a trusted, isolated network).
 *
 * @param role              {@code coordinator} (the seed), {@code worker} or {@code search} (a client running one
 *                          search)
 * @param host              address to bind and advertise; 127.0.0.1 unless told otherwise
 * @param port              TCP port (0: any free port)
 * @param seedNodes         {@code host:port} of the seed nodes; empty for the coordinator, which seeds itself
 * @param tls               TLS settings, or null for plain TCP
 * @param insecurePlaintext allow plain TCP on a non-loopback {@code host}
 * @param management        Pekko Management (health checks, and Cluster Bootstrap instead of seed nodes when it
 *                          names a discovery method), or null for none
 */
public record NodeConfig(String role, String host, int port, List<String> seedNodes, Tls tls,
                         boolean insecurePlaintext, Management management) {
  /** The actor system name shared by all nodes of an alr cluster. */
  public static final String SYSTEM_NAME = "alr";

  /** Validates; messages name the field. */
  public NodeConfig {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host: must be an address, got ''");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be in 0..65535, got " + port);
    }
    seedNodes = List.copyOf(seedNodes);
    for (String s : seedNodes) {
      parseHostPort(s);
    }
    if (management != null && management.discovery() != null && !seedNodes.isEmpty()) {
      throw new IllegalArgumentException("seedNodes and discovery: give one of them, not both");
    }
    boolean loopback = isLoopback(host);
    if (tls == null && !insecurePlaintext && !loopback) {
      throw new IllegalArgumentException("--bind: " + host + " is not a loopback address, and plain TCP there lets any"
          + " process that reaches it join the cluster; use TLS (--tls-keystore, --tls-truststore) or, on a trusted"
          + " network, --insecure-plaintext");
    }
  }

  /** A node over plain TCP on loopback, or with TLS when {@code tls} is given: {@code insecurePlaintext} false. */
  public NodeConfig(String role, String host, int port, List<String> seedNodes, Tls tls) {
    this(role, host, port, seedNodes, tls, false, null);
  }

  /** A node without Pekko Management. */
  public NodeConfig(String role, String host, int port, List<String> seedNodes, Tls tls, boolean insecurePlaintext) {
    this(role, host, port, seedNodes, tls, insecurePlaintext, null);
  }

  /** Whether this node finds the cluster through Cluster Bootstrap rather than seed nodes. */
  public boolean bootstraps() {
    return management != null && management.discovery() != null;
  }

  /**
   * Pekko Management for a node: an HTTP endpoint on the node's address at {@code port} with the
   * health checks {@code /alive} and {@code /ready} (ready once the node is an Up member) and
   * read-only cluster routes; with a {@code discovery} method, Cluster Bootstrap finds the other
   * nodes' management endpoints through it and forms or joins the cluster, so no seed nodes are
   * given. Immutable.
   *
   * @param port                  management HTTP port
   * @param discovery             {@code config} (the {@code endpoints} below), {@code kubernetes-api} (pods labelled
   *                              {@code app=<serviceName>} with a port named {@code management}), or null: health
   *                              checks only, the node joins through seed nodes
   * @param serviceName           the service the nodes are discovered as
   * @param requiredContactPoints nodes that must be found before a new cluster is formed
   * @param endpoints             for {@code config} discovery, every node's management {@code host:port}
   */
  public record Management(int port, String discovery, String serviceName, int requiredContactPoints,
                           List<String> endpoints) {
    /** The discovery methods alr configures. */
    public static final List<String> METHODS = List.of("config", "kubernetes-api");

    /** Validates; messages name the field. */
    public Management {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("management.port: must be in 1..65535, got " + port);
      }
      if (discovery != null && !METHODS.contains(discovery)) {
        throw new IllegalArgumentException("discovery: must be one of " + String.join(", ", METHODS) + ", got '"
            + discovery + "'");
      }
      Objects.requireNonNull(serviceName, "serviceName");
      if (!serviceName.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
        throw new IllegalArgumentException("serviceName: must be lower-case letters, digits and '-', got '"
            + serviceName + "'");
      }
      if (requiredContactPoints < 1) {
        throw new IllegalArgumentException("requiredContactPoints: must be >= 1, got " + requiredContactPoints);
      }
      endpoints = List.copyOf(endpoints);
      if ("config".equals(discovery) && endpoints.isEmpty()) {
        throw new IllegalArgumentException("discoveryEndpoints: discovery config needs every node's management"
            + " HOST:PORT");
      }
      if (!"config".equals(discovery) && !endpoints.isEmpty()) {
        throw new IllegalArgumentException("discoveryEndpoints: only with discovery config");
      }
      for (String e : endpoints) {
        hostPort(e, "discoveryEndpoints");
      }
    }
  }

  /** Whether this node listens on plain TCP where other machines can reach it. */
  public boolean exposedInPlaintext() {
    return tls == null && !isLoopback(host);
  }

  /**
   * Refuses, with one line naming {@code port}, a fixed port that another process already
   * listens on at this node's address, so that the failure comes before the node starts rather
   * than as Artery's bind error. Port 0 (any free port) always passes. A port taken between this
   * check and the node's start still fails in Artery.
   */
  public void requirePortFree() {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalArgumentException("port: cannot listen on " + host + ":" + port + " (" + e.getMessage()
          + "); is another node running there?");
    }
  }

  /**
   * Whether {@code host} is a loopback address; one-line error naming {@code host} when it does
   * not resolve or is not an address of this machine (Artery could not bind it).
   */
  static boolean isLoopback(String host) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("host: cannot resolve '" + host + "' to an address of this machine");
    }
    if (address.isLoopbackAddress()) {
      return true;
    }
    boolean local;
    try {
      local = address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      local = true; // cannot list the interfaces: let Artery try
    }
    if (!local) {
      throw new IllegalArgumentException("host: " + host + " is not an address of this machine");
    }
    return false;
  }

  /**
   * Keystores for Artery's TLS transport ({@code tls-tcp}) with mutual authentication: a node
   * presents the key in {@code keyStore} and accepts peers whose certificate chains to one in
   * {@code trustStore}. Both stores are opened with their passwords on construction, so a wrong
   * password, a file that is not a key store (a {@code .crt}), a key store without a private key
   * or a trust store without certificates is refused with one line before any node starts.
   *
   * @param keyStore           PKCS12 or JKS key store with this node's key and certificate
   * @param keyStorePassword   its password
   * @param trustStore         key store with the trusted (CA) certificates
   * @param trustStorePassword its password
   */
  public record Tls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {
    /** Validates that the stores open with their passwords and hold a key and certificates. */
    public Tls {
      Objects.requireNonNull(keyStorePassword, "keyStorePassword");
      Objects.requireNonNull(trustStorePassword, "trustStorePassword");
      KeyStore keys = open("--tls-keystore", keyStore, keyStorePassword);
      KeyStore trusted = open("--tls-truststore", trustStore, trustStorePassword);
      try {
        boolean hasKey = false;
        for (String alias : Collections.list(keys.aliases())) {
          if (keys.isKeyEntry(alias)) {
            keys.getKey(alias, keyStorePassword.toCharArray());
            hasKey = true;
          }
        }
        if (!hasKey) {
          throw new IllegalArgumentException("--tls-keystore: " + keyStore + " holds no private key (this node's key"
              + " and certificate belong there; trusted certificates go in --tls-truststore)");
        }
        boolean hasCertificate = false;
        for (String alias : Collections.list(trusted.aliases())) {
          hasCertificate |= trusted.getCertificate(alias) != null;
        }
        if (!hasCertificate) {
          throw new IllegalArgumentException("--tls-truststore: " + trustStore + " holds no certificates");
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("--tls-keystore: cannot open the key in " + keyStore
            + " with the key store's password: " + e.getMessage());
      }
    }

    private static KeyStore open(String flag, Path file, String password) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new IllegalArgumentException(flag + ": cannot read " + file);
      }
      try {
        return KeyStore.getInstance(file.toFile(), password.toCharArray());
      } catch (IOException e) {
        String why = e.getCause() instanceof UnrecoverableKeyException ? "wrong password" : e.getMessage();
        throw new IllegalArgumentException(flag + ": cannot open " + file + ": " + why);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(flag + ": " + file + " is not a PKCS12 or JKS key store (" + e.getMessage()
            + ")");
      }
    }
  }

  /** Parses {@code host:port}; one-line error naming {@code seedNodes}. */
  public static String[] parseHostPort(String s) {
    return hostPort(s, "seedNodes");
  }

  private static String[] hostPort(String s, String flag) {
    int i = s.lastIndexOf(':');
    String port = i < 0 ? "" : s.substring(i + 1);
    if (i <= 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException(flag + ": expected host:port[,host:port...], got '" + s + "'");
    }
    return new String[] {s.substring(0, i), port};
  }

  /**
   * The node's Pekko configuration: {@code alr.cluster.pekko} plus address, role, seeds (none when
   * it bootstraps), TLS and the management endpoint and discovery.
   */
  public Config toConfig() {
    Config base = ConfigFactory.load();
    List<String> seeds = new ArrayList<>();
    String protocol = "pekko";
    for (String s : seedNodes) {
      String[] hp = parseHostPort(s);
      seeds.add(protocol + "://" + SYSTEM_NAME + "@" + hp[0] + ":" + hp[1]);
    }
    if (seedNodes.isEmpty() && !bootstraps()) {
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
    if (management != null) {
      c = c.withValue("pekko.management.http.hostname", ConfigValueFactory.fromAnyRef(host))
          .withValue("pekko.management.http.port", ConfigValueFactory.fromAnyRef(management.port()));
    }
    if (bootstraps()) {
      String cpd = "pekko.management.cluster.bootstrap.contact-point-discovery.";
      c = c.withValue(cpd + "discovery-method", ConfigValueFactory.fromAnyRef(management.discovery()))
          .withValue(cpd + "service-name", ConfigValueFactory.fromAnyRef(management.serviceName()))
          .withValue(cpd + "required-contact-point-nr", ConfigValueFactory.fromAnyRef(management.requiredContactPoints()));
      List<Object> endpoints = new ArrayList<>();
      for (String e : management.endpoints()) {
        String[] hp = parseHostPort(e);
        endpoints.add(Map.of("host", hp[0], "port", Integer.parseInt(hp[1])));
      }
      if (!endpoints.isEmpty()) {
        c = c.withValue("pekko.discovery.config.services." + management.serviceName() + ".endpoints",
            ConfigValueFactory.fromIterable(endpoints));
      }
    }
    return c.withFallback(base.getConfig("alr.cluster")).withFallback(base);
  }
}
