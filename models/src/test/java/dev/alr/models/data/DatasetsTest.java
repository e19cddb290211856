package dev.alr.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named-dataset lookup, the per-JVM cache, normalisation and the limit/validation partition. */
class DatasetsTest {
  @TempDir
  Path dir;

  @Test
  void directoryPathLoadsAndNormalises() throws IOException {
    Path data = IdxFiles.writeDataset(dir.resolve("plain"), 30, 10, false);
    Dataset d = Datasets.load(data.toString(), null, 0);
    assertEquals(30, d.trainCount());
    assertEquals(10, d.testCount());
    assertEquals(16, d.featureCount());
    assertEquals(1f / 255f, d.trainFeatures()[1]);
    assertEquals(255f / 255f, d.trainFeatures()[255]);
    assertEquals(9, d.trainLabels()[29]);
    assertSame(d, Datasets.load(data.toString(), null, 0), "loaded once per JVM");
  }

  @Test
  void namedDatasetIsFoundInDataDirThenEnvAndInNameSubdirectory() throws IOException {
    IdxFiles.writeDataset(dir.resolve("first"), 20, 10, true);
    IdxFiles.writeDataset(dir.resolve("env").resolve("mnist"), 20, 10, false);
    Map<String, String> env = Map.of(Datasets.DATA_ENV, dir.resolve("env").toString());
    assertEquals(dir.resolve("first"), Datasets.locate("mnist", dir.resolve("first").toString(), env));
    assertEquals(dir.resolve("env").resolve("mnist"), Datasets.locate("mnist", dir.resolve("nothing").toString(), env));
    assertEquals(dir.resolve("env").resolve("mnist"), Datasets.locate("mnist", null, env));
  }

  @Test
  void missingNamedDatasetListsEveryPathTriedAndHowToInstall() {
    Map<String, String> env = Map.of(Datasets.DATA_ENV, dir.resolve("env").toString());
    DataException e = assertThrows(DataException.class,
        () -> Datasets.locate("mnist", dir.resolve("given").toString(), env));
    String message = e.getMessage();
    assertFalse(message.contains("\n"), message);
    for (Path p : new Path[] {dir.resolve("given"), dir.resolve("given/mnist"), dir.resolve("env"),
        dir.resolve("env/mnist"), Path.of("/usr/share/datasets/mnist")}) {
      assertTrue(message.contains(p.toString()), "names " + p + ": " + message);
    }
    assertTrue(message.contains("apt-get install -y dataset-mnist"), message);
    assertTrue(message.contains("--data-dir") && message.contains("ALR_DATA"), message);
  }

  @Test
  void unknownNameAndMissingPathAreDistinguished() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Datasets.load("cifar10", null, 0));
    assertTrue(unknown.getMessage().startsWith("dataset: unknown dataset 'cifar10'"), unknown.getMessage());
    DataException missing = assertThrows(DataException.class,
        () -> Datasets.load(dir.resolve("none").toString(), null, 0));
    assertTrue(missing.getMessage().contains("no such directory"), missing.getMessage());
  }

  @Test
  void syntheticDataNoLongerUsedIsNotKept() {
    WeakReference<Dataset> ref = new WeakReference<>(Datasets.load("synthetic", null, 424242));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (ref.get() != null) {
      assertTrue(System.nanoTime() < deadline, "the cache keeps a synthetic dataset nothing uses");
      System.gc();
    }
  }

  @Test
  void syntheticIsSeededAndCached() {
    Dataset a = Datasets.load("synthetic", null, 7);
    assertSame(a, Datasets.load("synthetic", null, 7));
    Dataset fresh = SyntheticData.generate(7);
    assertEquals(a.trainFeatures()[12345], fresh.trainFeatures()[12345]);
    assertEquals(a.testLabels()[999], fresh.testLabels()[999]);
    assertEquals(SyntheticData.TRAIN, a.trainCount());
    assertEquals(784, a.featureCount());
  }

  @Test
  void limitAndValidationPartitionTheTrainingRows() {
    Dataset d = SyntheticData.generate(1, 100, 10);
    PartitionedDataset p = PartitionedDataset.of(d, 50, 10);
    assertEquals(40, p.trainSize());
    assertEquals(10, p.validationSize());
    assertEquals(90, PartitionedDataset.of(d, 0, 10).trainSize());
    assertEquals(100, PartitionedDataset.of(d, 100, 0).trainSize());
    IllegalArgumentException above = assertThrows(IllegalArgumentException.class, () -> PartitionedDataset.of(d, 101, 0));
    assertEquals("limit 101: " + d.name() + " has 100 training samples (0 = all)", above.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartitionedDataset.of(d, 50, 50));
    assertTrue(e.getMessage().contains("limit/val"), e.getMessage());
  }
}
