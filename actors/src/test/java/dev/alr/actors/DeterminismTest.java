package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Termination;
import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed gives bit-identical candidate losses, beams, LR path and final weights for 1, 2
 * and 3 workers, and the same as the single-threaded reference executor.
 */
class DeterminismTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 11)
      .withHidden(List.of(32)).withLimit(1500).withBatchSize(50);

  private static SearchResult reference;
  private static Path referenceDir;

  @TempDir
  static Path tmp;

  private static SearchConfig config(int workers) {
    return new SearchConfig(WORKLOAD, Strategies.beam(2, 0.5, 1, 2), 0.1, 3, workers, true);
  }

  @BeforeAll
  static void runReference() {
    referenceDir = tmp.resolve("ref");
    reference = new LocalExecutor(Workloads::factory).run(config(1), new RunOptions(referenceDir, false),
        SearchListener.NONE);
  }

  @Test
  void referenceRunsTheAlrCandidateCounts() {
    assertEquals(List.of(3, 6, 6), reference.epochs().stream().map(e -> e.candidates().size()).toList());
    assertEquals(Termination.COMPLETED, reference.termination());
    assertEquals(3, reference.lrPath().size());
    assertNotNull(reference.bestModel(), "the result carries the best model");
  }

  @Test
  void oneTwoAndThreeWorkersMatchTheReferenceBitForBit() throws IOException {
    for (int w = 1; w <= 3; w++) {
      Path dir = tmp.resolve("w" + w);
      SearchResult r = Alr.search(WORKLOAD).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.1).epochs(3).workers(w)
          .checkpoints(dir).executor(new ActorExecutor()).run();
      assertSameSearch(reference, r, "workers=" + w);
      assertSameFinalWeights(referenceDir, dir);
    }
  }

  @Test
  void childrenStayNextToTheirParentsWhileTheirWorkerHasRoom() {
    int workers = 2;
    SearchResult r = new ActorExecutor().run(config(workers), RunOptions.none(), SearchListener.NONE);
    long stateBytes = r.epochs().stream().flatMap(e -> e.candidates().stream()).mapToLong(CandidateRecord::bytesCopied)
        .filter(b -> b > 0).min().orElseThrow();
    java.util.Map<Integer, String> workerOf = new java.util.HashMap<>();
    long total = 0;
    long awayFromTrainer = 0;
    for (EpochRecord e : r.epochs()) {
      java.util.Set<Integer> beams = new java.util.HashSet<>();
      e.beams().forEach(b -> beams.add(b.candidateId()));
      java.util.Map<String, Integer> childrenByParentWorker = new java.util.TreeMap<>();
      long copied = 0;
      for (CandidateRecord c : e.candidates()) {
        workerOf.put(c.id(), c.worker());
        if (c.parent() >= 0) {
          childrenByParentWorker.merge(workerOf.get(c.parent()), 1, Integer::sum);
        }
        long toReplica = beams.contains(c.id()) ? stateBytes : 0;
        long parentCopy = c.bytesCopied() - toReplica;
        assertTrue(parentCopy == 0 || parentCopy == stateBytes, "candidate " + c.id() + ": " + c.bytesCopied());
        if (parentCopy > 0) {
          copied++;
          assertTrue(!c.worker().equals(workerOf.get(c.parent())), "a copy only goes to another worker");
        }
        total += c.bytesCopied();
      }
      int capacity = (e.candidates().size() + workers - 1) / workers;
      long overflow = childrenByParentWorker.values().stream().mapToLong(n -> Math.max(0, n - capacity)).sum();
      awayFromTrainer += overflow;
      assertEquals(0, copied, "copies in epoch " + e.epoch() + ": with two workers each beam is held by both (its "
          + "holder and its replica), so a child placed away from its parent's trainer still finds it locally");
    }
    assertTrue(awayFromTrainer > 0, "some children were placed away from their parent's trainer");
    assertEquals(total, r.bytesCopied(), "the total counts parent copies and each beam's replica");
  }

  static void assertSameSearch(SearchResult expected, SearchResult actual, String label) {
    assertEquals(expected.lrPath(), actual.lrPath(), label);
    assertEquals(expected.lineage(), actual.lineage(), label);
    assertEquals(expected.epochs().size(), actual.epochs().size(), label);
    for (int i = 0; i < expected.epochs().size(); i++) {
      EpochRecord e = expected.epochs().get(i);
      EpochRecord a = actual.epochs().get(i);
      assertEquals(e.beams(), a.beams(), label + " epoch " + e.epoch());
      for (int k = 0; k < e.candidates().size(); k++) {
        CandidateRecord ce = e.candidates().get(k);
        CandidateRecord ca = a.candidates().get(k);
        assertEquals(ce.id(), ca.id(), label);
        assertEquals(ce.parent(), ca.parent(), label);
        assertEquals(ce.lr(), ca.lr(), label);
        assertEquals(Double.doubleToLongBits(ce.loss()), Double.doubleToLongBits(ca.loss()),
            label + " loss of candidate " + ce.id());
      }
    }
    assertEquals(expected.finalTest(), actual.finalTest(), label);
    assertEquals(expected.bestModel(), actual.bestModel(), label + ": the best model's state");
  }

  static void assertSameFinalWeights(Path expectedDir, Path actualDir) throws IOException {
    assertSameStates(expectedDir.resolve("epoch-0003"), actualDir.resolve("epoch-0003"));
  }

  /** The same {@code .state} files, byte for byte, in two checkpoint directories (and at least one). */
  static void assertSameStates(Path expectedDir, Path actualDir) throws IOException {
    List<Path> expected = stateFiles(expectedDir);
    List<Path> actual = stateFiles(actualDir);
    assertEquals(expected.stream().map(Path::getFileName).toList(), actual.stream().map(Path::getFileName).toList());
    assertFalse(expected.isEmpty(), "no state files in " + expectedDir);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(Files.readAllBytes(expected.get(i)), Files.readAllBytes(actual.get(i)),
          "weights in " + actual.get(i));
    }
  }

  private static List<Path> stateFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".state")).sorted().toList();
    }
  }
}
