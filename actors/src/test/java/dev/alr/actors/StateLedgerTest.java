package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.spi.ModelState;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger of who holds which state, driven by tables of events; workers are plain strings. */
class StateLedgerTest {

  private static ModelState state(int id) {
    return new ModelState(ModelState.FORMAT_VERSION, "test", new float[] {id}, new float[0], id);
  }

  /**
   * Applies {@code events} to a fresh ledger: "held ID W", "replicated ID W", "copied ID", "lost W" (result recorded
   * under "lost:W"), "release ID,ID" (result under "release").
   */
  private static StateLedger<String> apply(List<String> events, Map<String, Object> out) {
    StateLedger<String> l = new StateLedger<>();
    for (String e : events) {
      String[] p = e.split(" ");
      switch (p[0]) {
        case "held" -> l.held(Integer.parseInt(p[1]), p[2]);
        case "replicated" -> l.replicated(Integer.parseInt(p[1]), p[2]);
        case "copied" -> l.copied(Integer.parseInt(p[1]), state(Integer.parseInt(p[1])));
        case "lost" -> out.put("lost:" + p[1], l.lost(p[1]));
        case "release" -> out.put("release", l.release(Stream.of(p[1].split(",")).map(Integer::valueOf).toList()));
        default -> throw new IllegalArgumentException(e);
      }
    }
    return l;
  }

  static Stream<Arguments> lostWorkers() {
    return Stream.of(
        // events, worker lost, ids lost with it (no copy), ids still recoverable
        Arguments.of(List.of("held 1 a", "held 2 b"), "a", List.of(1), List.of(2)),
        Arguments.of(List.of("held 1 a", "copied 1", "held 2 a"), "a", List.of(2), List.of(1)),
        Arguments.of(List.of("held 3 a", "held 1 a", "held 2 b"), "a", List.of(1, 3), List.of(2)),
        Arguments.of(List.of("held 1 a"), "c", List.of(), List.of(1)),
        Arguments.of(List.of("held 1 a", "held 1 b"), "a", List.of(), List.of(1)),
        Arguments.of(List.of("held 1 a", "replicated 1 b", "held 2 a"), "a", List.of(2), List.of(1)),
        Arguments.of(List.of("held 1 a", "replicated 1 b", "held 2 b", "replicated 2 a"), "b", List.of(), List.of(1, 2)));
  }

  @ParameterizedTest
  @MethodSource("lostWorkers")
  void aLostWorkerLosesOnlyTheStatesNobodyElseHas(List<String> events, String worker, List<Integer> lost,
                                                  List<Integer> recoverable) {
    Map<String, Object> out = new java.util.HashMap<>();
    List<String> all = new java.util.ArrayList<>(events);
    all.add("lost " + worker);
    StateLedger<String> l = apply(all, out);
    assertEquals(lost, out.get("lost:" + worker));
    for (int id : lost) {
      assertFalse(l.recoverable(id), "state " + id);
      assertNull(l.holder(id));
    }
    for (int id : recoverable) {
      assertTrue(l.recoverable(id), "state " + id);
    }
  }

  static Stream<Arguments> releases() {
    return Stream.of(
        // events, released ids, per-worker release messages, ids still held
        Arguments.of(List.of("held 1 a", "held 2 b", "held 3 a"), "3,1", Map.of("a", List.of(1, 3)), List.of(2)),
        Arguments.of(List.of("held 1 a", "held 2 b"), "1,2", Map.of("a", List.of(1), "b", List.of(2)), List.of()),
        Arguments.of(List.of("held 1 a"), "7", Map.of(), List.of(1)));
  }

  @ParameterizedTest
  @MethodSource("releases")
  void releasingTellsOnlyTheHolders(List<String> events, String ids, Map<String, List<Integer>> messages,
                                    List<Integer> held) {
    Map<String, Object> out = new java.util.HashMap<>();
    List<String> all = new java.util.ArrayList<>(events);
    all.add("release " + ids);
    StateLedger<String> l = apply(all, out);
    assertEquals(messages, out.get("release"));
    assertEquals(held, l.heldIds());
  }

