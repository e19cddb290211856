package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.LrRangeResult;
import dev.alr.engine.fixture.QuadraticModel;
import dev.alr.engine.policy.LrRangeTest;
import dev.alr.engine.policy.LrRangeTest.Pick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The range test on the quadratic bowl: curvature 1, so plain SGD diverges above lr 2. */
class RangeTestRunTest {
  private static final QuadraticModel.Factory BOWL =
      new QuadraticModel.Factory(QuadraticModel.Problem.generate(5, 8, 256, 0, 16, 5f), 0.0);

  @ParameterizedTest
  @EnumSource(Pick.class)
  void choosesAStableLearningRateOnTheBowl(Pick pick) {
    LrRangeResult r = RangeTestRun.run(BOWL, LrRangeTest.defaults().withPick(pick), 11, 16);
    assertTrue(r.stoppedEarly(), "lr 10 diverges on curvature 1, so the test must stop early");
    assertTrue(r.lrs().get(r.lrs().size() - 1) > 2, "it stops only after the LR passed 2");
    assertTrue(r.chosenLr() > 1e-3 && r.chosenLr() < 2, pick + " chose " + r.chosenLr());
    assertEquals(16L * r.lrs().size(), r.sampleGradients());
  }

  @Test
  void wrapsToNewDataOrdersAndIsDeterministic() {
    LrRangeTest slow = new LrRangeTest(1e-6, 1e-2, 50, 4, Pick.VALLEY);
    LrRangeResult a = RangeTestRun.run(BOWL, slow, 3, 64);
    LrRangeResult b = RangeTestRun.run(BOWL, slow, 3, 64);
    assertEquals(50, a.lrs().size(), "256 samples / 64 = 4 batches per pass: 50 steps need 13 passes");
    assertEquals(a.losses(), b.losses());
    assertEquals(a.chosenLr(), b.chosenLr(), 0);
    LrRangeResult other = RangeTestRun.run(BOWL, slow, 4, 64);
    assertTrue(!a.losses().equals(other.losses()), "another seed visits the samples in another order");
  }
}
