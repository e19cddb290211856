package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/alr-cluster start --hosts FILE} really over ssh, with TLS and mutual authentication:
 * a throwaway {@code sshd} (its own host key, authorized key and config, listening on 127.0.0.3 and
 * 127.0.0.4 on a spare port; an {@code ssh} wrapper on this test's {@code PATH} points ssh at a
 * config naming that port, the key and a temporary known-hosts file, and forwards
 * {@code ALR_TLS_*} and {@code OPENBLAS_*}: hosts must pick the same BLAS kernel as the reference
 * run for bit-identical losses) stands for two hosts. The coordinator binds 127.0.0.2, the workers are started
 * over ssh and bind their host's address, the search binds 127.0.0.5; every node holds the
 * cluster's key pair and trusts only it. The search equals the in-process run, and
 * {@code bin/alr-cluster stop} stops the workers over ssh. Skips, saying why, where sshd is not
 * installed or this is not root ({@code .ci/run} installs {@code openssh-server}). Nothing outside
 * the temporary directory changes, except {@code /run/sshd} (sshd's privilege-separation
 * directory), created only when missing and removed again.
 */
class ClusterSshTest {
  private static final String PASSWORD = "ssh-test-secret";
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Path PRIVSEP = Path.of("/run/sshd");

  @TempDir
  static Path dir;

  static Process sshd;
  static boolean madePrivsep;
  static Path runDir;
  static Path alrBin;

