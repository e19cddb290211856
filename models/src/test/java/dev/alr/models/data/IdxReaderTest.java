package dev.alr.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IDX reader on files written into a temporary directory. */
class IdxReaderTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsImagesAndLabelsRawOrGzipped(boolean gzip) throws IOException {
    byte[] pixels = IdxFiles.ramp(3, 4);
    Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.images(2051, 3, 4, pixels), gzip);
    Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels(2049, 3, new byte[] {0, 9, 5}), gzip);
    IdxReader.Images read = IdxReader.readImages(images);
    assertEquals(3, read.count());
    assertEquals(4, read.rows());
    assertEquals(4, read.columns());
    assertArrayEquals(pixels, read.pixels());
    assertArrayEquals(new byte[] {0, 9, 5}, IdxReader.readLabels(labels));
  }

  @Test
  void wrongMagicNumberNamesFileAndDefect() throws IOException {
    Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels(2049, 1, new byte[] {1}), false);
    DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(labels));
    assertOneLine(e, labels, "wrong magic number 2049");
    Path images = IdxFiles.write(dir.resolve("images.gz"), IdxFiles.images(2051, 1, 2, new byte[4]), true);
    e = assertThrows(DataException.class, () -> IdxReader.readLabels(images));
    assertOneLine(e, images, "wrong magic number 2051");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void truncatedFileNamesFileAndDefect(boolean gzip) throws IOException {
    byte[] full = IdxFiles.images(2051, 3, 4, IdxFiles.ramp(3, 4));
    Path images = IdxFiles.write(dir.resolve("images"), Arrays.copyOf(full, full.length - 5), gzip);
    DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(images));
    assertOneLine(e, images, "truncated");
    Path header = IdxFiles.write(dir.resolve("header"), Arrays.copyOf(full, 6), gzip);
    e = assertThrows(DataException.class, () -> IdxReader.readImages(header));
    assertOneLine(e, header, "truncated");
  }

  @Test
  void truncatedGzipStreamIsReportedAsTruncated() throws IOException {
    byte[] full = IdxFiles.images(2051, 50, 28, IdxFiles.ramp(50, 28));
    Path whole = IdxFiles.write(dir.resolve("whole.gz"), full, true);
    byte[] gz = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
    DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(cut));
    assertOneLine(e, cut, "truncated");
  }

  @Test
  void labelOutOfRangeNamesFileIndexAndValue() throws IOException {
    Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels(2049, 3, new byte[] {1, 2, 10}), false);
    DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(labels));
    assertOneLine(e, labels, "label 10 at index 2 is out of range 0..9");
  }

  @Test
  void imageLabelCountMismatchNamesBothFiles() throws IOException {
    Path data = IdxFiles.writeDataset(dir.resolve("d"), 20, 10, false);
    IdxFiles.write(data.resolve(Datasets.TRAIN_LABELS), IdxFiles.labels(2049, 19, IdxFiles.cycle(19)), false);
    DataException e = assertThrows(DataException.class, () -> Datasets.readIdxDirectory(data));
    assertOneLine(e, data.resolve(Datasets.TRAIN_IMAGES), "count mismatch: 20 images");
    assertTrue(e.getMessage().contains(Datasets.TRAIN_LABELS + " has 19 labels"), e.getMessage());
  }

  @Test
  void missingFileNamesIt() {
    Path absent = dir.resolve("absent");
    DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(absent));
    assertOneLine(e, absent, "not found");
  }

  private static void assertOneLine(DataException e, Path file, String defect) {
    String message = e.getMessage();
    assertFalse(message.contains("\n"), "one line: " + message);
    assertTrue(message.contains(file.toString()), "names the file: " + message);
    assertTrue(message.contains(defect), "names the defect '" + defect + "': " + message);
  }
}