  @Test
  void copiesOfTheOldBeamsStayUntilTheNewBeamsAreSecured() {
    StateLedger<String> l = apply(List.of("held 1 a", "copied 1", "held 2 a", "held 3 b"), new java.util.HashMap<>());
    l.release(List.of(1, 3));
    assertEquals(List.of(2), l.unsecured(List.of(2)));
    assertTrue(l.recoverable(1), "a parent stays recoverable while its child is not secured");
    assertThrows(IllegalStateException.class, () -> l.commit(List.of(2)));
    l.copied(2, state(2));
    assertEquals(List.of(), l.unsecured(List.of(2)));
    l.commit(List.of(2));
    assertEquals(List.of(2), l.copiedIds());
    assertFalse(l.recoverable(1));
  }

  @Test
  void aLostHolderHandsItsStateToTheReplicaWhichMustBeSecuredAgain() {
    StateLedger<String> l = apply(List.of("held 1 a", "replicated 1 b", "held 2 b", "replicated 2 a"),
        new java.util.HashMap<>());
    assertEquals(List.of(), l.unsecured(List.of(1, 2)));
    assertEquals(List.of(), l.lost("a"));
    assertEquals("b", l.holder(1), "the replica's worker holds 1 now");
    assertEquals("b", l.source(1));
    assertEquals("b", l.holder(2));
    assertNull(l.replica(1));
    assertNull(l.replica(2), "the replica on the lost worker is gone");
    assertEquals(List.of(1, 2), l.unsecured(List.of(1, 2)), "neither has a second copy any more");
    assertThrows(IllegalStateException.class, () -> l.commit(List.of(1, 2)));
    l.replicated(1, "c");
    l.replicated(2, "c");
    assertEquals(Map.of(), l.commit(List.of(1, 2)));
  }

  @Test
  void replicasOfTheOldBeamsStayUntilCommitAndAreThenDroppedByTheirWorkers() {
    StateLedger<String> l = apply(List.of("held 1 a", "replicated 1 b", "held 2 a", "held 3 b"),
        new java.util.HashMap<>());
    assertEquals(Map.of("a", List.of(1), "b", List.of(3)), l.release(List.of(1, 3)));
    assertNull(l.holder(1));
    assertEquals("b", l.source(1), "the parent is still had from its replica");
    assertTrue(l.recoverable(1));
    assertEquals(List.of(2), l.unsecured(List.of(2)));
    l.replicated(2, "b");
    assertEquals(List.of(), l.copiedIds(), "nothing went through the search node");
    assertEquals(Map.of("b", List.of(1)), l.commit(List.of(2)));
    assertFalse(l.recoverable(1));
    assertEquals(List.of(2), l.replicatedIds());
    assertEquals(List.of(2), l.heldIds());
  }

  @Test
  void anOldBeamHeldOnlyByItsPromotedReplicaStaysUntilCommitSoALostChildCanBeRetrainedFromIt() {
    StateLedger<String> l = apply(List.of("held 1 a", "replicated 1 b", "held 6 a", "held 7 b"),
        new java.util.HashMap<>());
    assertEquals(List.of(6), l.lost("a"), "6 was not secured yet");
    assertEquals("b", l.holder(1));
    assertEquals(Map.of("b", List.of(7)), l.release(List.of(1, 7)), "b keeps old beam 1 until the commit");
    assertNull(l.holder(1));
    assertEquals("b", l.source(1), "6 can be trained again from its parent 1");
    l.held(6, "b");
    l.replicated(6, "c");
    assertEquals(Map.of("b", List.of(1)), l.commit(List.of(6)), "b drops 1 at the commit");
    assertFalse(l.recoverable(1));
  }

  @Test
  void aReplicaMustBeOnAnotherWorker() {
    StateLedger<String> l = apply(List.of("held 1 a"), new java.util.HashMap<>());
    assertThrows(IllegalArgumentException.class, () -> l.replicated(1, "a"));
  }

  @Test
  void restoredStatesRememberTheWorkerThatTrainedThemUntilTheyAreHeldAgain() {
    StateLedger<String> l = new StateLedger<>();
    l.restored(Map.of(4, state(4), 5, state(5)), Map.of(4, "worker-1", 5, "worker-0"));
    assertEquals("worker-1", l.home(4));
    assertNull(l.holder(4));
    assertTrue(l.recoverable(4));
    l.held(4, "w");
    assertNull(l.home(4), "a live holder wins");
    l.commit(List.of(5));
    assertEquals("worker-0", l.home(5));
    assertEquals(List.of(5), l.copiedIds());
  }
}
