package dev.alr.models.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-format IDX files: images (magic 2051: count, rows, columns, then one unsigned byte
 * per pixel) and labels (magic 2049: count, then one byte per label in 0..9). A file may be raw or
 * gzip-compressed; gzip is detected by its first two bytes (0x1f 0x8b), not by the file name.
 *
 * <p>Every defect is reported as a {@link DataException} whose one-line message names the file
 * and the defect: wrong magic number, truncated file, label out of range.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdxReader {
  /** Magic number of an IDX image file (unsigned bytes, three dimensions). */
  public static final int IMAGE_MAGIC = 2051;
  /** Magic number of an IDX label file (unsigned bytes, one dimension). */
  public static final int LABEL_MAGIC = 2049;
  /** Labels must lie in {@code 0..CLASSES-1}. */
  public static final int CLASSES = 10;

  private IdxReader() {
  }

  /**
   * Images of one IDX image file.
   *
   * @param count   number of images
   * @param rows    rows per image
   * @param columns columns per image
   * @param pixels  {@code count·rows·columns} pixel values in 0..255, image after image, row-major
   */
  public record Images(int count, int rows, int columns, byte[] pixels) {
  }

  /** Reads an image file. */
  public static Images readImages(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != IMAGE_MAGIC) {
        throw wrongMagic(file, magic, IMAGE_MAGIC, "image");
      }
      int count = in.readInt();
      int rows = in.readInt();
      int columns = in.readInt();
      if (count < 0 || rows <= 0 || columns <= 0) {
        throw new DataException(file + ": bad image header (count " + count + ", rows " + rows + ", columns "
            + columns + ")");
      }
      long size = (long) count * rows * columns;
      if (size > Integer.MAX_VALUE - 8) {
        throw new DataException(file + ": " + size + " pixels is too large to load");
      }
      byte[] pixels = new byte[(int) size];
      readFully(in, pixels, file, "images");
      return new Images(count, rows, columns, pixels);
    } catch (EOFException e) {
      throw truncated(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found", e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** Reads a label file; every label must be in {@code 0..9}. */
  public static byte[] readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != LABEL_MAGIC) {
        throw wrongMagic(file, magic, LABEL_MAGIC, "label");
      }
      int count = in.readInt();
      if (count < 0) {
        throw new DataException(file + ": bad label header (count " + count + ")");
      }
      byte[] labels = new byte[count];
      readFully(in, labels, file, "labels");
      for (int i = 0; i < count; i++) {
        int label = labels[i] & 0xFF;
        if (label >= CLASSES) {
          throw new DataException(file + ": label " + label + " at index " + i + " is out of range 0.."
              + (CLASSES - 1));
        }
      }
      return labels;
    } catch (EOFException e) {
      throw truncated(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found", e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
        : raw;
    return new DataInputStream(in);
  }

  private static void readFully(DataInputStream in, byte[] into, Path file, String what) throws IOException {
    int done = 0;
    while (done < into.length) {
      int n = in.read(into, done, into.length - done);
      if (n < 0) {
        throw new DataException(file + ": truncated file: header promises " + into.length + " bytes of " + what
            + ", found " + done);
      }
      done += n;
    }
  }

  private static DataException wrongMagic(Path file, int found, int expected, String kind) {
    return new DataException(file + ": wrong magic number " + found + " (0x" + Integer.toHexString(found)
        + "), expected " + expected + " for an IDX " + kind + " file");
  }

  private static DataException truncated(Path file) {
    return new DataException(file + ": truncated file: unexpected end of data");
  }
}
