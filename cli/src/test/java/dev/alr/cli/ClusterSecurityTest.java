package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joining fails cleanly: over Artery TLS with mutual authentication a worker whose certificate the
 * cluster does not trust cannot join (while one with the right certificate can), and a worker
 * whose seed nodes cannot be reached exits 1 with one clear line within its join timeout.
 */
class ClusterSecurityTest {
  private static final String PASSWORD = "alr-test-pw";

  @TempDir
  Path dir;

  private final TestJvms jvms = new TestJvms();

  @AfterEach
  void kill() {
    jvms.killAll();
  }

  private void keyPair(String alias) throws Exception {
    TestJvms.tool(dir, keytool(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + alias, "-validity", "2", "-storetype", "PKCS12", "-keystore", alias + ".p12",
        "-storepass", PASSWORD, "-keypass", PASSWORD);
  }

  private static String keytool() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
  }

  @Test
  void aWorkerWithoutTheClustersCertificateCannotJoin() throws Exception {
    keyPair("cluster");
    keyPair("intruder");
    TestJvms.tool(dir, keytool(), "-exportcert", "-alias", "cluster", "-keystore", "cluster.p12", "-storepass",
        PASSWORD, "-file", "cluster.crt");
    TestJvms.tool(dir, keytool(), "-importcert", "-noprompt", "-alias", "cluster", "-file", "cluster.crt",
        "-storetype", "PKCS12", "-keystore", "trust.p12", "-storepass", PASSWORD);
    TestJvms.tool(dir, keytool(), "-exportcert", "-alias", "intruder", "-keystore", "intruder.p12", "-storepass",
        PASSWORD, "-file", "intruder.crt");
    TestJvms.tool(dir, keytool(), "-importcert", "-noprompt", "-alias", "cluster", "-file", "cluster.crt",
        "-storetype", "PKCS12", "-keystore", "intruder-trust.p12", "-storepass", PASSWORD);
    TestJvms.tool(dir, keytool(), "-importcert", "-noprompt", "-alias", "intruder", "-file", "intruder.crt",
        "-storetype", "PKCS12", "-keystore", "intruder-trust.p12", "-storepass", PASSWORD);
    Map<String, String> env = Map.of("ALR_TLS_KEYSTORE_PASSWORD", PASSWORD, "ALR_TLS_TRUSTSTORE_PASSWORD", PASSWORD);
    int port = TestJvms.freePort();
    String seed = "127.0.0.1:" + port;
    Process coordinator = jvms.spawn(dir.resolve("coordinator.log"), env, "coordinator", "--port",
        String.valueOf(port), "--tls-keystore", dir.resolve("cluster.p12").toString(), "--tls-truststore",
        dir.resolve("trust.p12").toString());
    TestJvms.waitFor(dir.resolve("coordinator.log"), "alr coordinator: up", coordinator, 90);
    Process intruder = jvms.spawn(dir.resolve("intruder.log"), env, "worker", "--seed-nodes", seed, "--name",
        "intruder", "--join-timeout", "10", "--tls-keystore", dir.resolve("intruder.p12").toString(),
        "--tls-truststore", dir.resolve("intruder-trust.p12").toString());
    Process member = jvms.spawn(dir.resolve("member.log"), env, "worker", "--seed-nodes", seed, "--name", "member",
        "--tls-keystore", dir.resolve("cluster.p12").toString(), "--tls-truststore",
        dir.resolve("trust.p12").toString());
    TestJvms.waitFor(dir.resolve("member.log"), "alr worker member: up at", member, 90);
    assertTrue(intruder.waitFor(90, TimeUnit.SECONDS), "the intruder gives up within its join timeout");
    assertEquals(1, intruder.exitValue());
    assertTrue(Files.readString(dir.resolve("intruder.log")).contains("alr worker: could not join the cluster through "
        + seed), Files.readString(dir.resolve("intruder.log")));
    String members = Files.readString(dir.resolve("coordinator.log"));
    assertEquals(1, members.split("member up: .*\\[worker", -1).length - 1, members);
  }

  @Test
  void aWorkerThatCannotReachItsSeedNodesExitsWithAClearMessage() throws Exception {
    String seed = "127.0.0.1:" + TestJvms.freePort();
    long started = System.nanoTime();
    Process worker = jvms.spawn(dir.resolve("worker.log"), Map.of(), "worker", "--seed-nodes", seed,
        "--join-timeout", "5");
    assertTrue(worker.waitFor(90, TimeUnit.SECONDS));
    assertEquals(1, worker.exitValue());
    String log = Files.readString(dir.resolve("worker.log"));
    assertTrue(log.contains("alr worker: could not join the cluster through " + seed + " within 5 s"), log);
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60));
  }
}
