package dev.alr.bench.suite;

import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchExecutor;
import dev.alr.engine.SearchListener;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.run.OutputFiles;
import dev.alr.models.data.DataException;
import dev.alr.models.data.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a {@link Suite}: expands it into cells, skips those already stored (on resume), trains the
 * rest {@code parallel} at a time (each cell single-threaded on its own executor), stores each as
 * it finishes, then writes {@code results.csv}, {@code results.json}, {@code report.md} and the
 * plots into the output directory.
 *
 * <p>Lifecycle: construct, call {@link #run()} once. Not thread-safe itself; it runs its own pool.
 */
public final class BenchRun {
  private final Suite suite;
  private final Path out;
  private final boolean resume;
  private final int parallel;
  private final String dataDir;
  private final Supplier<SearchExecutor> executors;
  private final Progress progress;

  /**
   * Hears the suite's progress; calls may come from several cell threads at once, so
   * implementations synchronise.
   */
  public interface Progress {
    /** The suite starts: {@code total} candidate-epochs planned, {@code done} of them already stored. */
    void started(long total, long done, int cells, int skipped);

    /** One more candidate-epoch finished. */
    void candidateEpoch();

    /** A cell finished (or was skipped); {@code finished} of {@code cells} are done. */
    void cellFinished(CellResult r, int finished, int cells);

    /** Ignores everything. */
    Progress NONE = new Progress() {
      @Override
      public void started(long total, long done, int cells, int skipped) {
      }

      @Override
      public void candidateEpoch() {
      }

      @Override
      public void cellFinished(CellResult r, int finished, int cells) {
      }
    };
  }

  /**
   * @param suite     what to run
   * @param out       output directory
   * @param resume    skip the cells stored in {@code out}; without it {@code out} must hold none
   * @param parallel  cells trained at once (&ge; 1)
   * @param dataDir   where to look first for named datasets, or {@code null}
   * @param executors a fresh executor for a cell (e.g. a {@code LocalExecutor})
   * @param progress  hears progress
   */
  public BenchRun(Suite suite, Path out, boolean resume, int parallel, String dataDir,
                  Supplier<SearchExecutor> executors, Progress progress) {
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
  public record Outcome(List<CellResult> results, int trained, int skipped, double seconds, List<Path> files) {
  }

  /**
   * Runs the suite and writes its outputs.
   *
   * @throws IllegalArgumentException when {@code out} already holds cells and {@code resume} is off
   */
  public Outcome run() {
    long started = System.nanoTime();
    CellStore store = new CellStore(out);
    if (!resume && !store.isEmpty()) {
      throw new IllegalArgumentException("--out: " + out + " already holds results; pass --resume to continue "
          + "them or choose another directory");
    }
    List<String> notes = new ArrayList<>();
    List<String> datasets = new ArrayList<>();
    for (String d : suite.datasets()) {
      if (available(d)) {
        datasets.add(d);
      } else {
        notes.add("dataset " + d + " skipped: its files are not installed");
      }
    }
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("--dataset: none of " + suite.datasets() + " is available");
    }
    List<Cell> cells = Cell.expand(suite, datasets);
    List<CellResult> results = new ArrayList<>();
    List<Cell> todo = new ArrayList<>();
    long total = 0;
    long done = 0;
    for (Cell c : cells) {
      long planned = c.plannedCandidateEpochs(suite);
      total += planned;
      Optional<CellResult> stored = resume ? store.load(c) : Optional.empty();
      if (stored.isPresent()) {
        done += planned;
      } else {
        todo.add(c);
      }
    }
    int skipped = cells.size() - todo.size();
    progress.started(total, done, cells.size(), skipped);
    AtomicLong finished = new AtomicLong(skipped);
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "bench-cell");
      t.setDaemon(true);
      return t;
    });
    Map<Cell, Future<CellResult>> futures = new LinkedHashMap<>();
    try {
      for (Cell c : todo) {
        futures.put(c, pool.submit(() -> {
          CellResult r = new CellRunner(suite, dataDir, executors.get()).run(c, listener());
          store.save(r);
          progress.cellFinished(r, (int) finished.incrementAndGet(), cells.size());
          return r;
        }));
      }
      for (Cell c : cells) {
        Future<CellResult> f = futures.get(c);
        results.add(f != null ? f.get() : store.load(c).orElseThrow());
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
    notes.add(String.format(Locale.ROOT, "%d cell(s): %d trained in this invocation (%.0f s wall, %d at a time), "
            + "%d resumed from %s; written %s", cells.size(), todo.size(), seconds, parallel, skipped,
        store.dir().getFileName(), LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16)));
    return new Outcome(results, todo.size(), skipped, seconds, write(results, notes));
  }

  /** Writes the CSV, JSON, plots and report of {@code results}; returns the files. */
  public List<Path> write(List<CellResult> results, List<String> notes) {
    List<EpochRow> rows = new ArrayList<>();
    results.forEach(r -> rows.addAll(r.rows()));
    List<Path> files = new ArrayList<>();
    save(out.resolve("results.csv"), ResultFiles.csv(rows));
    files.add(out.resolve("results.csv"));
    save(out.resolve("results.json"), ResultFiles.json(suite, rows));
    files.add(out.resolve("results.json"));
    Summary summary = new Summary(results);
    Map<String, List<String>> plots = new LinkedHashMap<>();
    for (String w : summary.workloads()) {
      List<String> names = Plots.draw(out, suite, summary, w);
      plots.put(w, names);
      names.forEach(n -> files.add(out.resolve(n)));
    }
    save(out.resolve("report.md"), Report.markdown(suite, summary, plots, notes));
    files.add(out.resolve("report.md"));
    return files;
  }

  private static void save(Path file, String text) {
    try {
      OutputFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + OutputFiles.cause(e), e);
    }
  }

  private SearchListener listener() {
    return new SearchListener() {
      @Override
      public void runStarted(SearchConfig config, long planned, long alreadyDone) {
      }

      @Override
      public void candidateFinished(Candidate c, CandidateResult r) {
        progress.candidateEpoch();
      }
    };
  }

  private boolean available(String dataset) {
    if (!Datasets.NAMES.contains(dataset) || "synthetic".equals(dataset)) {
      return true;
    }
    try {
      Datasets.load(dataset, dataDir, 1);
      return true;
    } catch (DataException e) {
      return false;
    }
  }
}
