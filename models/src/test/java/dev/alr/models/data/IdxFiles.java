package dev.alr.models.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
  private IdxFiles() {
  }

  /** IDX image bytes: header for {@code count} images of {@code side×side}, then {@code pixels}. */
  static byte[] images(int magic, int count, int side, byte[] pixels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.writeInt(side);
    out.writeInt(side);
    out.write(pixels);
    return bytes.toByteArray();
  }

  /** IDX label bytes: header for {@code count} labels, then {@code labels}. */
  static byte[] labels(int magic, int count, byte[] labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.write(labels);
    return bytes.toByteArray();
  }

  /** Pixels {@code 0, 1, 2, ...} (mod 256) for {@code count} images of {@code side×side}. */
  static byte[] ramp(int count, int side) {
    byte[] pixels = new byte[count * side * side];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) i;
    }
    return pixels;
  }

  static Path write(Path file, byte[] content, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(content);
    }
    return file;
  }

  /** Writes a complete, valid dataset directory with {@code train} and {@code test} images. */
  static Path writeDataset(Path dir, int train, int test, boolean gzip) throws IOException {
    Files.createDirectories(dir);
    String suffix = gzip ? ".gz" : "";
    write(dir.resolve(Datasets.TRAIN_IMAGES + suffix), images(IdxReader.IMAGE_MAGIC, train, 4, ramp(train, 4)), gzip);
    write(dir.resolve(Datasets.TRAIN_LABELS + suffix), labels(IdxReader.LABEL_MAGIC, train, cycle(train)), gzip);
    write(dir.resolve(Datasets.TEST_IMAGES + suffix), images(IdxReader.IMAGE_MAGIC, test, 4, ramp(test, 4)), gzip);
    write(dir.resolve(Datasets.TEST_LABELS + suffix), labels(IdxReader.LABEL_MAGIC, test, cycle(test)), gzip);
    return dir;
  }

  static byte[] cycle(int count) {
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    return labels;
  }
}
