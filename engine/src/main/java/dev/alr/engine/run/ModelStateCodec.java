package dev.alr.engine.run;

import dev.alr.engine.spi.ModelState;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Binary form of a {@link ModelState} for checkpoints: magic {@code ALRS}, format version,
 * architecture, iteration, then the parameter and updater buffers as little-endian floats, then the
 * pruning mask (a length and one byte per parameter; length 0 when dense). Format 1 (no mask) is
 * refused with a message naming both versions.
 * Reading never allocates more than the input holds: a length is checked against the bytes left
 * ({@link #read(ByteBuffer)}) or the floats are read in bounded chunks ({@link #read(DataInputStream)}),
 * so a corrupt or hostile length fails with an {@link IOException}, not an {@link OutOfMemoryError}.
 * Stateless and thread-safe.
 */
public final class ModelStateCodec {
  private static final int MAGIC = 0x414C5253;
  /** Floats allocated at a time when the stream's length is unknown. */
  private static final int CHUNK = 1 << 20;

  private ModelStateCodec() {
  }

  /** Writes {@code s} to {@code out}. */
  public static void write(ModelState s, DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(s.formatVersion());
    out.writeUTF(s.architecture());
    out.writeLong(s.iteration());
    writeFloats(s.params(), out);
    writeFloats(s.updater(), out);
    out.writeInt(s.mask().length);
    out.write(s.mask());
  }

  /**
   * Reads a state written by {@link #write} from a stream of unknown length.
   *
   * @throws IOException when the bytes are not a model state of a known format ({@link EOFException}
   *                     when they end early)
   */
  public static ModelState read(DataInputStream in) throws IOException {
    int version = header(in.readInt(), in.readInt());
    String arch = in.readUTF();
    long iteration = in.readLong();
    float[] params = readFloats(in);
    float[] updater = readFloats(in);
    int maskLength = in.readInt();
    if (maskLength != 0 && maskLength != params.length) {
      throw new IOException("corrupt model state (mask of " + maskLength + " bytes for " + params.length
          + " parameters)");
    }
    byte[] mask = new byte[maskLength];
    in.readFully(mask);
    return new ModelState(version, arch, params, updater, iteration, mask);
  }

  /**
   * Reads a state written by {@link #write} from {@code buf}, which must hold exactly one state;
   * every length is checked against the bytes left before anything is allocated.
   *
   * @throws IOException when the bytes are not exactly one model state of a known format
   */
  public static ModelState read(ByteBuffer buf) throws IOException {
    try {
      ByteBuffer b = buf.slice().order(ByteOrder.BIG_ENDIAN);
      int version = header(b.getInt(), b.getInt());
      int utf = b.getShort() & 0xFFFF;
      require(b, utf, 1);
      byte[] head = new byte[utf + 2];
      b.position(b.position() - 2);
      b.get(head);
      String arch = new DataInputStream(new ByteArrayInputStream(head)).readUTF();
      long iteration = b.getLong();
      float[] params = readFloats(b);
      float[] updater = readFloats(b);
      int maskLength = b.getInt();
      if (maskLength != 0 && maskLength != params.length) {
        throw new IOException("corrupt model state (mask of " + maskLength + " bytes for " + params.length
            + " parameters)");
      }
      require(b, maskLength, 1);
      byte[] mask = new byte[maskLength];
      b.get(mask);
      if (b.hasRemaining()) {
        throw new IOException("corrupt model state (" + b.remaining() + " bytes after its end)");
      }
      return new ModelState(version, arch, params, updater, iteration, mask);
    } catch (BufferUnderflowException e) {
      throw new EOFException("truncated model state");
    }
  }

  private static int header(int magic, int version) throws IOException {
    if (magic != MAGIC) {
      throw new IOException("not a model state (bad magic number)");
    }
    if (version != ModelState.FORMAT_VERSION) {
      throw new IOException("model state format " + version + " is not supported (this build reads "
          + ModelState.FORMAT_VERSION + ")");
    }
    return version;
  }

  private static void require(ByteBuffer b, long count, int bytesEach) throws IOException {
    if (count < 0 || count * bytesEach > b.remaining()) {
      throw new IOException("corrupt model state (length " + count + " but " + b.remaining() + " bytes left)");
    }
  }

  private static float[] readFloats(ByteBuffer b) throws IOException {
    int n = b.getInt();
    require(b, n, 4);
    float[] a = new float[n];
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
    b.position(b.position() + n * 4);
    return a;
  }

  private static void writeFloats(float[] a, DataOutputStream out) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(a);
    out.write(buf.array());
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt model state (negative length)");
    }
    float[] a = new float[Math.min(n, CHUNK)];
    byte[] bytes = new byte[Math.min(n, CHUNK) * 4];
    for (int done = 0; done < n; ) {
      int k = Math.min(CHUNK, n - done);
      in.readFully(bytes, 0, k * 4);
      if (a.length < done + k) {
        a = Arrays.copyOf(a, (int) Math.min(n, Math.max(2L * a.length, done + k)));
      }
      ByteBuffer.wrap(bytes, 0, k * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a, done, k);
      done += k;
    }
    return a;
  }
}
