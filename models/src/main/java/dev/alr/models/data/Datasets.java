package dev.alr.models.data;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finds and loads datasets by name, once per JVM.
 *
 * <p>Names: {@code fashion-mnist} and {@code mnist} are looked up in order in the data directory
 * given by the workload ({@code --data-dir}), then in {@code $ALR_DATA}, then in
 * {@code /usr/share/datasets/<name>}; each candidate directory is tried as it is and with a
 * {@code <name>/} subdirectory, and must hold the four standard IDX files (each raw or gzipped).
 * {@code synthetic} is generated from the seed ({@link SyntheticData}). Any other value is taken as
 * a directory path holding the four IDX files.
 *
 * <p>Loaded datasets are cached per source in a static concurrent map, so many workers in one JVM
 * share one read-only copy: a directory's data for the life of the JVM (few directories, each
 * read again and again), a synthetic dataset while something still uses it (one per seed: a
 * long-running worker that serves searches with many seeds would otherwise keep every one).
 * Thread-safe: concurrent callers of the same source wait for one load.
 */
public final class Datasets {
  /** Environment variable naming a directory to search for named datasets. */
  public static final String DATA_ENV = "ALR_DATA";
  /** Names accepted besides a directory path, in the order listed in messages. */
  public static final List<String> NAMES = List.of("fashion-mnist", "mnist", "synthetic");
  /** Standard IDX file names, without the optional {@code .gz} suffix. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
  private static final Path SYSTEM_DATASETS = Path.of("/usr/share/datasets");

  private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();
  private static final Map<Long, WeakReference<Dataset>> SYNTHETIC = new ConcurrentHashMap<>();

  private Datasets() {
  }

  /**
   * The dataset named {@code dataset}, loaded once per JVM.
   *
   * @param dataset {@code fashion-mnist}, {@code mnist}, {@code synthetic} or a directory path
   * @param dataDir directory to search first for named datasets, or {@code null}
   * @param seed    seed of the synthetic data (ignored otherwise)
   * @throws DataException when the files are missing (naming every path tried) or malformed
   */
  public static Dataset load(String dataset, String dataDir, long seed) {
    return load(dataset, dataDir, seed, System.getenv());
  }

  static Dataset load(String dataset, String dataDir, long seed, Map<String, String> env) {
    if (dataset.startsWith(UserData.PREFIX)) {
      return UserData.lookup(dataset);
    }
    if (dataset.equals("synthetic")) {
      return synthetic(seed);
    }
    Path dir = locate(dataset, dataDir, env);
    Path key = dir.toAbsolutePath().normalize();
    return cached(key.toString(), () -> readIdxDirectory(key));
  }

  /**
   * The directory holding the four IDX files of {@code dataset}.
   *
   * @throws DataException naming every path tried and how to install the data
   */
  static Path locate(String dataset, String dataDir, Map<String, String> env) {
    if (!NAMES.contains(dataset)) {
      Path dir = Path.of(dataset);
      if (Files.isDirectory(dir)) {
        if (holdsIdxFiles(dir)) {
          return dir;
        }
        throw new DataException("dataset " + dataset + ": directory does not hold the four IDX files "
            + String.join(", ", FILES) + " (each raw or .gz)");
      }
      if (dataset.contains("/") || dataset.contains("\\")) {
        throw new DataException("dataset " + dataset + ": no such directory");
      }
      throw new IllegalArgumentException("dataset: unknown dataset '" + dataset + "'; allowed: "
          + String.join(", ", NAMES) + ", or a directory holding the four IDX files");
    }
    LinkedHashSet<Path> tried = new LinkedHashSet<>();
    List<Path> roots = new ArrayList<>();
    if (dataDir != null && !dataDir.isBlank()) {
      roots.add(Path.of(dataDir));
    }
    String fromEnv = env.get(DATA_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      roots.add(Path.of(fromEnv));
    }
    roots.add(SYSTEM_DATASETS.resolve(dataset));
    for (Path root : roots) {
      for (Path candidate : List.of(root, root.resolve(dataset))) {
        if (tried.add(candidate) && holdsIdxFiles(candidate)) {
          return candidate;
        }
      }
    }
    List<String> paths = new ArrayList<>();
    tried.forEach(p -> paths.add(p.toString()));
    throw new DataException("dataset " + dataset + " not found; tried " + String.join(", ", paths)
        + "; install it with 'apt-get install -y dataset-" + dataset + "' (Debian) or put the four IDX files ("
        + String.join(", ", FILES) + ", raw or .gz) in a directory and pass --data-dir DIR or set "
        + DATA_ENV + "=DIR");
  }

