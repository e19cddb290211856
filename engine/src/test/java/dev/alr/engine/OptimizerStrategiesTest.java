package dev.alr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.policy.ScheduleSearch;
import dev.alr.engine.schedule.Schedule;
import dev.alr.engine.spi.WorkloadSpec;
import org.junit.jupiter.api.Test;

/**
 * The optimizer strategies ({@code schedule-free}, {@code dog}, {@code adam}): they carry their
 * updater in the run's workload (so every executor and every remote worker builds it) and hand
 * their LR to the run as a constant schedule.
 */
class OptimizerStrategiesTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 1).withUpdater("nesterov", 0.5);

  private static double constantLr(Strategy s, double lr0) {
    ScheduleSearch policy = (ScheduleSearch) s.policy(lr0, 2, 10);
    assertEquals(1, policy.schedules().size());
    Schedule.Constant c = (Schedule.Constant) policy.schedules().get(0);
    return c.lr();
  }

  @Test
  void scheduleFreeTrainsAtTheRunsLrWithItsUpdater() {
    SearchConfig config = new SearchConfig(WORKLOAD, Strategies.scheduleFree(0.75), 0.3, 2, 1, true);
    assertEquals("schedule-free:0.75", config.workload().updater());
    assertEquals(0.0, config.workload().momentum());
    assertEquals(0.3, constantLr(config.strategy(), config.lr()));
    assertEquals("schedule-free", config.strategy().name());
  }

  @Test
  void dogAndAdamIgnoreTheRunsLr() {
    SearchConfig dog = new SearchConfig(WORKLOAD, Strategies.dog(1e-4), 0.3, 2, 1, true);
    assertEquals("dog:1.0E-4", dog.workload().updater());
    assertEquals(1.0, constantLr(dog.strategy(), 0.3), "DoG's multiplier");
    SearchConfig adam = new SearchConfig(WORKLOAD, Strategies.adam(), 0.3, 2, 1, true);
    assertEquals("adam", adam.workload().updater());
    assertEquals(0.9, adam.workload().momentum());
    assertEquals(1e-3, constantLr(adam.strategy(), 0.3));
  }

  @Test
  void theWorkloadChangeIsIdempotentAndPartOfTheFingerprint() {
    SearchConfig config = new SearchConfig(WORKLOAD, Strategies.dog(Strategies.Dog.DEFAULT_EPSILON), 0.05, 2, 1, true);
    SearchConfig again = new SearchConfig(config.workload(), config.strategy(), 0.05, 2, 1, true);
    assertEquals(config, again);
    assertEquals(config, config.withWorkers(3).withWorkers(1));
    assertTrue(config.fingerprint().contains("dog:1.0E-6"), config.fingerprint());
    SearchConfig plain = new SearchConfig(WORKLOAD, Strategies.schedule("constant"), 0.05, 2, 1, true);
    assertEquals(WORKLOAD, plain.workload(), "other strategies keep the requested updater");
  }

  @Test
  void badOptionsNameTheirFlag() {
    for (double beta : new double[] {-0.1, 1.0, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.scheduleFree(beta));
      assertTrue(e.getMessage().startsWith("scheduleFree.beta: must be in [0, 1)"), e.getMessage());
    }
    for (double eps : new double[] {0, -1e-6, Double.POSITIVE_INFINITY, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.dog(eps));
      assertTrue(e.getMessage().startsWith("dog.epsilon: must be finite and > 0"), e.getMessage());
    }
  }
}
