package dev.alr.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.alr.actors.Worker;
import dev.alr.actors.cluster.NodeConfig;
import dev.alr.actors.wire.StateStreams;
import dev.alr.engine.spi.ModelState;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Measures how a model state travels between two nodes (two actor systems in this JVM over
 * loopback Artery TCP, with alr's cluster settings: Kryo wire format, states of at most
 * {@link StateStreams#INLINE_MAX_BYTES} inside the message, bigger ones streamed in chunks by
 * {@link StateStreams}): the CRC-32C the sender computes, and the round trip of a
 * {@link Worker.FetchState} answered with a state of {@code floats} floats (default: the default
 * MLP's 235,146 floats, 940 KB) until the state has arrived whole and verified. Prints medians and
 * 90th percentiles. A benchmark, never a test:
 * {@code java -cp ... dev.alr.bench.StateTransferBench [reps] [floats]}.
 */
public final class StateTransferBench {
  private StateTransferBench() {
  }

  /** Runs the benchmark; {@code args[0]}: repetitions (default 50); {@code args[1]}: floats (default 235,146). */
  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Config remote = ConfigFactory.parseString("pekko.actor.provider = remote");
    Config a = remote.withFallback(new NodeConfig("search", "127.0.0.1", 0, List.of("127.0.0.1:1"), null).toConfig());
    Config b = remote.withFallback(new NodeConfig("worker", "127.0.0.1", 0, List.of("127.0.0.1:1"), null).toConfig());
    float[] params = new float[args.length > 1 ? Integer.parseInt(args[1]) : 235_146];
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) Math.sin(i);
    }
    ModelState state = new ModelState(ModelState.FORMAT_VERSION, "mlp", params, new float[0], 100);
    ActorSystem<Void> holder = ActorSystem.create(Behaviors.setup(ctx -> {
      ctx.spawn(Behaviors.<Void>setup(c -> {
        c.spawn(Behaviors.receive(Worker.Command.class).onMessage(Worker.FetchState.class, m -> {
          m.replyTo().tell(new Worker.StateReply(m.requestId(), m.candidateId(),
              StateStreams.ship(state, m.replyTo(), c.getSystem()), null));
          return Behaviors.same();
        }).build(), "run-0");
        return Behaviors.empty();
      }), "node");
      return Behaviors.empty();
    }), "alr", b);
    AtomicReference<CompletableFuture<Worker.Reply>> pending = new AtomicReference<>();
    CompletableFuture<ActorRef<Worker.Reply>> replyTo = new CompletableFuture<>();
    ActorSystem<Void> asker = ActorSystem.create(Behaviors.setup(ctx -> {
      ctx.spawn(Behaviors.<Void>setup(c -> {
        replyTo.complete(c.spawn(Behaviors.<Worker.Reply>receiveMessage(m -> {
          pending.get().complete(m);
          return Behaviors.same();
        }), "replies"));
        return Behaviors.empty();
      }), "coordinator");
      return Behaviors.empty();
    }), "alr", a);
    try {
      double[] codec = new double[reps];
      for (int i = 0; i < reps; i++) {
        long t = System.nanoTime();
        StateStreams.checksum(state);
        codec[i] = (System.nanoTime() - t) / 1e6;
      }
      ActorRef<Worker.Command> worker = ActorRefResolver.get(asker).resolveActorRef(
          Adapter.toClassic(holder).provider().getDefaultAddress() + "/user/node/run-0");
      double[] rtt = new double[reps];
      for (int i = -5; i < reps; i++) {
        long t = System.nanoTime();
        CompletableFuture<Worker.Reply> r = new CompletableFuture<>();
        pending.set(r);
        worker.tell(new Worker.FetchState(i, 1, replyTo.get()));
        Worker.StateReply s = (Worker.StateReply) r.get(30, TimeUnit.SECONDS);
        if (s.state() == null) {
          throw new IllegalStateException("state not held");
        }
        if (StateStreams.receive(s.state(), asker).toCompletableFuture().get(60, TimeUnit.SECONDS).byteSize()
            != state.byteSize()) {
          throw new IllegalStateException("state arrived with the wrong size");
        }
        if (i >= 0) {
          rtt[i] = (System.nanoTime() - t) / 1e6;
        }
      }
      System.out.printf(Locale.ROOT, "state %d bytes; CRC-32C: median %.2f ms, p90 %.2f ms;"
          + " FetchState round trip over loopback Artery, state %s and verified: median %.2f ms, p90 %.2f ms"
          + " (%d reps)%n",
          state.byteSize(), pct(codec, 50), pct(codec, 90),
          state.byteSize() <= StateStreams.INLINE_MAX_BYTES ? "inline" : "streamed", pct(rtt, 50), pct(rtt, 90), reps);
    } finally {
      asker.terminate();
      holder.terminate();
      asker.getWhenTerminated().toCompletableFuture().get();
      holder.getWhenTerminated().toCompletableFuture().get();
    }
  }

  private static double pct(double[] xs, int p) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }
}
