package dev.alr.models;

import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sets how many native threads ND4J uses for the math of one model. The default for alr is one:
 * several single-threaded models train side by side (one per worker slot), which on small
 * batches is faster than one model on several threads and keeps results bit-identical.
 *
 * <p>Settings, and what they do. Measured with {@code ThroughputProbe} (SGD, batch 64, one timed
 * epoch after a warm-up, Fashion-MNIST, 2-core machine shared with other jobs, so ±2× noise):
 * <ul>
 *   <li>{@code OMP_NUM_THREADS} in the environment of the JVM: read by the OpenMP runtime once,
 *       when libnd4j loads; it cannot be changed from Java afterwards. Alone (no run-time calls)
 *       {@code OMP_NUM_THREADS=1} gives the single-thread speed (MLP ≈3,200 samples/s, CNN ≈260).
 *       Launch scripts and the Maven test configuration set it.</li>
 *   <li>{@code Nd4j.getEnvironment().setMaxThreads(n)}, {@code setMaxMasterThreads(n)} and
 *       {@code Nd4j.factory().blas().setMaxThreads(n)} (OpenBLAS's thread count for the matrix
 *       products): together, with {@code OMP_NUM_THREADS} unset, they also give the
 *       single-thread speed (MLP ≈5,700, CNN ≈280 samples/s).</li>
 *   <li>Neither: ND4J uses every core; MLP ≈500, CNN ≈140 samples/s, 5–10× slower when other
 *       processes compete for the cores (two threads per model with {@code OMP_NUM_THREADS=2}:
 *       MLP ≈200, CNN ≈70).</li>
 * </ul>
 * So either mechanism is enough; alr sets both.
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
