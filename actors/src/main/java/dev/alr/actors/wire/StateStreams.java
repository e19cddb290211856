package dev.alr.actors.wire;

import com.typesafe.config.Config;
import dev.alr.engine.spi.ModelState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.zip.CRC32C;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.apache.pekko.util.ByteString;

/**
 * Moves model states of any size between nodes. A state of at most {@link #INLINE_MAX_BYTES}
 * travels inside its message ({@link StatePayload.Inline}, with a CRC-32C the reader checks);
 * a bigger one is streamed: the sender offers the state's bytes as a Pekko
 * Streams {@link SourceRef} of {@value #CHUNK_BYTES}-byte chunks, generated lazily from the
 * state's own float arrays; the receiver pulls them with Pekko's flow control (at most
 * {@code pekko.stream.materializer.stream-ref.buffer-capacity} chunks in flight) straight into
 * float arrays of the size the header announced, and checks the CRC-32C the header carries. Each
 * chunk is an ordinary Artery message well below the ordinary lane's frame, so no frame size
 * depends on the model, and heartbeats interleave with the chunks.
 *
 * <p>Memory: the sender holds the (immutable, already held) state plus the chunks in flight; the
 * receiver the arrays being filled plus the chunks in flight. No side makes a whole extra copy.
 *
 * <p>Deadlines: a sender whose stream nobody pulls gives up after Pekko's
 * {@code stream-ref.subscription-timeout}; a receiver that gets no chunk for
 * {@value #IDLE_TIMEOUT_KEY} fails the transfer; a dead peer fails it through Pekko's watch of
 * the stream's partner. Received headers are untrusted: a state above {@value #MAX_STATE_BYTES_KEY},
 * a format this build does not read, a chunk that is not whole floats, too many or too few bytes,
 * or a checksum mismatch fail the transfer with a one-line message.
 *
 * <p>Stateless and thread-safe: each call has its own stream.
 */
public final class StateStreams {
  /** Bytes of one chunk: a multiple of 4 well below Artery's 256 KiB ordinary frame. */
  public static final int CHUNK_BYTES = 128 * 1024;
  /**
   * Largest state (parameters + updater bytes) that travels inside its message rather than as a
   * stream: a whole message of this size stays well below Artery's 256 KiB ordinary frame, and
   * skips the stream's subscription handshake.
   */
  public static final int INLINE_MAX_BYTES = 192 * 1024;
  /** Configuration key: longest wait for the next chunk of a state being received. */
  public static final String IDLE_TIMEOUT_KEY = "alr.wire.state-idle-timeout";
  /** Configuration key of the largest state a node accepts (also bounds the arrays a header may claim). */
  public static final String MAX_STATE_BYTES_KEY = KryoSerializer.MAX_STATE_BYTES_KEY;

  private static final int CHUNK_FLOATS = CHUNK_BYTES / 4;

  private StateStreams() {
  }

  /**
   * The payload that carries {@code state} to {@code destination}: inline when the destination
   * is in this JVM or the state is at most {@link #INLINE_MAX_BYTES} (then serialized inside the
   * message with its CRC-32C), else a stream offered from this system.
   *
   * @return null when {@code state} is null
   */
  public static StatePayload ship(ModelState state, ActorRef<?> destination, ActorSystem<?> system) {
    if (state == null) {
      return null;
    }
    if (destination.path().address().hasLocalScope() || state.byteSize() <= INLINE_MAX_BYTES) {
      return new StatePayload.Inline(state);
    }
    return stream(state, system);
  }

  /** {@code state} offered as a stream from {@code system}, whoever receives it. */
  public static StatePayload.Streamed stream(ModelState state, ActorSystem<?> system) {
    StatePayload.StateHeader header = new StatePayload.StateHeader(state.formatVersion(), state.architecture(),
        state.iteration(), state.params().length, state.updater().length, state.mask().length, checksum(state));
    KryoSerializer counter = KryoSerializer.bound(Adapter.toClassic(system));
    SourceRef<ByteString> ref = Source.fromIterator(() -> new Chunks(state))
        .map(chunk -> {
          if (counter != null) {
            counter.streamed(chunk.size(), 0);
          }
          return chunk;
        })
        .runWith(StreamRefs.sourceRef(), Materializer.matFromSystem(system));
    return new StatePayload.Streamed(header, ref);
  }

