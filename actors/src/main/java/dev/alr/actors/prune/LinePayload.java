package dev.alr.actors.prune;

import dev.alr.actors.wire.StatePayload;
import dev.alr.actors.wire.StateStreams;
import dev.alr.engine.spi.ModelState;
import dev.alr.models.prune.LineState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A pruning line's state on the wire: the trained model state and the two weight arrays a reset
 * may need, each a {@link StatePayload} ({@link StateStreams}: inline within a JVM or when small,
 * streamed in chunks between nodes otherwise), so lines of any size travel. A weight array
 * travels as a {@link ModelState} whose parameters are the array and whose architecture is
 * {@value #ARRAY}. Immutable.
 *
 * @param trained     the trained state
 * @param rewindPoint the rewind weights, or null
 * @param epochStart  the weights at the start of the last epoch, or null
 */
public record LinePayload(StatePayload trained, StatePayload rewindPoint, StatePayload epochStart) {
  /** Architecture string of a bare weight array carried as a state. */
  public static final String ARRAY = "prune-weights";

  /** The payload that carries {@code line} to {@code destination}; null for a null line. */
  public static LinePayload ship(LineState line, ActorRef<?> destination, ActorSystem<?> system) {
    if (line == null) {
      return null;
    }
    return new LinePayload(StateStreams.ship(line.trained(), destination, system),
        StateStreams.ship(array(line.rewindPoint()), destination, system),
        StateStreams.ship(array(line.epochStart()), destination, system));
  }

  /** The line {@code payload} carries, once every part has arrived whole and verified; null for null. */
  public static CompletionStage<LineState> receive(LinePayload payload, ActorSystem<?> system) {
    if (payload == null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<ModelState> trained = StateStreams.receive(payload.trained(), system).toCompletableFuture();
    CompletableFuture<ModelState> rewind = StateStreams.receive(payload.rewindPoint(), system).toCompletableFuture();
    CompletableFuture<ModelState> start = StateStreams.receive(payload.epochStart(), system).toCompletableFuture();
    return CompletableFuture.allOf(trained, rewind, start).thenApply(v -> {
      if (trained.join() == null) {
        throw new IllegalArgumentException("a pruning line arrived without its trained state");
      }
      return new LineState(trained.join(), weights(rewind.join()), weights(start.join()));
    });
  }

  private static ModelState array(float[] weights) {
    return weights == null ? null : new ModelState(ModelState.FORMAT_VERSION, ARRAY, weights, new float[0], 0);
  }

  private static float[] weights(ModelState s) {
    if (s == null) {
      return null;
    }
    if (!ARRAY.equals(s.architecture()) || s.updater().length != 0) {
      throw new IllegalArgumentException("a pruning line's weight array arrived as a state of " + s.architecture());
    }
    return s.params();
  }
}
