package dev.alr.models.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.prune.BeamPolicy;
import dev.alr.engine.prune.CycleSchedule;
import dev.alr.engine.prune.OraclePolicy;
import dev.alr.engine.prune.PrunePolicy;
import dev.alr.engine.prune.SiloCurve;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.engine.prune.SiloPolicy;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small pruning run on synthetic data: determinism across workers, sparsity per cycle, bad options. */
class PruneRunTest {
  private static final WorkloadSpec SPEC = WorkloadSpec.of("mlp", "synthetic", 3).withUpdater("momentum", 0.9)
      .withLimit(600).withVal(100).withBatchSize(50);

  private static PruneRunConfig config(PrunePolicy policy, int workers) {
    return new PruneRunConfig(SPEC, policy, 2, 0.3, 1, PruneCriterion.MAGNITUDE, ResetMode.REWIND_INIT,
        CycleSchedule.SILO, workers);
  }

  @Test
  void beamRunIsIdenticalForOneAndTwoWorkersAndPrunesEachCycle() throws InterruptedException {
    PrunePolicy policy = new BeamPolicy(0.02, 2, List.of(0.5, 2.0));
    List<PruneRecord> streamed = new ArrayList<>();
    List<PruneRecord> one = new PruneRun(config(policy, 1)).run(streamed::add);
    List<PruneRecord> two = new PruneRun(config(policy, 2)).run(r -> { });
    assertEquals(one, two);
    assertEquals(one, streamed);
    assertEquals(2 + 4 + 4, one.size());
    for (PruneRecord r : one) {
      assertEquals(1 - Math.pow(0.7, r.cycle()), r.sparsity(), 1e-3, "sparsity of cycle " + r.cycle());
      assertTrue(!r.survived() || Double.isFinite(r.valLoss()), "survivors have a validation loss: " + r);
    }
    for (int cycle = 0; cycle <= 2; cycle++) {
      int c = cycle;
      assertEquals(2, one.stream().filter(r -> r.cycle() == c && r.survived()).count());
    }
  }

  @Test
  void siloRecordsTheCurvesPeakPerCycle() throws InterruptedException {
    SiloCurve curve = new SiloCurve(0.02, 0.03, 5, 0);
    List<PruneRecord> records = new PruneRun(config(new SiloPolicy(curve, 0.3), 1)).run(r -> { });
    assertEquals(3, records.size());
    for (PruneRecord r : records) {
      assertEquals(curve.maxLr(r.cycle(), 0.3), r.maxLr(), 0);
      assertTrue(r.survived());
    }
  }

  @Test
  void badOptionsAreRefusedNamingTheFlag() {
    OraclePolicy oracle = new OraclePolicy(List.of(0.01, 0.1));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new PruneRunConfig(SPEC, oracle, 0, 0.2, 1,
        PruneCriterion.MAGNITUDE, ResetMode.REWIND_INIT, CycleSchedule.SILO, 1)).getMessage().startsWith("cycles"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new PruneRunConfig(SPEC, oracle, 2, 1.0, 1,
        PruneCriterion.MAGNITUDE, ResetMode.REWIND_INIT, CycleSchedule.SILO, 1)).getMessage()
        .startsWith("pruneFraction"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new PruneRunConfig(SPEC, oracle, 2, 0.2, 0,
        PruneCriterion.MAGNITUDE, ResetMode.REWIND_INIT, CycleSchedule.SILO, 1)).getMessage()
        .startsWith("cycleEpochs"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new PruneRunConfig(SPEC, oracle, 2, 0.2, 2,
        PruneCriterion.MAGNITUDE, ResetMode.parse("rewind-epoch 3"), CycleSchedule.SILO, 1)).getMessage()
        .startsWith("reset rewind-epoch 3"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new PruneRunConfig(SPEC.withVal(0), oracle, 2, 0.2,
        1, PruneCriterion.MAGNITUDE, ResetMode.REWIND_INIT, CycleSchedule.SILO, 1)).getMessage().startsWith("val"));
  }
}