  private static boolean holdsIdxFiles(Path dir) {
    return FILES.stream().allMatch(f -> find(dir, f).isPresent());
  }

  private static Optional<Path> find(Path dir, String baseName) {
    for (Path p : List.of(dir.resolve(baseName + ".gz"), dir.resolve(baseName))) {
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the four IDX files of a directory (not cached).
   *
   * @throws DataException on a missing or malformed file, or when images and labels disagree
   */
  public static Dataset readIdxDirectory(Path dir) {
    Path trainImagesFile = require(dir, TRAIN_IMAGES);
    Path trainLabelsFile = require(dir, TRAIN_LABELS);
    Path testImagesFile = require(dir, TEST_IMAGES);
    Path testLabelsFile = require(dir, TEST_LABELS);
    IdxReader.Images trainImages = IdxReader.readImages(trainImagesFile);
    byte[] trainLabels = IdxReader.readLabels(trainLabelsFile);
    checkCount(trainImagesFile, trainImages, trainLabelsFile, trainLabels);
    IdxReader.Images testImages = IdxReader.readImages(testImagesFile);
    byte[] testLabels = IdxReader.readLabels(testLabelsFile);
    checkCount(testImagesFile, testImages, testLabelsFile, testLabels);
    if (testImages.rows() != trainImages.rows() || testImages.columns() != trainImages.columns()) {
      throw new DataException(testImagesFile + ": images are " + testImages.rows() + "x" + testImages.columns()
          + " but the training images are " + trainImages.rows() + "x" + trainImages.columns());
    }
    return new Dataset(dir.toString(), 1, trainImages.rows(), trainImages.columns(), IdxReader.CLASSES,
        normalise(trainImages.pixels()), trainLabels, normalise(testImages.pixels()), testLabels);
  }

  private static Path require(Path dir, String baseName) {
    return find(dir, baseName).orElseThrow(() -> new DataException(dir.resolve(baseName) + "[.gz]: file not found"));
  }

  private static void checkCount(Path imagesFile, IdxReader.Images images, Path labelsFile, byte[] labels) {
    if (images.count() != labels.length) {
      throw new DataException(imagesFile + ": image/label count mismatch: " + images.count() + " images but "
          + labelsFile.getFileName() + " has " + labels.length + " labels");
    }
  }

  private static float[] normalise(byte[] pixels) {
    float[] out = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = (pixels[i] & 0xFF) / 255f;
    }
    return out;
  }

  private static Dataset cached(String key, Supplier<Dataset> loader) {
    return CACHE.computeIfAbsent(key, k -> loader.get());
  }

  /** The synthetic dataset of {@code seed}: the copy still in use, or a new one. */
  private static Dataset synthetic(long seed) {
    SYNTHETIC.values().removeIf(ref -> ref.get() == null);
    Dataset[] result = new Dataset[1];
    SYNTHETIC.compute(seed, (k, ref) -> {
      Dataset d = ref == null ? null : ref.get();
      if (d == null) {
        d = SyntheticData.generate(seed);
        ref = new WeakReference<>(d);
      }
      result[0] = d;
      return ref;
    });
    return result[0];
  }
}
