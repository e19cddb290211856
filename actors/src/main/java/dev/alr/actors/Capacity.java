package dev.alr.actors;

/**
 * How many single-threaded trainers one machine may run: {@code max(16, 4 × available
 * processors)}. Each trainer (an in-process worker, or a slot of a worker node) holds its own
 * model and training thread, so more than a few per core only adds memory and contention; the
 * floor of 16 leaves room to try parallel layouts on small machines. Requests beyond the bound
 * are refused before anything starts. Stateless and thread-safe.
 */
public final class Capacity {
  private Capacity() {
  }

  /** The most trainers this machine may run. */
  public static int maxTrainers() {
    return Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
  }

  /**
   * Checks {@code trainers} against {@link #maxTrainers()}.
   *
   * @param name what the caller calls the value (a field like {@code workers}, or a flag like {@code --slots})
   * @throws IllegalArgumentException naming {@code name} and the bound
   */
  public static void check(String name, int trainers) {
    int max = maxTrainers();
    if (trainers > max) {
      throw new IllegalArgumentException(name + ": at most " + max + " on this machine (4 per available processor,"
          + " at least 16; each is a single-threaded model with its own memory), got " + trainers);
    }
  }
}
