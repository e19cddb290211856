package dev.alr.actors.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.actors.cluster.NodeConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB model state moves between two worker JVMs of one cluster as a stream of chunks
 * (through the real {@link dev.alr.actors.EpochClose} and {@link StateStreams}), arrives intact,
 * each side stays inside a heap of the state plus {@value #HEADROOM_MIB} MiB (so neither makes a
 * whole extra copy), and no node is marked unreachable while it is up (a finished peer leaves and
 * exits). This JVM is the seed and watches reachability.
 */
class StateTransferTest {
  private static final int FLOATS = 50_000_000;
  private static final int HEADROOM_MIB = 100;

  @Test
  void aTwoHundredMegabyteStateArrivesIntactWithBoundedHeapsAndNoUnreachableNode(@TempDir Path dir)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    NodeConfig seed = new NodeConfig("coordinator", "127.0.0.1", port, List.of(), null);
    Queue<String> unreachable = new ConcurrentLinkedQueue<>();
    Behavior<ClusterEvent.ReachabilityEvent> watcher = Behaviors.setup(ctx -> {
      Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(ctx.getSelf(),
          ClusterEvent.ReachabilityEvent.class));
      return Behaviors.receiveMessage(e -> {
        // A peer that has finished leaves the cluster and exits: only members still Up count.
        if (e instanceof ClusterEvent.UnreachableMember u && u.member().status() == MemberStatus.up()) {
          unreachable.add(u.member().address() + " at " + java.time.Instant.now());
        }
        return Behaviors.same();
      });
    });
    Behavior<Void> guardian = Behaviors.setup(ctx -> {
      ctx.spawn(watcher, "reachability");
      return Behaviors.empty();
    });
    ActorSystem<Void> system = ActorSystem.create(guardian, NodeConfig.SYSTEM_NAME, seed.toConfig());
    List<Process> peers = new ArrayList<>();
    try {
      String seedAddress = "127.0.0.1:" + port;
      Path sendLog = dir.resolve("send.log");
      Path receiveLog = dir.resolve("receive.log");
      Process sender = peer(peers, "send", seedAddress, sendLog);
      Process receiver = peer(peers, "receive", seedAddress, receiveLog);
      assertTrue(receiver.waitFor(120, TimeUnit.SECONDS), "receiver did not finish in 120 s: " + Files.readString(receiveLog));
      assertTrue(sender.waitFor(30, TimeUnit.SECONDS), "sender did not finish in 30 s: " + Files.readString(sendLog));
      String received = Files.readString(receiveLog);
      String sent = Files.readString(sendLog);
      assertEquals(0, receiver.exitValue(), received);
      assertEquals(0, sender.exitValue(), sent);
      assertTrue(received.contains("RECEIVED intact " + 4L * FLOATS + " bytes"), received);
      assertTrue(sent.contains("SENT"), sent);
      System.out.println("state transfer: " + line(received, "RECEIVED") + "; sender peak heap "
          + line(sent, "PEAK_HEAP_MIB") + " MiB, receiver peak heap " + line(received, "PEAK_HEAP_MIB") + " MiB"
          + " (-Xmx" + xmxMiB() + "m each)");
      assertTrue(unreachable.isEmpty(), "marked unreachable during the transfer: " + unreachable + "\nseed "
          + seedAddress + "\nsender:\n" + sent + "\nreceiver:\n" + received);
    } finally {
      peers.forEach(Process::destroyForcibly);
      for (Process p : peers) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static int xmxMiB() {
    return 4 * FLOATS / (1 << 20) + HEADROOM_MIB;
  }

  private static String line(String log, String prefix) {
    return log.lines().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).trim())
        .orElse("?");
  }

  private static Process peer(List<Process> peers, String mode, String seed, Path log) throws IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + xmxMiB() + "m", "-XX:+UseSerialGC", "-XX:-CreateCoredumpOnCrash",
        "-XX:ErrorFile=" + log.getParent().resolve("hs_err_%p.log"),
        "-cp", System.getProperty("java.class.path"), StateTransferPeer.class.getName(), mode, seed,
        String.valueOf(FLOATS));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    peers.add(p);
    return p;
  }
}
