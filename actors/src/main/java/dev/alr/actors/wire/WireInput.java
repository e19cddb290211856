package dev.alr.actors.wire;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * A Kryo {@link Input} over one complete received payload that refuses any length the rest of
 * the payload cannot hold, before it allocates: a string's character count, a primitive array's
 * element count, and (through {@link #count}) the element counts our serializers read. A peer
 * can therefore make a reader allocate at most a small multiple of the bytes it actually sent.
 *
 * <p>Kryo's own {@code Input} allocates what the length prefix claims ({@code readFloats(n)} is
 * {@code new float[n]}; a UTF-8 string of n characters is {@code new char[n]}), so a few bytes
 * could claim gigabytes. Violations throw {@link KryoException} with a one-line message.
 *
 * <p>Use: one instance per payload, read once from start to end. Not thread-safe (as any Input).
 */
final class WireInput extends Input {
  /** Reads {@code count} bytes of {@code payload} from {@code offset}. */
  WireInput(byte[] payload, int offset, int count) {
    super(payload, offset, count);
  }

  /** Bytes not yet read. */
  int remaining() {
    return limit - position;
  }

  /**
   * Refuses {@code n} elements of at least {@code minBytesEach} bytes each when {@code n} is
   * negative or more than the bytes left in {@code input} can hold. {@code input} must be
   * backed by the whole payload (no stream behind it), as every wire read is.
   *
   * @return {@code n}
   * @throws KryoException naming {@code what}, the claimed count and the bytes left
   */
  static int count(Input input, long n, int minBytesEach, String what) {
    long left = input.limit() - input.position();
    if (n < 0 || n * minBytesEach > left) {
      throw new KryoException(what + ": length " + n + " does not fit in the " + left + " byte(s) left of the payload");
    }
    return (int) n;
  }

  @Override
  public String readString() {
    checkStringLength();
    return super.readString();
  }

  @Override
  public StringBuilder readStringBuilder() {
    checkStringLength();
    return super.readStringBuilder();
  }

  /** A UTF-8 string is a flagged char count + 1 (0 null, 1 empty), then at least a byte per char. */
  private void checkStringLength() {
    if (!readVarIntFlag()) {
      return; // ASCII: read up to a terminating byte, never past the payload
    }
    int start = position;
    long chars = (readVarIntFlag(true) & 0xFFFFFFFFL) - 1;
    count(this, Math.max(chars, 0), 1, "string");
    setPosition(start);
  }

  @Override
  public byte[] readBytes(int length) {
    return super.readBytes(count(this, length, 1, "byte array"));
  }

  @Override
  public boolean[] readBooleans(int length) {
    return super.readBooleans(count(this, length, 1, "boolean array"));
  }

  @Override
  public short[] readShorts(int length) {
    return super.readShorts(count(this, length, 2, "short array"));
  }

  @Override
  public char[] readChars(int length) {
    return super.readChars(count(this, length, 2, "char array"));
  }

  @Override
  public int[] readInts(int length) {
    return super.readInts(count(this, length, 4, "int array"));
  }

  @Override
  public int[] readInts(int length, boolean optimizePositive) {
    return super.readInts(count(this, length, 1, "int array"), optimizePositive);
  }

  @Override
  public long[] readLongs(int length) {
    return super.readLongs(count(this, length, 8, "long array"));
  }

  @Override
  public long[] readLongs(int length, boolean optimizePositive) {
    return super.readLongs(count(this, length, 1, "long array"), optimizePositive);
  }

  @Override
  public float[] readFloats(int length) {
    return super.readFloats(count(this, length, 4, "float array"));
  }

  @Override
  public double[] readDoubles(int length) {
    return super.readDoubles(count(this, length, 8, "double array"));
  }
}
