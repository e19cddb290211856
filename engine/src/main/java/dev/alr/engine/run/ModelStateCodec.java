package dev.alr.engine.run;

import dev.alr.engine.spi.ModelState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Binary form of a {@link ModelState} for checkpoints: magic {@code ALRS}, format version,
 * architecture, iteration, then the parameter and updater buffers as little-endian floats.
 * Stateless and thread-safe.
 */
public final class ModelStateCodec {
  private static final int MAGIC = 0x414C5253;

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
  }

  /**
   * Reads a state written by {@link #write}.
   *
   * @throws IOException when the bytes are not a model state of a known format
   */
  public static ModelState read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a model state (bad magic number)");
    }
    int version = in.readInt();
    if (version != ModelState.FORMAT_VERSION) {
      throw new IOException("model state format " + version + " is not supported (this build reads "
          + ModelState.FORMAT_VERSION + ")");
    }
    String arch = in.readUTF();
    long iteration = in.readLong();
    float[] params = readFloats(in);
    float[] updater = readFloats(in);
    return new ModelState(version, arch, params, updater, iteration);
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
    byte[] bytes = new byte[n * 4];
    in.readFully(bytes);
    float[] a = new float[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
    return a;
  }
}
