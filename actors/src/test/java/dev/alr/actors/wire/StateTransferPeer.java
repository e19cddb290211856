package dev.alr.actors.wire;

import dev.alr.actors.EpochClose;
import dev.alr.actors.Worker;
import dev.alr.actors.cluster.NodeConfig;
import dev.alr.engine.spi.ModelState;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * One side of {@link StateTransferTest}, in its own JVM: {@code send SEED FLOATS} holds a
 * synthetic state of {@code FLOATS} floats (value i = f(i)) and answers {@link Worker.FetchState}
 * like a worker does, until told {@link Worker.Release}; {@code receive SEED FLOATS} fetches it
 * through a real {@link EpochClose} and checks every float. Each prints its peak heap and exits
 * 0, or prints {@code FAILED} and exits 1.
 */
public final class StateTransferPeer {
  private StateTransferPeer() {
  }

  /** The value streamed at float index {@code i}. */
  static float value(long i) {
    return (float) ((i % 1_000_003) * 1e-3 - i % 7);
  }

  /** Sum of the heap pools' peak use since start, in MiB. */
  static long peakHeapMiB() {
    long b = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        b += p.getPeakUsage().getUsed();
      }
    }
    return b >> 20;
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String seed = args[1];
    int floats = Integer.parseInt(args[2]);
    NodeConfig nc = new NodeConfig("worker", "127.0.0.1", 0, List.of(seed), null);
    CompletableFuture<String> done = new CompletableFuture<>();
    Behavior<Void> guardian = "send".equals(mode) ? sender(floats, done) : receiver(floats, done);
    ActorSystem<Void> system = ActorSystem.create(guardian, NodeConfig.SYSTEM_NAME, nc.toConfig());
    int rc = 0;
    try {
      System.out.println(done.get(90, TimeUnit.SECONDS));
    } catch (Exception e) {
      System.out.println("FAILED " + e);
      rc = 1;
    }
    System.out.println("PEAK_HEAP_MIB " + peakHeapMiB());
    System.out.flush();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.exit(rc);
  }

  private static Behavior<Void> sender(int floats, CompletableFuture<String> done) {
    return Behaviors.setup(ctx -> {
      int np = floats / 5 * 4;
      float[] params = new float[np];
      float[] updater = new float[floats - np];
      for (int i = 0; i < np; i++) {
        params[i] = value(i);
      }
      for (int i = 0; i < updater.length; i++) {
        updater[i] = value(np + (long) i);
      }
      ModelState state = new ModelState(ModelState.FORMAT_VERSION, "synthetic", params, updater, 42);
      ActorRef<Worker.Command> holder = ctx.spawn(Behaviors.receive(Worker.Command.class)
          .onMessage(Worker.FetchState.class, m -> {
            m.replyTo().tell(new Worker.StateReply(m.requestId(), m.candidateId(),
                StateStreams.ship(state, m.replyTo(), ctx.getSystem()), null));
            return Behaviors.same();
          })
          .onMessage(Worker.Release.class, m -> {
            done.complete("SENT");
            return Behaviors.stopped();
          })
          .build(), "holder");
      ctx.getSystem().receptionist().tell(Receptionist.register(Worker.SERVICE_KEY, holder));
      System.out.println("READY");
      System.out.flush();
      return Behaviors.empty();
    });
  }

  private static Behavior<Void> receiver(int floats, CompletableFuture<String> done) {
    return Behaviors.<Object>setup(ctx -> {
      ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, l -> l);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(Worker.SERVICE_KEY, listings));
      long[] started = new long[1];
      List<ActorRef<Worker.Command>> holders = new java.util.ArrayList<>();
      return Behaviors.receive(Object.class)
          .onMessage(Receptionist.Listing.class, l -> {
            Set<ActorRef<Worker.Command>> found = l.getServiceInstances(Worker.SERVICE_KEY);
            if (found.isEmpty() || started[0] != 0) {
              return Behaviors.same();
            }
            ActorRef<Worker.Command> holder = found.iterator().next();
            holders.add(holder);
            started[0] = System.nanoTime();
            ActorRef<EpochClose.Completed> replies = ctx.messageAdapter(EpochClose.Completed.class, c -> c);
            ctx.spawn(EpochClose.create(1, null, List.of(new EpochClose.Fetch(7, holder)), Duration.ofSeconds(60),
                replies), "close");
            return Behaviors.same();
          })
          .onMessage(EpochClose.Completed.class, c -> {
            double seconds = (System.nanoTime() - started[0]) / 1e9;
            ModelState s = c.states().get(7);
            if (s == null) {
              done.completeExceptionally(new IllegalStateException("state missing: " + c.failures()));
              return Behaviors.stopped();
            }
            String bad = check(s, floats);
            if (bad != null) {
              done.completeExceptionally(new IllegalStateException(bad));
              return Behaviors.stopped();
            }
            holders.get(0).tell(new Worker.Release(List.of(7)));
            done.complete(String.format("RECEIVED intact %d bytes in %.1f s, crc %x", s.byteSize(), seconds,
                StateStreams.checksum(s)));
            return Behaviors.stopped();
          })
          .build();
    }).narrow();
  }

  /** Null when {@code s} holds exactly the synthetic values, else what differs. */
  private static String check(ModelState s, int floats) {
    if (s.params().length + s.updater().length != floats || s.iteration() != 42
        || !"synthetic".equals(s.architecture())) {
      return "wrong shape: " + s;
    }
    for (int i = 0; i < s.params().length; i++) {
      if (Float.floatToRawIntBits(s.params()[i]) != Float.floatToRawIntBits(value(i))) {
        return "param " + i + " differs";
      }
    }
    for (int i = 0; i < s.updater().length; i++) {
      if (Float.floatToRawIntBits(s.updater()[i]) != Float.floatToRawIntBits(value(s.params().length + (long) i))) {
        return "updater " + i + " differs";
      }
    }
    return null;
  }
}
