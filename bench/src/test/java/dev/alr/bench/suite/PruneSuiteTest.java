package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.prune.PruneConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prune suites: the standard suite's settings, its cells and their cost, overrides, bad values. */
class PruneSuiteTest {
  @Test
  void standardIsLeNet300100OnTwelveThousandFashionMnistSamplesThroughCycleFifteen() {
    PruneSuite s = PruneSuite.named("prune");
    PruneConfig c = s.config("silo", 2, null);
    assertEquals(List.of(300, 100), c.workload().hidden());
    assertEquals("fashion-mnist", c.workload().dataset());
    assertEquals(12_000, c.workload().limit());
    assertEquals(2_000, c.workload().val());
    assertEquals(10_000, s.trainSamples());
    assertEquals(64, c.workload().batchSize());
    assertEquals("momentum", c.workload().updater());
    assertEquals(0.9, c.workload().momentum());
    assertEquals(2, c.workload().seed());
    assertEquals(15, c.cycles());
    assertEquals(2, c.cycleEpochs());
    assertEquals(0.2, c.fraction());
    assertEquals(1, c.workers());
    assertEquals("magnitude", c.criterion());
    assertEquals("rewind-init", c.reset());
    assertEquals(0.965, s.sparsity(15), 5e-4);
    assertEquals(List.of(1L, 2L, 3L), s.seeds());
    assertEquals(PruneSuite.POLICIES, s.policies());
  }

  @Test
  void candidateCyclesPerRunAreOnePerCycleForSiloAndConstantAndTheGridOrBeamsOtherwise() {
    PruneSuite s = PruneSuite.named("prune");
    Map<String, Long> expected = Map.of("silo", 16L, "constant", 16L, "oracle", 80L, "alr", 3L + 6 * 15);
    expected.forEach((p, n) -> assertEquals(n, s.plannedCandidateCycles(p), p));
    assertEquals(3 * (16 + 16 + 80 + 93), s.plannedCandidateCycles());
    assertEquals(12, s.cells().size());
  }

  @Test
  void theEstimateSharesTheWorkOverTheCoresButNeverBelowTheLongestCell() {
    PruneSuite s = PruneSuite.named("prune");
    double perCandidate = 2 * 10_000 * PruneSuite.SECONDS_PER_SAMPLE_EPOCH;
    assertEquals(615 / 2.0 * perCandidate, s.estimatedSeconds(2), 1e-9);
    assertEquals(93 * perCandidate, s.estimatedSeconds(64), 1e-9);
  }

  @Test
  void cellsCarryTheirPolicysParametersSoAChangedParameterRetrainsOnlyThatPolicy() {
    PruneSuite s = PruneSuite.named("prune");
    PruneSuite fewer = s.withCycles(3);
    for (int i = 0; i < s.cells().size(); i++) {
      assertEquals(s.cells().get(i).key(), fewer.cells().get(i).key());
      assertNotEquals(s.cells().get(i), fewer.cells().get(i));
    }
    assertTrue(s.parameters("silo").contains("alpha=" + PruneSuite.num(PruneSuite.SILO_ALPHA)));
    assertTrue(s.parameters("oracle").contains("grid=0.02,0.04,0.08,0.16,0.32"));
  }

  @Test
  void overridesKeepTheValidationShareWhenOnlyTheLimitChanges() {
    PruneSuite s = PruneSuite.named("prune").withSamples(3000, null);
    assertEquals(3000, s.limit());
    assertEquals(500, s.val());
    assertEquals(100, PruneSuite.named("prune").withSamples(3000, 100).val());
    assertEquals(List.of(5L), PruneSuite.named("prune").withSeeds(List.of(5L)).seeds());
    assertEquals(List.of("silo", "oracle"), PruneSuite.named("prune").withPolicies(List.of("silo", "oracle")).policies());
    assertEquals(4, PruneSuite.named("prune").withCycleEpochs(4).cycleEpochs());
  }

  @Test
  void theBenchCommandNamesTheSuiteAndOnlyItsOverrides() {
    assertEquals("bin/alr bench --suite prune --out DIR", PruneSuite.named("prune").benchCommand("DIR"));
    assertEquals("bin/alr bench --suite prune --seeds 1 --cycles 2 --limit 3000 --val 500 --out D",
        PruneSuite.named("prune").withSeeds(List.of(1L)).withCycles(2).withSamples(3000, null).benchCommand("D"));
    assertEquals("bin/alr bench --suite prune-quick --strategies silo,alr --epochs 2 --out D",
        PruneSuite.named("prune-quick").withPolicies(List.of("silo", "alr")).withCycleEpochs(2).benchCommand("D"));
  }

  @Test
  void badValuesNameTheirFlag() {
    PruneSuite s = PruneSuite.named("prune-quick");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PruneSuite.named("prune-x")).getMessage()
        .startsWith("--suite"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withCycles(0)).getMessage()
        .startsWith("--cycles"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withCycleEpochs(0)).getMessage()
        .startsWith("--epochs"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withPolicies(List.of("grid"))).getMessage()
        .startsWith("--strategies"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withPolicies(List.of("silo", "silo")))
        .getMessage().startsWith("--strategies"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withSamples(100, 100)).getMessage()
        .startsWith("--val"));
  }
}
