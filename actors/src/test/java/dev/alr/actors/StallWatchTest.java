package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stall deadline on a fake clock: the floor, N x the slowest round, and progress moving it. */
class StallWatchTest {
  private static final long S = 1_000_000_000L;

  @Test
  void theFloorHoldsUntilRoundsAreSlowerThanItAllows() {
    AtomicLong now = new AtomicLong(100 * S);
    StallWatch w = new StallWatch(Duration.ofSeconds(60), 3, now::get);
    assertEquals(60 * S, w.limitNanos());
    assertEquals(160 * S, w.deadlineNanos());
    now.addAndGet(10 * S);
    w.roundTook(10 * S);
    assertEquals(60 * S, w.limitNanos(), "3 x 10 s is below the floor");
    now.addAndGet(40 * S);
    w.roundTook(40 * S);
    assertEquals(120 * S, w.limitNanos(), "3 x the slowest round");
    w.roundTook(5 * S);
    assertEquals(120 * S, w.limitNanos(), "a faster round does not lower it");
    assertEquals(150 * S + 120 * S, w.deadlineNanos());
  }

  @Test
  void progressMovesTheDeadlineAndItsAbsenceRunsItOut() {
    AtomicLong now = new AtomicLong(0);
    StallWatch w = new StallWatch(Duration.ofSeconds(10), 3, now::get);
    now.set(9 * S);
    assertEquals(S, w.remainingNanos());
    w.progress();
    assertEquals(10 * S, w.remainingNanos());
    now.set(20 * S);
    assertTrue(w.remainingNanos() < 0);
    assertTrue(w.message().startsWith("the search stalled: no progress for 10 s"), w.message());
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new StallWatch(Duration.ZERO, 3));
    assertThrows(IllegalArgumentException.class, () -> new StallWatch(Duration.ofSeconds(1), 0));
  }
}
