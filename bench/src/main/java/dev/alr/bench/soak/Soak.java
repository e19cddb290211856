package dev.alr.bench.soak;

import dev.alr.engine.Alr;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.spi.WorkloadSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs many short N-probe and ALR searches and counts what went wrong: searches that failed
 * (exception or not completed), fresh JVMs that crashed (killed by a signal, or left a
 * {@code hs_err_pid*.log}), and fresh JVMs that did not finish in time. The searches go through
 * {@link Alr#run()} with the default executor (Pekko actors), as {@code bin/alr search} does.
 *
 * <p>The {@link Settings#nprobe()} and {@link Settings#alr()} searches are split evenly over this
 * JVM and {@link Settings#freshJvms()} child JVMs (this JVM takes the remainder). Children start
 * with {@code OMP_NUM_THREADS=1} and {@code -XX:ErrorFile} pointing into {@link Settings#out()},
 * where their output goes too ({@code jvm-K.log}), one at a time after this JVM's searches.
 *
 * <p>Call order: {@link #run(Settings, PrintStream)} once per soak. Not thread-safe.
 */
public final class Soak {
  /** Line a child prints last: {@code soak-child <runs> <failures>}. */
  static final String CHILD_TALLY = "soak-child";
  private static final double LR = 0.05;
  private static final long CHILD_TIMEOUT_SECONDS_PER_SEARCH = 120;

  private Soak() {
  }

  /**
   * What to soak.
   *
   * @param nprobe    N-probe searches in all
   * @param alr       ALR (beam 2, factors 0.5, 1, 2) searches in all
   * @param freshJvms child JVMs that share the searches with this one (0: this JVM only)
   * @param limit     training samples per search
   * @param epochs    epochs per search
   * @param workers   workers per search
   * @param dataset   dataset name ({@code synthetic} needs no files)
   * @param out       directory for crash files and child logs (created)
   */
  public record Settings(int nprobe, int alr, int freshJvms, int limit, int epochs, int workers, String dataset,
                         Path out) {
    /** Validates; messages name the CLI flag. */
    public Settings {
      requireAtLeast("--nprobe", nprobe, 0);
      requireAtLeast("--alr", alr, 0);
      requireAtLeast("--fresh-jvms", freshJvms, 0);
      requireAtLeast("--limit", limit, 1);
      requireAtLeast("--epochs", epochs, 1);
      requireAtLeast("--workers", workers, 1);
      if (nprobe + alr == 0) {
        throw new IllegalArgumentException("--nprobe/--alr: at least one search, got 0 and 0");
      }
    }

    private static void requireAtLeast(String flag, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(flag + ": must be >= " + min + ", got " + value);
      }
    }
  }

  /**
   * What a soak counted.
   *
   * @param searches  searches asked for
   * @param finished  searches that completed
   * @param failed    searches that threw or did not complete (in a JVM that survived)
   * @param crashed   fresh JVMs that crashed
   * @param hung      fresh JVMs that did not finish within their deadline
   * @param jvms      JVMs used (this one and the fresh ones)
   * @param seconds   wall time
   * @param problems  one line per failure, crash or hang
   */
  public record Summary(int searches, int finished, int failed, int crashed, int hung, int jvms, double seconds,
                        List<String> problems) {
    public Summary {
      problems = List.copyOf(problems);
    }

    /** Whether every search finished and no JVM crashed or hung. */
    public boolean ok() {
      return finished == searches && failed == 0 && crashed == 0 && hung == 0;
    }

    /** One summary line. */
    public String line() {
      return String.format(Locale.ROOT, "soak: %d searches in %d JVM(s): %d finished, %d failed, %d JVM crash(es),"
          + " %d hung, %.1f s", searches, jvms, finished, failed, crashed, hung, seconds);
    }
  }

  /** Counts of one JVM's share. */
  record Tally(int runs, int finished, List<String> failures) {
  }

  /** Runs the soak, printing progress lines to {@code log}. */
  public static Summary run(Settings s, PrintStream log) {
    long started = System.nanoTime();
    try {
      Files.createDirectories(s.out());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + s.out() + ": " + e.getMessage(), e);
    }
    int shares = s.freshJvms() + 1;
    int childNprobe = s.nprobe() / shares;
    int childAlr = s.alr() / shares;
    int ownNprobe = s.nprobe() - childNprobe * s.freshJvms();
    int ownAlr = s.alr() - childAlr * s.freshJvms();
    List<String> problems = new ArrayList<>();
    log.printf(Locale.ROOT, "soak: this JVM: %d N-probe + %d ALR searches; %d fresh JVM(s) x (%d + %d); out %s%n",
        ownNprobe, ownAlr, s.freshJvms(), childNprobe, childAlr, s.out());
    Tally own = searches(ownNprobe, ownAlr, 0, s, log);
    problems.addAll(own.failures());
    int finished = own.finished();
    int failed = own.failures().size();
    int crashed = 0;
    int hung = 0;
    for (int k = 1; k <= s.freshJvms() && childNprobe + childAlr > 0; k++) {
      ChildOutcome c = child(k, childNprobe, childAlr, k * (childNprobe + childAlr + ownNprobe + ownAlr), s);
      finished += c.tally().finished();
      failed += c.tally().failures().size();
      problems.addAll(c.tally().failures());
      if (c.crashed()) {
        crashed++;
      }
      if (c.hung()) {
        hung++;
      }
      c.problem().ifPresent(problems::add);
      log.printf(Locale.ROOT, "soak: fresh JVM %d/%d: %d/%d finished%s%n", k, s.freshJvms(), c.tally().finished(),
          childNprobe + childAlr, c.problem().map(p -> " — " + p).orElse(""));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Summary(s.nprobe() + s.alr(), finished, failed, crashed, hung, 1 + s.freshJvms(), seconds, problems);
  }

  /**
   * Runs {@code nprobe} N-probe then {@code alr} ALR searches in this JVM, seeds from
   * {@code firstSeed + 1} on.
   */
  static Tally searches(int nprobe, int alr, long firstSeed, Settings s, PrintStream log) {
    List<String> failures = new ArrayList<>();
    int finished = 0;
    int total = nprobe + alr;
    for (int i = 0; i < total; i++) {
      boolean probe = i < nprobe;
      long seed = firstSeed + i + 1;
      Strategy strategy = probe ? Strategies.nprobe() : Strategies.beam(2, 0.5, 1, 2);
      String what = (probe ? "nprobe" : "alr") + " seed " + seed;
      try {
        SearchResult r = Alr.search(WorkloadSpec.of("mlp", s.dataset(), seed).withLimit(s.limit()))
            .strategy(strategy).lr(LR).epochs(s.epochs()).workers(s.workers()).evalEachEpoch(false).run();
        if (r.completed()) {
          finished++;
        } else {
          failures.add(what + ": " + r.message());
        }
      } catch (RuntimeException e) {
        failures.add(what + ": " + e);
      }
      if ((i + 1) % 10 == 0 || i + 1 == total) {
        log.printf(Locale.ROOT, "soak: %d/%d searches done, %d failed%n", i + 1, total, failures.size());
      }
    }
    return new Tally(total, finished, failures);
  }

  private record ChildOutcome(Tally tally, boolean crashed, boolean hung, Optional<String> problem) {
  }

  private static ChildOutcome child(int k, int nprobe, int alr, long firstSeed, Settings s) {
    Path logFile = s.out().resolve("jvm-" + k + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-Xmx2g",
        "-XX:ErrorFile=" + s.out().resolve("hs_err_pid%p.log"),
        "-XX:ReplayDataFile=" + s.out().resolve("replay_pid%p.log"),
        "-cp", System.getProperty("java.class.path"), SoakChild.class.getName(),
        String.valueOf(nprobe), String.valueOf(alr), String.valueOf(firstSeed), String.valueOf(s.limit()),
        String.valueOf(s.epochs()), String.valueOf(s.workers()), s.dataset());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    int searches = nprobe + alr;
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new ChildOutcome(new Tally(searches, 0, List.of()), false, false,
          Optional.of("fresh JVM " + k + " did not start: " + e.getMessage()));
    }
    boolean done;
    try {
      done = p.waitFor(CHILD_TIMEOUT_SECONDS_PER_SEARCH * searches + 60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done) {
      p.destroyForcibly();
      return new ChildOutcome(new Tally(searches, 0, List.of()), false, true,
          Optional.of("fresh JVM " + k + " (pid " + p.pid() + ") did not finish in time; log " + logFile));
    }
    int code = p.exitValue();
    boolean crashFile = hasCrashFile(s.out(), p.pid());
    Tally tally = readTally(logFile, searches);
    if (code > 128 || crashFile) {
      return new ChildOutcome(tally, true, false, Optional.of("fresh JVM " + k + " (pid " + p.pid()
          + ") crashed: exit " + code + (crashFile ? ", " + s.out().resolve("hs_err_pid" + p.pid() + ".log") : "")));
    }
    if (code != 0) {
      return new ChildOutcome(tally, false, false, Optional.of("fresh JVM " + k + " exited " + code
          + "; log " + logFile));
    }
    return new ChildOutcome(tally, false, false, Optional.empty());
  }

  private static boolean hasCrashFile(Path out, long pid) {
    try (Stream<Path> files = Files.list(out)) {
      return files.anyMatch(f -> f.getFileName().toString().equals("hs_err_pid" + pid + ".log"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The tally a child printed last; a child that printed none finished nothing. */
  private static Tally readTally(Path logFile, int searches) {
    List<String> lines;
    try {
      lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Tally(searches, 0, List.of());
    }
    List<String> failures = new ArrayList<>();
    int finished = 0;
    for (String line : lines) {
      if (line.startsWith(SoakChild.FAILURE_PREFIX)) {
        failures.add(line.substring(SoakChild.FAILURE_PREFIX.length()));
      } else if (line.startsWith(CHILD_TALLY + " ")) {
        finished = Integer.parseInt(line.split(" ")[1]);
      }
    }
    return new Tally(searches, finished, failures);
  }
}
