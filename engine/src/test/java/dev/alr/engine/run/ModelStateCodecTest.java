package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alr.engine.spi.ModelState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checkpoint form of a model state. */
class ModelStateCodecTest {

  static Stream<Arguments> states() {
    float[] big = new float[10_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (float) Math.sin(i) * 1e3f;
    }
    return Stream.of(
        arguments(new ModelState(ModelState.FORMAT_VERSION, "mlp-784-256-10", new float[] {1f, -2.5f, 3e-8f},
            new float[] {0.25f}, 17)),
        arguments(new ModelState(ModelState.FORMAT_VERSION, "sgd: no updater", new float[] {0f}, new float[0], 0)),
        arguments(new ModelState(ModelState.FORMAT_VERSION, "", new float[0], new float[0], Long.MAX_VALUE)),
        arguments(new ModelState(ModelState.FORMAT_VERSION, "spéciaux — ✓",
            new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE, Float.MAX_VALUE},
            new float[] {Float.NEGATIVE_INFINITY}, 3)),
        arguments(new ModelState(ModelState.FORMAT_VERSION, "big", big, big.clone(), 99)),
        arguments(new ModelState(ModelState.FORMAT_VERSION, "pruned", new float[] {0f, 2f, 0f},
            new float[] {0f, 1f, 0f}, 5, new byte[] {0, 1, 0})));
  }

  @ParameterizedTest
  @MethodSource("states")
  void roundTripIsExact(ModelState s) throws IOException {
    byte[] bytes = encode(s);
    ModelState back = ModelStateCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    assertEquals(s, back);
    // bit-exact, NaN payloads and -0 included
    assertEquals(Arrays.toString(bits(s.params())), Arrays.toString(bits(back.params())));
    assertTrue(bytes.length >= s.byteSize(), "holds the raw buffers");
  }

  @Test
  void badMagicIsRefused() throws IOException {
    byte[] bytes = encode(new ModelState(ModelState.FORMAT_VERSION, "a", new float[] {1}, new float[0], 1));
    bytes[0] ^= 0x01;
    IOException e = assertThrows(IOException.class,
        () -> ModelStateCodec.read(new DataInputStream(new ByteArrayInputStream(bytes))));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void unknownFormatVersionIsRefused() throws IOException {
    byte[] bytes = encode(new ModelState(ModelState.FORMAT_VERSION + 1, "a", new float[] {1}, new float[0], 1));
    IOException e = assertThrows(IOException.class,
        () -> ModelStateCodec.read(new DataInputStream(new ByteArrayInputStream(bytes))));
    assertTrue(e.getMessage().contains("format " + (ModelState.FORMAT_VERSION + 1)), e.getMessage());
  }

  @Test
  void aStateOfTheFormatBeforeMasksIsRefusedNamingBothVersions() throws IOException {
    byte[] bytes = encode(new ModelState(1, "a", new float[] {1}, new float[0], 1));
    IOException e = assertThrows(IOException.class,
        () -> ModelStateCodec.read(new DataInputStream(new ByteArrayInputStream(bytes))));
    assertTrue(e.getMessage().contains("format 1 is not supported (this build reads 2)"), e.getMessage());
    assertThrows(IOException.class, () -> ModelStateCodec.read(java.nio.ByteBuffer.wrap(bytes)));
  }

  @Test
  void aMaskOfTheWrongLengthIsRefused() throws IOException {
    byte[] bytes = encode(new ModelState(ModelState.FORMAT_VERSION, "a", new float[] {1, 2}, new float[0], 1,
        new byte[] {1, 0}));
    bytes[bytes.length - 3] = 3;
    IOException e = assertThrows(IOException.class, () -> ModelStateCodec.read(java.nio.ByteBuffer.wrap(bytes)));
    assertTrue(e.getMessage().contains("mask"), e.getMessage());
  }

  @Test
  void truncatedStateIsAnEof() throws IOException {
    byte[] bytes = encode(new ModelState(ModelState.FORMAT_VERSION, "a", new float[] {1, 2, 3}, new float[] {4}, 1));
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] head = Arrays.copyOf(bytes, cut);
      assertThrows(EOFException.class,
          () -> ModelStateCodec.read(new DataInputStream(new ByteArrayInputStream(head))), "cut at " + cut);
    }
  }

  @ParameterizedTest
  @MethodSource("states")
  void bufferRoundTripIsExactAndRefusesTrailingBytes(ModelState s) throws IOException {
    byte[] bytes = encode(s);
    assertEquals(s, ModelStateCodec.read(java.nio.ByteBuffer.wrap(bytes)));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IOException.class, () -> ModelStateCodec.read(java.nio.ByteBuffer.wrap(longer)));
  }

  @Test
  void truncatedBufferIsAnEof() throws IOException {
    byte[] bytes = encode(new ModelState(ModelState.FORMAT_VERSION, "a", new float[] {1, 2, 3}, new float[] {4}, 1));
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] head = Arrays.copyOf(bytes, cut);
      assertThrows(IOException.class, () -> ModelStateCodec.read(java.nio.ByteBuffer.wrap(head)), "cut at " + cut);
    }
  }

  /** A float count of ~2^31 (8 GB, more than the test heap) in a few bytes fails cleanly, both ways. */
  @Test
  void hugeFloatCountIsRefusedWithoutAllocatingIt() throws IOException {
    byte[] bytes = encode(new ModelState(ModelState.FORMAT_VERSION, "a", new float[] {1}, new float[0], 1));
    int countAt = 4 + 4 + 2 + 1 + 8;
    java.nio.ByteBuffer.wrap(bytes).putInt(countAt, 0x7FFFFFF0);
    IOException e = assertThrows(IOException.class, () -> ModelStateCodec.read(java.nio.ByteBuffer.wrap(bytes)));
    assertTrue(e.getMessage().contains("length 2147483632"), e.getMessage());
    assertThrows(EOFException.class,
        () -> ModelStateCodec.read(new DataInputStream(new ByteArrayInputStream(bytes))));
  }

  private static byte[] encode(ModelState s) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buf)) {
      ModelStateCodec.write(s, out);
    }
    return buf.toByteArray();
  }

  private static int[] bits(float[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Float.floatToRawIntBits(a[i]);
    }
    return out;
  }
}
