package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A round of 200 candidates on 4 workers × 4 slots in one JVM (a tiny model: MLP 784-4-10, 64
 * samples in 2 batches): every candidate is reported exactly once, to the listener and in the
 * result, and the search equals the same search on one worker, bit for bit. The load run
 * ({@code dev.alr.bench.LoadRun}) measures the same shape at 10 → 1,000 candidates; this test
 * only checks correctness, no timing.
 */
class ManyCandidatesTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 5).withHidden(List.of(4))
      .withLimit(64).withBatchSize(32);
  private static final int BEAMS = 10;
  private static final int FACTORS = 20;

  private static Strategy strategy() {
    double[] f = new double[FACTORS];
    for (int i = 0; i < FACTORS; i++) {
      f[i] = 0.5 * Math.pow(4, (double) i / (FACTORS - 1));
    }
    return Strategies.beam(BEAMS, f);
  }

  /** Counts each candidate's reports; called by the coordinator one event at a time. */
  private static final class Reports implements SearchListener {
    final Map<Integer, Integer> byId = new ConcurrentHashMap<>();

    @Override
    public void candidateFinished(Candidate candidate, CandidateResult result) {
      assertEquals(candidate.id(), result.candidateId());
      byId.merge(result.candidateId(), 1, Integer::sum);
    }
  }

  private static SearchResult search(int workers, ActorExecutor executor, Reports reports) {
    return Alr.search(WORKLOAD).strategy(strategy()).lr(0.05).epochs(2).workers(workers).evalEachEpoch(false)
        .executor(executor).listener(reports).run();
  }

  @Test
  void everyCandidateOfALargeRoundIsReportedOnceAndTheSearchEqualsOneWorkers() {
    Reports one = new Reports();
    SearchResult reference = search(1, new ActorExecutor(), one);
    Reports many = new Reports();
    SearchResult loaded = search(4, new ActorExecutor(4), many);

    assertEquals(List.of(FACTORS, BEAMS * FACTORS),
        loaded.epochs().stream().map(e -> e.candidates().size()).toList());
    Map<Integer, Integer> inResult = new TreeMap<>();
    Set<String> trainers = new HashSet<>();
    for (EpochRecord e : loaded.epochs()) {
      for (CandidateRecord c : e.candidates()) {
        inResult.merge(c.id(), 1, Integer::sum);
        trainers.add(c.worker());
      }
    }
    assertTrue(inResult.values().stream().allMatch(k -> k == 1), "each id in one round, once");
    assertEquals(inResult, new TreeMap<>(many.byId), "each candidate reported to the listener exactly once");
    assertEquals(new TreeMap<>(inResult), new TreeMap<>(one.byId), "the same candidates as on one worker");
    assertEquals(4, trainers.size(), "all four workers trained: " + trainers);
    DeterminismTest.assertSameSearch(reference, loaded, "4 workers x 4 slots");
  }

  @Test
  void slotsPerWorkerAreCheckedAgainstTheMachinesTrainers() {
    assertThrows(IllegalArgumentException.class, () -> new ActorExecutor(0));
    int tooMany = Capacity.maxTrainers() / 2 + 1;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> search(2, new ActorExecutor(tooMany), new Reports()));
    assertTrue(e.getMessage().startsWith("workers x slots: at most"), e.getMessage());
  }
}
