package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.LrRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Children go beside their parents while the parent's worker has room; the rest balance the load. */
class PlacementTest {

  /** Candidates: parents given in order; ids 0..n-1. */
  private static List<Candidate> children(int... parents) {
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < parents.length; i++) {
      out.add(new Candidate(100 + i, parents[i], 2, 0, 1.0, 0.1, new LrRule.Fixed(0.1)));
    }
    return out;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // 2 beams on 2 workers, 3 children each: all local
        Arguments.of(children(10, 10, 10, 11, 11, 11), Map.of(10, 0, 11, 1), 2,
            List.of(0, 0, 0, 1, 1, 1), 0),
        // both beams on worker 0: it keeps 3, the other 3 go to worker 1 and copy
        Arguments.of(children(10, 10, 10, 11, 11, 11), Map.of(10, 0, 11, 0), 2,
            List.of(0, 0, 0, 1, 1, 1), 3),
        // root children: no copies, balanced
        Arguments.of(children(-1, -1, -1), Map.of(), 2, List.of(0, 1, 0), 0),
        // one worker takes everything, locally
        Arguments.of(children(10, 11, 10), Map.of(10, 0, 11, 0), 1, List.of(0, 0, 0), 0),
        // three workers, two beams on worker 2: capacity 2 each
        Arguments.of(children(10, 10, 10, 11, 11, 11), Map.of(10, 2, 11, 2), 3,
            List.of(2, 2, 0, 1, 0, 1), 4));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void placesChildrenBesideParentsUpToCapacity(List<Candidate> cs, Map<Integer, Integer> holders, int workers,
                                               List<Integer> expectedWorkers, int expectedCopies) {
    List<Placement.Assignment> a = Placement.place(cs, Collections.nCopies(workers, 1),
        id -> holders.getOrDefault(id, -1));
    assertEquals(expectedWorkers, a.stream().map(Placement.Assignment::worker).toList());
    assertEquals(expectedCopies, a.stream().filter(Placement.Assignment::remoteParent).count());
    assertEquals(cs, a.stream().map(Placement.Assignment::candidate).toList());
  }
}
