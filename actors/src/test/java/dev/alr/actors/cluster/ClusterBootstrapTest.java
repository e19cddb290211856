package dev.alr.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.actors.Worker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nodes find each other through Cluster Bootstrap with config discovery instead of seed nodes:
 * two nodes on 127.0.0.1 with distinct Artery and management ports form one cluster, and each
 * answers {@code /alive} and {@code /ready} with 200 once it is an Up member.
 */
class ClusterBootstrapTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void twoNodesFormAClusterThroughConfigDiscoveryAndReportReady() throws Exception {
    int[] management = {freePort(), freePort()};
    List<String> endpoints = List.of("127.0.0.1:" + management[0], "127.0.0.1:" + management[1]);
    List<ClusterNode> nodes = new ArrayList<>();
    try {
      nodes.add(ClusterNode.coordinator(new NodeConfig("coordinator", "127.0.0.1", 0, List.of(), null, false,
          new NodeConfig.Management(management[0], "config", "alr-test", 2, endpoints))));
      nodes.add(ClusterNode.worker(new NodeConfig("worker", "127.0.0.1", 0, List.of(), null, false,
          new NodeConfig.Management(management[1], "config", "alr-test", 2, endpoints)), "w0", 1,
          Worker.ThreadSetup.NONE));
      String a = nodes.get(0).awaitUp(Duration.ofSeconds(60), "discovery");
      String b = nodes.get(1).awaitUp(Duration.ofSeconds(60), "discovery");
      for (int port : management) {
        assertEquals(200, get(port, "/alive").statusCode(), "/alive on " + port);
        HttpResponse<String> ready = get(port, "/ready");
        assertEquals(200, ready.statusCode(), "/ready on " + port + ": " + ready.body());
        String members = get(port, "/bootstrap/seed-nodes").body();
        assertTrue(members.contains(a) && members.contains(b), "one cluster of both nodes: " + members);
      }
    } finally {
      nodes.forEach(ClusterNode::stop);
    }
  }

  @Test
  void seedNodesAndDiscoveryTogetherAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NodeConfig("worker",
        "127.0.0.1", 0, List.of("127.0.0.1:2552"), null, false,
        new NodeConfig.Management(8558, "kubernetes-api", "alr", 2, List.of())));
    assertEquals("seedNodes and discovery: give one of them, not both", e.getMessage());
  }

  @Test
  void badManagementSettingsNameTheirFlag() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new NodeConfig.Management(0, null, "alr", 1, List.of())).getMessage().startsWith("management.port:"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new NodeConfig.Management(8558, "dns", "alr", 1, List.of())).getMessage().startsWith("discovery:"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new NodeConfig.Management(8558, "config", "alr", 1, List.of())).getMessage()
        .startsWith("discoveryEndpoints:"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new NodeConfig.Management(8558, "config", "alr", 1, List.of("nohost"))).getMessage()
        .startsWith("discoveryEndpoints:"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new NodeConfig.Management(8558, null, "Alr_1", 1, List.of())).getMessage().startsWith("serviceName:"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new NodeConfig.Management(8558, "kubernetes-api", "alr", 0, List.of())).getMessage()
        .startsWith("requiredContactPoints:"));
  }
}
