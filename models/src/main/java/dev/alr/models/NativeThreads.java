package dev.alr.models;

import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sets how many native threads ND4J uses for the math of one model. The default for alr is one:
 * several single-threaded models train side by side (one per worker slot), which on small
 * batches is faster than one model on several threads and keeps results bit-identical.
 *
 * <p>Settings, and what they do, measured on an otherwise quiet 2-core machine with
 * {@code ThroughputProbe} (MLP, SGD, batch 64, one timed epoch after a warm-up; bench/RESULTS.md §6):
 * <ul>
 *   <li>{@code OMP_NUM_THREADS=1} in the environment of the JVM: read once, when libnd4j loads, and
 *       it also sets ND4J's {@code maxThreads}; it cannot be changed from Java afterwards. This is
 *       the setting that matters: MLP ≈8,200–10,100 samples/s.</li>
 *   <li>{@code Nd4j.getEnvironment().setMaxThreads(n)}, {@code setMaxMasterThreads(n)} and
 *       {@code Nd4j.factory().blas().setMaxThreads(n)} (OpenBLAS's thread count): with
 *       {@code OMP_NUM_THREADS} unset they bring the master threads and BLAS to one but
 *       {@code maxThreads} stays at the core count: ≈6,200 samples/s.</li>
 *   <li>Neither: ND4J uses every core: ≈3,200 samples/s.</li>
 * </ul>
 * So launch scripts and the Maven test configuration set the variable, and models also apply the
 * run-time calls, which help when it is missing.
 * {@link #configure(int)} applies the run-time settings; it cannot set the environment variable.
 * Model factories call {@link #configureDefault()}, which applies the {@link #PROPERTY} system
 * property (default 1).
 *
 * <p>Thread-safe and idempotent: the settings are process-wide; a call with the value already
 * applied does nothing.
 */
public final class NativeThreads {
  /**
   * System property read by {@link #configureDefault()}: a thread count, or {@code none} to leave
   * ND4J's defaults (for measurements). Unset means 1.
   */
  public static final String PROPERTY = "alr.native.threads";
  private static final AtomicInteger CONFIGURED = new AtomicInteger();

  private NativeThreads() {
  }

  /**
   * Limits ND4J's native math to {@code threads} threads, process-wide.
   *
   * @param threads at least 1
   */
  public static void configure(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("native threads must be >= 1, got " + threads);
    }
    if (CONFIGURED.getAndSet(threads) == threads) {
      return;
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  /**
   * Applies the thread count of the {@link #PROPERTY} system property (default 1; {@code none}:
   * no change). Model factories call this before building a network.
   *
   * @throws IllegalArgumentException when the property is neither a positive integer nor {@code none}
   */
  public static void configureDefault() {
    String value = System.getProperty(PROPERTY, "1").trim();
    if (value.equals("none")) {
      return;
    }
    int threads;
    try {
      threads = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + PROPERTY + ": expected a thread count or 'none', got '" + value
          + "'", e);
    }
    configure(threads);
  }

  /** The value of the last {@link #configure(int)} call, or 0 before the first. */
  public static int configured() {
    return CONFIGURED.get();
  }

  /** {@code OMP_NUM_THREADS} as the JVM was started with, or {@code null} when unset. */
  public static String ompNumThreads() {
    return System.getenv("OMP_NUM_THREADS");
  }
}
