package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alr.engine.SearchException;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.LrRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How rounds map onto epochs: a table of (steps per epoch, K, round) → (epoch, slice, ends epoch). */
class RoundSlicesTest {

  static Stream<Arguments> table() {
    return Stream.of(
        // steps, K, round, epoch, from, to, endsEpoch
        arguments(30, 0, 1, 1, 0, 30, true),
        arguments(30, 0, 4, 4, 0, 30, true),
        arguments(30, 12, 1, 1, 0, 12, false),
        arguments(30, 12, 2, 1, 12, 24, false),
        arguments(30, 12, 3, 1, 24, 30, true),
        arguments(30, 12, 4, 2, 0, 12, false),
        arguments(30, 12, 6, 2, 24, 30, true),
        arguments(30, 10, 3, 1, 20, 30, true),
        arguments(30, 10, 4, 2, 0, 10, false),
        arguments(30, 30, 2, 2, 0, 30, true),
        arguments(30, 1, 31, 2, 0, 1, false),
        arguments(157, 50, 4, 1, 150, 157, true),
        arguments(157, 50, 5, 2, 0, 50, false));
  }

  @ParameterizedTest(name = "{0} steps, K {1}, round {2}")
  @MethodSource("table")
  void mapsARoundToItsEpochAndSlice(long steps, int k, int round, int epoch, int from, int to, boolean ends) {
    RoundSlices s = new RoundSlices(steps, k);
    assertEquals(epoch, s.epochOf(round));
    assertEquals(from, s.fromBatch(round));
    assertEquals(to, s.toBatch(round));
    assertEquals(ends, s.endsEpoch(round));
  }

  @Test
  void slicesOfAnEpochCoverItsBatchesOnceInOrder() {
    for (int k = 1; k <= 31; k++) {
      RoundSlices s = new RoundSlices(31, k);
      int next = 0;
      for (int r = 1; r <= s.perEpoch(); r++) {
        assertEquals(1, s.epochOf(r));
        assertEquals(next, s.fromBatch(r), "K " + k + " round " + r);
        assertTrue(s.toBatch(r) - s.fromBatch(r) <= k && s.toBatch(r) > s.fromBatch(r));
        next = s.toBatch(r);
      }
      assertEquals(31, next, "K " + k);
      assertEquals(2, s.epochOf(s.perEpoch() + 1));
      assertEquals(3 * s.perEpoch(), s.total(3));
    }
  }

  @Test
  void placesPlannedCandidatesInTheRoundsSliceAndLeavesEpochRoundsAlone() {
    List<Candidate> planned = List.of(new Candidate(0, Candidate.ROOT, 5, 0, 1.0, 0.1, new LrRule.Fixed(0.1)),
        new Candidate(1, Candidate.ROOT, 5, 0, 2.0, 0.2, new LrRule.Fixed(0.2)));
    assertSame(planned, new RoundSlices(30, 0).place(5, planned));
    List<Candidate> placed = new RoundSlices(30, 12).place(5, planned);
    for (int i = 0; i < 2; i++) {
      Candidate c = placed.get(i);
      assertEquals(planned.get(i).id(), c.id());
      assertEquals(planned.get(i).lr(), c.lr());
      assertEquals(2, c.epoch());
      assertEquals(12, c.fromBatch());
      assertEquals(24, c.toBatch());
    }
  }

  @Test
  void refusesRoundsLongerThanAnEpochNamingTheFlag() {
    SearchException e = assertThrows(SearchException.class, () -> new RoundSlices(30, 31));
    assertEquals("roundSteps: must be between 1 and the 30 batches of an epoch, got 31", e.getMessage());
    assertThrows(SearchException.class, () -> new RoundSlices(30, -1));
  }
}