  @BeforeAll
  static void startSshd() throws Exception {
    String why = !Files.isExecutable(SSHD) ? SSHD + " is not installed (apt-get install openssh-server)"
        : !"root".equals(System.getProperty("user.name")) ? "sshd needs root here, running as "
        + System.getProperty("user.name") : null;
    if (why != null) {
      System.out.println("ClusterSshTest skipped: " + why);
    }
    Assumptions.assumeTrue(why == null, why);
    TestJvms.tool(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "host_key");
    TestJvms.tool(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "user_key");
    Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
    int port = TestJvms.freePort();
    Files.writeString(dir.resolve("sshd_config"), String.join("\n", "Port " + port, "ListenAddress 127.0.0.3",
        "ListenAddress 127.0.0.4", "HostKey " + dir.resolve("host_key"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PidFile " + dir.resolve("sshd.pid"),
        "StrictModes no", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
        "PermitRootLogin prohibit-password", "AcceptEnv ALR_TLS_* OPENBLAS_*", ""));
    Files.writeString(dir.resolve("ssh_config"), String.join("\n", "Host 127.0.0.*", "  Port " + port,
        "  User " + System.getProperty("user.name"), "  IdentityFile " + dir.resolve("user_key"),
        "  IdentitiesOnly yes", "  UserKnownHostsFile " + dir.resolve("known_hosts"),
        "  StrictHostKeyChecking accept-new", "  SendEnv ALR_TLS_* OPENBLAS_*", ""));
    Path wrappers = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(wrappers.resolve("ssh"), "#!/bin/sh\nexec /usr/bin/ssh -F '" + dir.resolve("ssh_config")
        + "' \"$@\"\n");
    assertTrue(wrappers.resolve("ssh").toFile().setExecutable(true));
    if (!Files.isDirectory(PRIVSEP)) {
      Files.createDirectory(PRIVSEP);
      madePrivsep = true;
    }
    sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!listening("127.0.0.4", port)) {
      if (!sshd.isAlive() || System.nanoTime() > deadline) {
        String log = Files.readString(dir.resolve("sshd.log"));
        System.out.println("ClusterSshTest skipped: sshd did not start: " + log);
        Assumptions.assumeTrue(false, "sshd did not start: " + log);
      }
      Thread.sleep(100);
    }

    for (String cmd : List.of(
        "-genkeypair -alias cluster -keyalg EC -groupname secp256r1 -dname CN=cluster -validity 2 -storetype PKCS12"
            + " -keystore cluster.p12 -storepass " + PASSWORD + " -keypass " + PASSWORD,
        "-exportcert -alias cluster -keystore cluster.p12 -storepass " + PASSWORD + " -file cluster.crt",
        "-importcert -noprompt -alias cluster -file cluster.crt -storetype PKCS12 -keystore trust.p12 -storepass "
            + PASSWORD)) {
      List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
          .toString()));
      args.addAll(List.of(cmd.split(" ")));
      TestJvms.tool(dir, args.toArray(String[]::new));
    }
    runDir = dir.resolve("run");
    alrBin = dir.resolve("alr");
    Files.writeString(alrBin, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' $ALR_JAVA_OPTS -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName()
        + " \"$@\"\n");
    assertTrue(alrBin.toFile().setExecutable(true));
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (runDir != null) {
      cluster("stop");
    }
    if (sshd != null) {
      sshd.destroy();
      sshd.waitFor(10, TimeUnit.SECONDS);
    }
    if (madePrivsep) {
      Files.deleteIfExists(PRIVSEP);
    }
  }

  private static boolean listening(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code bin/alr-cluster args} with the ssh wrapper first on the PATH, within 300 s. */
  private static String cluster(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", ClusterLauncherTest.script().toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectInput(new File("/dev/null"))
        .redirectErrorStream(true).redirectOutput(out.toFile());
    Map<String, String> env = pb.environment();
    env.put("PATH", dir.resolve("bin") + File.pathSeparator + env.get("PATH"));
    env.put("ALR_CLUSTER_DIR", runDir.toString());
    env.put("ALR_BIN", alrBin.toString());
    env.put("ALR_JAVA_OPTS", "-Xmx512m");
    env.put("ALR_TLS_KEYSTORE_PASSWORD", PASSWORD);
    env.put("ALR_TLS_TRUSTSTORE_PASSWORD", PASSWORD);
    env.put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("alr-cluster " + String.join(" ", args) + " did not finish within 300 s");
    }
    String text = Files.readString(out);
    assertEquals(0, p.exitValue(), "alr-cluster " + String.join(" ", args) + ": " + text);
    return text;
  }

  @Test
  void workersStartedOverSshOnTheirOwnAddressesWithMutualTlsGiveTheInProcessResult() throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "# two hosts\n127.0.0.3\n127.0.0.4\n");
    List<String> tls = List.of("--tls-keystore", dir.resolve("cluster.p12").toString(), "--tls-truststore",
        dir.resolve("trust.p12").toString());
    List<String> start = new ArrayList<>(List.of("start", "--workers", "2", "--hosts", hosts.toString(), "--bind",
        "127.0.0.2", "--port", String.valueOf(TestJvms.freePort()), "--"));
    start.addAll(tls);
    cluster(start.toArray(String[]::new));
    for (int i = 0; i < 2; i++) {
      // start returns once the coordinator saw both join; each worker prints its line just after.
      TestJvms.waitFor(runDir.resolve("worker-" + i + ".log"), "up at pekko://alr@127.0.0." + (3 + i) + ":", null, 60);
      assertEquals("127.0.0." + (3 + i), Files.readString(runDir.resolve("worker-" + i + ".host")).strip());
    }
    String coordinator = Files.readString(runDir.resolve("coordinator.log"));
    assertTrue(coordinator.contains("(TLS, mutual auth)"), coordinator);
    assertTrue(coordinator.contains("pekko://alr@127.0.0.3:") && coordinator.contains("pekko://alr@127.0.0.4:"),
        coordinator);

    List<String> run = new ArrayList<>(List.of("run", "--", "--bind", "127.0.0.5", "--json",
        dir.resolve("cluster.json").toString()));
    run.addAll(tls);
    run.addAll(ClusterFaultsTest.SEARCH);
    cluster(run.toArray(String[]::new));
    List<String> reference = new ArrayList<>(List.of("search", "--workers", "2", "--json",
        dir.resolve("reference.json").toString()));
    reference.addAll(ClusterFaultsTest.SEARCH);
    assertEquals(0, CliRun.of(reference).code());
    ObjectMapper json = new ObjectMapper();
    JsonNode expected = json.readTree(dir.resolve("reference.json").toFile());
    JsonNode actual = json.readTree(dir.resolve("cluster.json").toFile());
    assertEquals(expected.get("lrPath"), actual.get("lrPath"));
    assertEquals(expected.get("lineage"), actual.get("lineage"));
    for (int e = 0; e < expected.get("epochs").size(); e++) {
      JsonNode a = expected.get("epochs").get(e).get("candidates");
      JsonNode b = actual.get("epochs").get(e).get("candidates");
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertEquals(a.get(i).get("loss"), b.get(i).get("loss"), "loss of candidate " + i + " in epoch " + (e + 1));
      }
    }

    long[] pids = new long[2];
    for (int i = 0; i < 2; i++) {
      pids[i] = Long.parseLong(Files.readString(runDir.resolve("worker-" + i + ".remote-pid")).strip());
      assertTrue(ProcessHandle.of(pids[i]).map(ProcessHandle::isAlive).orElse(false), "worker-" + i + " pid recorded");
    }
    assertTrue(cluster("stop").contains("stopped "));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int i = 0; i < 2; i++) {
      long pid = pids[i];
      while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        assertTrue(System.nanoTime() < deadline, "worker-" + i + " (pid " + pid + ") still alive after stop");
        Thread.sleep(100);
      }
    }
  }
}
