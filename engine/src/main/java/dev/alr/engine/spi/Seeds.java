package dev.alr.engine.spi;

/**
 * Derives independent 64-bit seeds from a run seed and a few integers (SplitMix64 finaliser),
 * so that data order, probe batches and model initialisation never share a random stream.
 *
 * <p>Stateless and thread-safe.
 */
public final class Seeds {
  private Seeds() {
  }

  /** A well-mixed seed from the run seed, a stream tag and an index. */
  public static long mix(long seed, long stream, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + stream;
    z = finalise(z) + index * 0xBF58476D1CE4E5B9L;
    return finalise(z);
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
