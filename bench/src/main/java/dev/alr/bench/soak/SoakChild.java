package dev.alr.bench.soak;

import java.nio.file.Path;

/**
 * The program a fresh soak JVM runs: its share of the searches, then one line
 * {@code soak-child <finished> <failed>} (after one {@code soak-failure: ...} line per failure),
 * exit 0. Arguments: N-probe count, ALR count, first seed, limit, epochs, workers, dataset.
 */
public final class SoakChild {
  /** Prefix of a failure line. */
  static final String FAILURE_PREFIX = "soak-failure: ";

  private SoakChild() {
  }

  /** Runs the share described by {@code args} (see the class comment). */
  public static void main(String[] args) {
    int nprobe = Integer.parseInt(args[0]);
    int alr = Integer.parseInt(args[1]);
    long firstSeed = Long.parseLong(args[2]);
    Soak.Settings s = new Soak.Settings(nprobe, alr, 0, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
        Integer.parseInt(args[5]), args[6], Path.of("."));
    Soak.Tally t = Soak.searches(nprobe, alr, firstSeed, s, System.out);
    t.failures().forEach(f -> System.out.println(FAILURE_PREFIX + f));
    System.out.println(Soak.CHILD_TALLY + " " + t.finished() + " " + t.failures().size());
    System.exit(0);
  }
}
