package dev.alr.bench.suite;

import dev.alr.engine.prune.PruneExecutor;
import dev.alr.engine.run.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a {@link PruneSuite}: one {@link PruneCell} per (policy, seed), skipping those already stored
 * (on resume), training the rest {@code parallel} at a time (each on one worker, the longest
 * first), storing each as it finishes, then writing {@code prune-results.csv},
 * {@code prune-results.json}, {@code prune-report.md} and the plots into the output directory.
 *
 * <p>Lifecycle: construct, call {@link #run()} once. Not thread-safe itself; it runs its own pool.
 */
public final class PruneBenchRun {
  /** The CSV file name. */
  public static final String CSV = "prune-results.csv";
  /** The JSON file name. */
  public static final String JSON = "prune-results.json";
  /** The report file name. */
  public static final String REPORT = "prune-report.md";

  private final PruneSuite suite;
  private final Path out;
  private final boolean resume;
  private final int parallel;
  private final String dataDir;
  private final Supplier<PruneExecutor> executors;
  private final Progress progress;

  /**
   * Hears the suite's progress; calls may come from several cell threads at once, so
   * implementations synchronise.
   */
  public interface Progress {
    /** The suite starts: {@code total} candidate-cycles planned, {@code done} of them already stored. */
    void started(long total, long done, int cells, int skipped);

    /** One more candidate-cycle finished. */
    void candidateCycle();

    /** A cell finished; {@code finished} of {@code cells} are done. */
    void cellFinished(PruneCellResult r, int finished, int cells);

    /** Ignores everything. */
    Progress NONE = new Progress() {
      @Override
      public void started(long total, long done, int cells, int skipped) {
      }

      @Override
      public void candidateCycle() {
      }

      @Override
      public void cellFinished(PruneCellResult r, int finished, int cells) {
      }
    };
  }

  /**
   * @param suite     what to run
   * @param out       output directory
   * @param resume    skip the cells stored in {@code out}; without it {@code out} must hold none
   * @param parallel  cells trained at once (&ge; 1)
   * @param dataDir   where to look first for named datasets, or {@code null}
   * @param executors a prune executor for a cell (e.g. the actors' {@code ActorPruneExecutor})
   * @param progress  hears progress
   */
  public PruneBenchRun(PruneSuite suite, Path out, boolean resume, int parallel, String dataDir,
                       Supplier<PruneExecutor> executors, Progress progress) {
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel: must be >= 1, got " + parallel);
    }
    this.suite = suite;
    this.out = out;
    this.resume = resume;
    this.parallel = parallel;
    this.dataDir = dataDir;
    this.executors = executors;
    this.progress = progress;
  }

  /**
   * What a finished suite left behind. Immutable.
   *
   * @param results every cell's result, in suite order (trained now or resumed)
   * @param trained cells trained by this invocation
   * @param skipped cells resumed from the store
   * @param seconds wall seconds of this invocation
   * @param files   the output files written
   */
  public record Outcome(List<PruneCellResult> results, int trained, int skipped, double seconds, List<Path> files) {
  }

  /**
   * Runs the suite and writes its outputs.
   *
   * @throws IllegalArgumentException when {@code out} already holds cells and {@code resume} is off
   */
  public Outcome run() {
    long started = System.nanoTime();
    PruneCellStore store = new PruneCellStore(out);
    if (!resume && !new CellStore(out).isEmpty()) {
      throw new IllegalArgumentException("--out: " + out + " already holds results; pass --resume to continue "
          + "them or choose another directory");
    }
    List<PruneCell> cells = suite.cells();
    Map<PruneCell, PruneCellResult> stored = new LinkedHashMap<>();
    List<PruneCell> todo = new ArrayList<>();
    long total = 0;
    long done = 0;
    for (PruneCell c : cells) {
      long planned = suite.plannedCandidateCycles(c.policy());
      total += planned;
      Optional<PruneCellResult> s = resume ? store.load(c) : Optional.empty();
      if (s.isPresent()) {
        stored.put(c, s.get());
        done += planned;
      } else {
        todo.add(c);
      }
    }
    int skipped = stored.size();
    progress.started(total, done, cells.size(), skipped);
    List<PruneCell> order = new ArrayList<>(todo);
    order.sort(Comparator.comparingLong((PruneCell c) -> -suite.plannedCandidateCycles(c.policy())));
    AtomicInteger finished = new AtomicInteger(skipped);
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "bench-prune-cell");
      t.setDaemon(true);
      return t;
    });
    Map<PruneCell, Future<PruneCellResult>> futures = new LinkedHashMap<>();
    List<PruneCellResult> results = new ArrayList<>();
    try {
      for (PruneCell c : order) {
        futures.put(c, pool.submit(() -> {
          PruneCellResult r = new PruneCellRunner(suite, dataDir, executors.get())
              .run(c, rec -> progress.candidateCycle());
          store.save(r);
          progress.cellFinished(r, finished.incrementAndGet(), cells.size());
          return r;
        }));
      }
      for (PruneCell c : cells) {
        Future<PruneCellResult> f = futures.get(c);
        results.add(f != null ? f.get() : stored.get(c));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "%d cell(s): %d trained in this invocation (%.0f s wall, %d at a time), "
            + "%d resumed from %s; written %s", cells.size(), todo.size(), seconds, parallel, skipped,
        store.dir().getFileName(), LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16)));
    List<PruneRow> rows = new ArrayList<>();
    results.forEach(r -> rows.addAll(r.rows()));
    return new Outcome(results, todo.size(), skipped, seconds, write(suite, out, rows, notes));
  }

  /** Writes the CSV, JSON, plots and report of {@code rows} into {@code dir}; returns the files. */
  public static List<Path> write(PruneSuite suite, Path dir, List<PruneRow> rows, List<String> notes) {
    List<Path> files = new ArrayList<>();
    save(dir.resolve(CSV), PruneResultFiles.csv(rows));
    files.add(dir.resolve(CSV));
    save(dir.resolve(JSON), PruneResultFiles.json(suite, rows, notes));
    files.add(dir.resolve(JSON));
    List<String> plots = PrunePlots.draw(dir, suite, rows);
    plots.forEach(p -> files.add(dir.resolve(p)));
    save(dir.resolve(REPORT), PruneReport.markdown(suite, rows, plots, notes));
    files.add(dir.resolve(REPORT));
    return files;
  }

  static void save(Path file, String text) {
    try {
      OutputFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + OutputFiles.cause(e), e);
    }
  }
}
