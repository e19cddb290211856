package dev.alr.actors;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A search's stall deadline: the search has stalled when nothing progressed (no candidate
 * finished, no round or epoch closed) for {@code rounds} × the slowest round so far, and never
 * less than {@code floor}. The coordinator reports progress; the thread that waits for the
 * search ({@link SystemRuns#await}) asks {@link #deadlineNanos()} and gives up past it, so a
 * coordinator that is blocked or lost cannot hang the search either.
 *
 * <p>Thread-safe: written by the coordinator's actor, read by the waiting thread.
 */
public final class StallWatch {
  private final Duration floor;
  private final int rounds;
  private final LongSupplier clock;
  private final AtomicLong lastProgress;
  private final AtomicLong slowestRound = new AtomicLong();

  /**
   * @param floor  the least time without progress that counts as a stall (&gt; 0)
   * @param rounds how many of the slowest round's durations without progress count as a stall (&ge; 1)
   */
  public StallWatch(Duration floor, int rounds) {
    this(floor, rounds, System::nanoTime);
  }

  StallWatch(Duration floor, int rounds, LongSupplier clock) {
    if (floor.isNegative() || floor.isZero()) {
      throw new IllegalArgumentException("alr.stall.floor: must be > 0, got " + floor);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("alr.stall.rounds: must be >= 1, got " + rounds);
    }
    this.floor = floor;
    this.rounds = rounds;
    this.clock = clock;
    this.lastProgress = new AtomicLong(clock.getAsLong());
  }

  /** The settings in {@code config} ({@code alr.stall.floor}, {@code alr.stall.rounds}). */
  public static StallWatch of(com.typesafe.config.Config config) {
    return new StallWatch(config.getDuration("alr.stall.floor"), config.getInt("alr.stall.rounds"));
  }

  /** Something progressed now. */
  public void progress() {
    lastProgress.set(clock.getAsLong());
  }

  /** A round (training and closing its epoch) took {@code nanos}; also progress. */
  public void roundTook(long nanos) {
    slowestRound.accumulateAndGet(nanos, Math::max);
    progress();
  }

  /** How long without progress counts as a stall now. */
  public long limitNanos() {
    return Math.max(floor.toNanos(), rounds * slowestRound.get());
  }

  /** The {@link System#nanoTime()}-based instant past which the search has stalled. */
  public long deadlineNanos() {
    return lastProgress.get() + limitNanos();
  }

  /** Nanos left before the deadline (negative once past it). */
  public long remainingNanos() {
    return deadlineNanos() - clock.getAsLong();
  }

  /** One line saying that the search stalled and why that counts. */
  public String message() {
    return String.format(Locale.ROOT, "the search stalled: no progress for %.0f s (limit: %d x the slowest round,"
        + " %.1f s, and at least %d s; alr.stall.rounds, alr.stall.floor)", limitNanos() / 1e9, rounds,
        slowestRound.get() / 1e9, floor.toSeconds());
  }
}
