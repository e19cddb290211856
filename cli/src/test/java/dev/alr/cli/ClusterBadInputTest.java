package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad cluster options, for every role: one line naming the flag (or file) and what is allowed,
 * exit 2, nothing written, no stack trace, before any node starts. Runs each command in its own
 * JVM, since TLS passwords come from the environment. Also: a non-loopback {@code --bind} runs
 * with {@code --insecure-plaintext} and says so, and the submit timeout names real options.
 */
class ClusterBadInputTest {
  private static final String PASSWORD = "alr-test-pw";

  @TempDir
  static Path stores;

  @TempDir
  Path dir;

  private final TestJvms jvms = new TestJvms();

  @AfterEach
  void kill() {
    jvms.killAll();
  }

  @BeforeAll
  static void makeStores() throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    TestJvms.tool(stores, keytool, "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=node", "-validity", "2", "-storetype", "PKCS12", "-keystore", "node.p12", "-storepass", PASSWORD,
        "-keypass", PASSWORD);
    TestJvms.tool(stores, keytool, "-exportcert", "-alias", "node", "-keystore", "node.p12", "-storepass", PASSWORD,
        "-file", "node.crt");
    TestJvms.tool(stores, keytool, "-importcert", "-noprompt", "-alias", "node", "-file", "node.crt", "-storetype",
        "PKCS12", "-keystore", "trust.p12", "-storepass", PASSWORD);
  }

  private static String store(String name) {
    return stores.resolve(name).toString();
  }

  private static Map<String, String> passwords(String keyStore, String trustStore) {
    return Map.of("ALR_TLS_KEYSTORE_PASSWORD", keyStore, "ALR_TLS_TRUSTSTORE_PASSWORD", trustStore);
  }

  private static final Map<String, String> RIGHT = passwords(PASSWORD, PASSWORD);

  /** The role's command line with {@code extra} appended; submit gets a JSON and a checkpoint path in {@code out}. */
  private static List<String> command(String role, Path out, String... extra) throws IOException {
    List<String> args = new ArrayList<>(switch (role) {
      case "coordinator" -> List.of("coordinator", "--port", String.valueOf(TestJvms.freePort()));
      case "worker" -> List.of("worker", "--seed-nodes", "127.0.0.1:1");
      default -> List.of("submit", "--seed-nodes", "127.0.0.1:1", "--dataset", "synthetic", "--limit", "300",
          "--epochs", "1", "--no-progress", "--json", out.resolve("r.json").toString(), "--checkpoint-dir",
          out.resolve("cp").toString());
    });
    args.addAll(List.of(extra));
    return args;
  }

  static Stream<Arguments> badInput() {
    List<Arguments> cases = new ArrayList<>();
    for (String role : List.of("coordinator", "worker", "submit")) {
      cases.add(Arguments.of(role, Map.of(), new String[] {"--join-timeout", "0"}, "--join-timeout"));
      cases.add(Arguments.of(role, Map.of(), new String[] {"--bind", "0.0.0.0"}, "--bind"));
      cases.add(Arguments.of(role, Map.of(), new String[] {"--discovery", "config"}, "--management-port"));
      cases.add(Arguments.of(role, Map.of(), new String[] {"--management-port", "8558", "--discovery", "dns"},
          "--discovery"));
      cases.add(Arguments.of(role, Map.of(), new String[] {"--management-port", "8558", "--discovery", "config"},
          "--discovery-endpoints"));
      cases.add(Arguments.of(role, Map.of(), new String[] {"--management-port", "70000"}, "--management-port"));
      cases.add(Arguments.of(role, passwords("wrong", PASSWORD), new String[] {"--tls-keystore", store("node.p12"),
          "--tls-truststore", store("trust.p12")}, "--tls-keystore"));
    }
    cases.add(Arguments.of("coordinator", Map.of(), new String[] {"--bind", "no-such-host.invalid"}, "--bind"));
    cases.add(Arguments.of("coordinator", Map.of(), new String[] {"--bind", "198.51.100.77", "--insecure-plaintext"},
        "--bind"));
    cases.add(Arguments.of("coordinator", Map.of(), new String[] {"--tls-keystore", store("node.p12"),
        "--tls-truststore", store("trust.p12")}, "--tls-keystore"));
    cases.add(Arguments.of("worker", RIGHT, new String[] {"--tls-keystore", store("node.p12"), "--tls-truststore",
        store("trust.p12"), "--bind", "198.51.100.77"}, "--bind"));
    cases.add(Arguments.of("worker", RIGHT, new String[] {"--tls-keystore", store("node.crt"), "--tls-truststore",
        store("trust.p12")}, "--tls-keystore"));
    cases.add(Arguments.of("worker", passwords(PASSWORD, "wrong"), new String[] {"--tls-keystore", store("node.p12"),
        "--tls-truststore", store("trust.p12")}, "--tls-truststore"));
    cases.add(Arguments.of("worker", RIGHT, new String[] {"--tls-keystore", store("trust.p12"), "--tls-truststore",
        store("trust.p12")}, "--tls-keystore"));
    cases.add(Arguments.of("submit", RIGHT, new String[] {"--tls-keystore", store("node.p12"), "--tls-truststore",
        store("node.crt")}, "--tls-truststore"));
    cases.add(Arguments.of("submit", RIGHT, new String[] {"--tls-keystore", store("missing.p12"), "--tls-truststore",
        store("trust.p12")}, "--tls-keystore"));
    cases.add(Arguments.of("worker", Map.of(), new String[] {"--management-port", "8558", "--discovery",
        "kubernetes-api"}, "--seed-nodes and --discovery"));
    return cases.stream();
  }

  /**
   * Runs {@code args} to its end and returns its output: in this JVM when {@code env} is empty
   * (nothing starts, so nothing leaks), else in a new JVM with {@code env} (the TLS passwords).
   */
  private String runToEnd(Map<String, String> env, List<String> args) throws Exception {
    if (env.isEmpty()) {
      PrintStream oldOut = System.out;
      PrintStream oldErr = System.err;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        assertEquals(Main.BAD_INPUT, Main.execute(args.toArray(String[]::new)), out.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(oldOut);
        System.setErr(oldErr);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
    Path log = dir.resolve("out.log");
    Process p = jvms.spawn(log, env, args.toArray(String[]::new));
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits: " + args);
    String out = Files.readString(log);
    assertEquals(Main.BAD_INPUT, p.exitValue(), out);
    return out;
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("badInput")
  void badClusterInputGivesOneLineExitTwoAndStartsNothing(String role, Map<String, String> env, String[] bad,
                                                         String named) throws Exception {
    Path out = dir.resolve("out");
    String log = runToEnd(env, command(role, out, bad));
    assertEquals(1, log.lines().count(), "one line: " + log);
    assertTrue(log.startsWith("alr " + role + ": " + named), log);
    assertFalse(log.contains("\tat "), log);
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aTakenPortIsNamedBeforeTheNodeStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String log = runToEnd(Map.of(), List.of("coordinator", "--port", String.valueOf(taken.getLocalPort())));
      assertEquals(1, log.lines().count(), log);
      assertTrue(log.startsWith("alr coordinator: --port: cannot listen on 127.0.0.1:" + taken.getLocalPort()), log);
    }
  }

  @Test
  void aNonLoopbackBindRunsOnlyWithInsecurePlaintextAndWarns() throws Exception {
    Path log = dir.resolve("coordinator.log");
    Process coordinator = jvms.spawn(log, Map.of(), "coordinator", "--port", String.valueOf(TestJvms.freePort()),
        "--bind", "0.0.0.0", "--insecure-plaintext");
    TestJvms.waitFor(log, "alr coordinator: up at", coordinator, 90);
    String first = Files.readString(log).lines().findFirst().orElse("");
    assertTrue(first.startsWith("alr coordinator: WARNING: --insecure-plaintext: listening on 0.0.0.0 without TLS"),
        first);
  }

  /** Every {@code --flag} a submit failure message names is an option of submit. */
  private static void namesOnlyRealOptions(String message) {
    CommandLine.Model.CommandSpec submit = new CommandLine(new Main()).getSubcommands().get("submit").getCommandSpec();
    Matcher m = Pattern.compile("--[a-z][a-z-]*").matcher(message);
    int named = 0;
    while (m.find()) {
      assertTrue(submit.findOption(m.group()) != null, m.group() + " is not an option of submit: " + message);
      named++;
    }
    assertTrue(named > 0, "names an option: " + message);
  }

  @Test
  void submitTimeoutsNameOptionsThatExist() throws Exception {
    int port = TestJvms.freePort();
    Path noCluster = dir.resolve("no-cluster.log");
    Process lonely = jvms.spawn(noCluster, Map.of(), command("submit", dir.resolve("a"), "--join-timeout", "3")
        .toArray(String[]::new));
    Path coordinatorLog = dir.resolve("coordinator.log");
    Process coordinator = jvms.spawn(coordinatorLog, Map.of(), "coordinator", "--port", String.valueOf(port));
    TestJvms.waitFor(coordinatorLog, "alr coordinator: up at", coordinator, 90);
    List<String> noWorkers = command("submit", dir.resolve("b"), "--join-timeout", "20");
    noWorkers.set(2, "127.0.0.1:" + port);
    Path noWorkersLog = dir.resolve("no-workers.log");
    Process waiting = jvms.spawn(noWorkersLog, Map.of(), noWorkers.toArray(String[]::new));
    for (Process p : List.of(lonely, waiting)) {
      assertTrue(p.waitFor(90, TimeUnit.SECONDS));
      assertTrue(p.exitValue() != 0);
    }
    String notJoined = lastLine(noCluster);
    assertTrue(notJoined.contains("could not join the cluster"), notJoined);
    namesOnlyRealOptions(notJoined);
    String tooFew = lastLine(noWorkersLog);
    assertTrue(tooFew.contains("only 0 of 1 worker(s) were ready within 20 s"), tooFew);
    namesOnlyRealOptions(tooFew);
  }

  private static String lastLine(Path log) throws IOException {
    List<String> lines = Files.readString(log).lines().filter(l -> l.startsWith("alr submit: ")).toList();
    assertFalse(lines.isEmpty(), Files.readString(log));
    return lines.get(lines.size() - 1);
  }
}