  /**
   * The state {@code payload} carries: at once when inline, else once its stream has arrived
   * whole and verified. Fails with an {@link IllegalArgumentException} (one line) on a bad header,
   * bad bytes or checksum, and with Pekko's exception when the stream stalls past
   * {@value #IDLE_TIMEOUT_KEY} or the sender is lost.
   *
   * @return null when {@code payload} is null
   */
  public static CompletionStage<ModelState> receive(StatePayload payload, ActorSystem<?> system) {
    if (payload == null) {
      return CompletableFuture.completedFuture(null);
    }
    if (payload instanceof StatePayload.Inline in) {
      return CompletableFuture.completedFuture(in.state());
    }
    StatePayload.Streamed s = (StatePayload.Streamed) payload;
    Config config = system.settings().config();
    Assembler a;
    try {
      a = new Assembler(s.header(), config.getBytes(MAX_STATE_BYTES_KEY));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    Duration idle = config.getDuration(IDLE_TIMEOUT_KEY);
    KryoSerializer counter = KryoSerializer.bound(Adapter.toClassic(system));
    return s.chunks().getSource()
        .idleTimeout(idle)
        .runWith(Sink.foreach(chunk -> {
          a.accept(chunk);
          if (counter != null) {
            counter.streamed(0, chunk.size());
          }
        }), Materializer.matFromSystem(system))
        .thenApply(done -> a.finish());
  }

  /** CRC-32C of the state's bytes as streamed (little-endian floats, parameters then updater; then the mask). */
  public static long checksum(ModelState state) {
    CRC32C crc = new CRC32C();
    ByteBuffer scratch = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] a : new float[][] {state.params(), state.updater()}) {
      for (int off = 0; off < a.length; off += CHUNK_FLOATS) {
        int n = Math.min(CHUNK_FLOATS, a.length - off);
        scratch.clear();
        scratch.asFloatBuffer().put(a, off, n);
        scratch.limit(4 * n);
        crc.update(scratch);
      }
    }
    crc.update(state.mask());
    return crc.getValue();
  }

  /** The state's chunks, each made when the stream asks for it. */
  private static final class Chunks implements Iterator<ByteString> {
    private final float[][] arrays;
    private final byte[] mask;
    private int array;
    private int offset;
    private int maskOffset;

    Chunks(ModelState state) {
      this.arrays = new float[][] {state.params(), state.updater()};
      this.mask = state.mask();
      skipEmpty();
    }

    private void skipEmpty() {
      while (array < arrays.length && offset == arrays[array].length) {
        array++;
        offset = 0;
      }
    }

    @Override
    public boolean hasNext() {
      return array < arrays.length || maskOffset < mask.length;
    }

    @Override
    public ByteString next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (array == arrays.length) {
        int n = Math.min(CHUNK_BYTES, mask.length - maskOffset);
        ByteString chunk = ByteString.fromArray(mask, maskOffset, n);
        maskOffset += n;
        return chunk;
      }
      float[] a = arrays[array];
      int n = Math.min(CHUNK_FLOATS, a.length - offset);
      byte[] bytes = new byte[4 * n];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(a, offset, n);
      offset += n;
      skipEmpty();
      return ByteString.fromArrayUnsafe(bytes);
    }
  }

  /** Fills the announced arrays from received chunks; one stream's, on its stream thread. */
  private static final class Assembler {
    private final StatePayload.StateHeader header;
    private final float[] params;
    private final float[] updater;
    private final byte[] mask;
    private final CRC32C crc = new CRC32C();
    private long received;

    Assembler(StatePayload.StateHeader h, long maxStateBytes) {
      if (h.formatVersion() != ModelState.FORMAT_VERSION) {
        throw new IllegalArgumentException("model state format " + h.formatVersion()
            + " is not supported (this build reads " + ModelState.FORMAT_VERSION + ")");
      }
      if (h.bytes() > maxStateBytes) {
        throw new IllegalArgumentException("model state of " + h.bytes() + " bytes is above " + MAX_STATE_BYTES_KEY
            + " (" + maxStateBytes + ")");
      }
      this.header = h;
      this.params = new float[h.params()];
      this.updater = new float[h.updater()];
      this.mask = new byte[h.mask()];
    }

    void accept(ByteString chunk) {
      if (received + chunk.size() > header.bytes()) {
        throw new IllegalArgumentException("model state stream: more than the announced " + header.bytes() + " bytes");
      }
      ByteBuffer bytes = chunk.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      crc.update(bytes.duplicate());
      if (received >= header.floatBytes()) {
        int at = (int) (received - header.floatBytes());
        bytes.get(mask, at, bytes.remaining());
        received += chunk.size();
        return;
      }
      if (chunk.size() % 4 != 0 || received + chunk.size() > header.floatBytes()) {
        throw new IllegalArgumentException("model state stream: a chunk of " + chunk.size()
            + " bytes is not whole floats of the parameters and updater");
      }
      FloatBuffer floats = bytes.asFloatBuffer();
      while (floats.hasRemaining()) {
        long at = received / 4;
        float[] into = at < params.length ? params : updater;
        int off = (int) (at < params.length ? at : at - params.length);
        int n = Math.min(floats.remaining(), into.length - off);
        floats.get(into, off, n);
        received += 4L * n;
      }
    }

    ModelState finish() {
      if (received != header.bytes()) {
        throw new IllegalArgumentException("model state stream ended after " + received + " of "
            + header.bytes() + " bytes");
      }
      if (crc.getValue() != header.checksum()) {
        throw new IllegalArgumentException("model state stream: checksum mismatch (CRC-32C "
            + Long.toHexString(crc.getValue()) + ", announced " + Long.toHexString(header.checksum()) + ")");
      }
      return new ModelState(header.formatVersion(), header.architecture(), params, updater, header.iteration(), mask);
    }
  }
}
