package dev.alr.actors.wire;

import dev.alr.engine.spi.ModelState;
import java.util.Objects;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.util.ByteString;

/**
 * A model state as a protocol message carries it: the state itself ({@link Inline}) when sender
 * and receiver share a JVM (never serialized) or the state is small enough to travel inside the
 * message ({@link StateStreams#INLINE_MAX_BYTES}, serialized with a CRC-32C), or else a header and a
 * Pekko Streams {@link SourceRef} of its bytes ({@link Streamed}) that the receiver pulls in
 * chunks with flow control and verifies by checksum. Made by {@link StateStreams#ship}, opened by
 * {@link StateStreams#receive}. Immutable.
 */
public sealed interface StatePayload permits StatePayload.Inline, StatePayload.Streamed {

  /** The state itself (same JVM, or at most {@link StateStreams#INLINE_MAX_BYTES} between nodes). */
  record Inline(ModelState state) implements StatePayload {
    public Inline {
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * A state on another node: its header, then {@link StateHeader#bytes()} bytes — little-endian
   * floats (parameters, then updater), then the pruning mask's bytes — pulled through {@code chunks}. A stream ref can be
   * materialized once; the sending side gives up if nobody pulls within Pekko's
   * {@code stream-ref.subscription-timeout}.
   */
  record Streamed(StateHeader header, SourceRef<ByteString> chunks) implements StatePayload {
    public Streamed {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(chunks, "chunks");
    }
  }

  /**
   * What a streamed state holds, sent ahead of its bytes.
   *
   * @param formatVersion {@link ModelState#formatVersion()}
   * @param architecture  {@link ModelState#architecture()}
   * @param iteration     {@link ModelState#iteration()}
   * @param params        parameter floats
   * @param updater       updater floats
   * @param mask          pruning-mask bytes: 0 (dense) or one per parameter
   * @param checksum      CRC-32C of the streamed bytes
   */
  record StateHeader(int formatVersion, String architecture, long iteration, int params, int updater, int mask,
                     long checksum) {
    /**
     * @throws IllegalArgumentException when a count is negative or the architecture is missing
     */
    public StateHeader {
      Objects.requireNonNull(architecture, "architecture");
      if (params < 0 || updater < 0) {
        throw new IllegalArgumentException("state header: negative float count (" + params + ", " + updater + ")");
      }
      if (mask != 0 && mask != params) {
        throw new IllegalArgumentException("state header: a mask of " + mask + " bytes for " + params + " parameters");
      }
    }

    /** Bytes that follow the header. */
    public long bytes() {
      return 4L * params + 4L * updater + mask;
    }

    /** Bytes of floats (parameters and updater) that come before the mask. */
    public long floatBytes() {
      return 4L * params + 4L * updater;
    }
  }
}
