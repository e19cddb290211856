package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.schedule.Schedule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Annealing: the in-epoch decay shapes, which epochs anneal, and the decorated policy's plan. */
class AnnealTest {

  /** shape, lr, step, steps → LR of that step. */
  @ParameterizedTest(name = "{0} lr {1} step {2}/{3}")
  @CsvSource({
      "NONE, 0.1, 0, 10, 0.1",
      "NONE, 0.1, 9, 10, 0.1",
      "LINEAR, 0.1, 0, 10, 0.1",
      "LINEAR, 0.1, 5, 10, 0.05",
      "LINEAR, 0.2, 9, 10, 0.02",
      "LINEAR, 0.2, 3, 4, 0.05",
      "COSINE, 0.1, 0, 10, 0.1",
      "COSINE, 0.1, 5, 10, 0.05",
      "COSINE, 0.2, 1, 4, 0.17071067811865476",
      "COSINE, 0.2, 3, 4, 0.029289321881345254",
      "LINEAR, 0.5, 0, 1, 0.5"})
  void shapeGivesTheLrOfAStep(Anneal.Shape shape, double lr, int step, int steps, double expected) {
    assertEquals(expected, shape.lr(lr, step, steps), 1e-15);
    assertEquals(expected, new LrRule.Annealed(lr, shape).lrAt(step, steps), 1e-15);
  }

  @ParameterizedTest
  @EnumSource(value = Anneal.Shape.class, names = {"LINEAR", "COSINE"})
  void decayingShapesFallMonotonicallyToNearZeroByTheEpochsEnd(Anneal.Shape shape) {
    int steps = 938;
    double lr = 0.3;
    double previous = Double.POSITIVE_INFINITY;
    for (int i = 0; i < steps; i++) {
      double x = shape.lr(lr, i, steps);
      assertTrue(x < previous && x > 0, "step " + i + ": " + x);
      previous = x;
    }
    assertTrue(previous <= lr / steps * (1 + 1e-9), "last step's LR " + previous + " is at most lr/steps");
    assertEquals(0.0, shape.lr(lr, steps, steps), 1e-15, "0 at the end of the epoch");
  }

  /** Annealed epochs decay as one curve: each part continues where the previous one ended. */
  @ParameterizedTest
  @EnumSource(value = Anneal.Shape.class, names = {"LINEAR", "COSINE"})
  void severalAnnealedEpochsDecayAsOneCurve(Anneal.Shape shape) {
    int steps = 100;
    int parts = 4;
    double lr = 0.2;
    for (int part = 0; part < parts; part++) {
      LrRule.Annealed a = new LrRule.Annealed(lr, shape, part, parts);
      for (int i = 0; i < steps; i++) {
        assertEquals(shape.lr(lr, part * steps + i, parts * steps), a.lrAt(i, steps), 1e-15);
      }
      if (part > 0) {
        double lastOfPrevious = new LrRule.Annealed(lr, shape, part - 1, parts).lrAt(steps - 1, steps);
        assertTrue(a.lrAt(0, steps) < lastOfPrevious, "part " + part + " starts below where part " + (part - 1)
            + " ended");
      }
    }
    assertEquals(lr, new LrRule.Annealed(lr, shape, 0, parts).lrAt(0, steps), 0, "the curve starts at the level");
    assertEquals(lr * 0.5, new LrRule.Annealed(lr, shape, 2, 4).lrAt(0, steps),
        1e-15, "half-way down the curve at its middle");
    assertThrows(IllegalArgumentException.class, () -> new LrRule.Annealed(lr, shape, 4, 4));
    assertThrows(IllegalArgumentException.class, () -> new LrRule.Annealed(lr, shape, 0, 0));
  }

  @ParameterizedTest
  @CsvSource({"none, NONE", "linear, LINEAR", "COSINE, COSINE", "Linear, LINEAR"})
  void shapesParseInAnyCase(String text, Anneal.Shape expected) {
    assertEquals(expected, Anneal.Shape.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "cos", "step", "exp"})
  void unknownShapesAreRefusedNamingTheFlag(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Anneal.Shape.parse(text));
    assertTrue(e.getMessage().startsWith("anneal: ") && e.getMessage().contains("linear"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void annealEpochsBelowOneAreRefused(int k) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Anneal(Anneal.Shape.COSINE, k));
    assertTrue(e.getMessage().startsWith("anneal.epochs: "), e.getMessage());
  }

  /** K, total epochs, epoch → covered. */
  @ParameterizedTest(name = "K={0} of {1}: epoch {2} -> {3}")
  @CsvSource({
      "1, 5, 5, true", "1, 5, 4, false", "1, 5, 1, false",
      "2, 5, 4, true", "2, 5, 3, false",
      "5, 5, 1, true", "9, 5, 1, true",
      "1, 1, 1, true"})
  void theLastKEpochsAnneal(int k, int total, int epoch, boolean covered) {
    assertEquals(covered, new Anneal(Anneal.Shape.LINEAR, k).covers(epoch, total));
    assertFalse(new Anneal(Anneal.Shape.NONE, k).covers(epoch, total), "none never anneals");
  }

  /** round, anneal epochs K → the part of the curve the round's candidates follow (-1: not annealed); 3 rounds per epoch, 2 epochs. */
  @ParameterizedTest(name = "round {0}, K {1}")
  @CsvSource({"1, 1, -1", "3, 1, -1", "4, 1, 0", "6, 1, 0", "1, 2, 0", "3, 2, 0", "4, 2, 1", "6, 2, 1"})
  void withSubEpochRoundsEveryRoundOfAnEpochFollowsThatEpochsPart(int round, int k, int part) {
    BeamSearch inner = BeamSearch.of(1, 1.0);
    AnnealedSearch policy = new AnnealedSearch(inner, new Anneal(Anneal.Shape.COSINE, k), 2, 3);
    SearchState s = new SearchState(round, List.of(new Beam(0, 0, 0.1, 0.5)), 1, 0, 0.0);
    Candidate c = policy.plan(s).get(0);
    if (part < 0) {
      assertEquals(inner.plan(s), policy.plan(s));
    } else {
      assertEquals(new LrRule.Annealed(0.1, Anneal.Shape.COSINE, part, k), c.rule());
    }
  }

  @Test
  void inTheAnnealedEpochsFixedCandidatesAnnealFromTheirLrAndEverythingElseIsTheInnerPolicys() {
    BeamSearch inner = BeamSearch.adaptive(2, FactorSpan.defaults());
    AnnealedSearch policy = new AnnealedSearch(inner, new Anneal(Anneal.Shape.COSINE, 2), 4);
    SearchState s0 = policy.initial(0.1);
    assertEquals(inner.initial(0.1), s0);
    SearchState s2 = new SearchState(2, List.of(new Beam(1, 0, 0.1, 0.5), new Beam(0, 0, 0.05, 0.6)), 3, 0, 4.0);
    assertEquals(inner.plan(s2), policy.plan(s2), "epoch 2 of 4 does not anneal");
    for (int epoch = 3; epoch <= 4; epoch++) {
      SearchState s = new SearchState(epoch, s2.beams(), 3, 0, 4.0);
      List<Candidate> plain = inner.plan(s);
      List<Candidate> annealed = policy.plan(s);
      assertEquals(plain.size(), annealed.size());
      for (int i = 0; i < plain.size(); i++) {
        Candidate p = plain.get(i);
        assertEquals(new Candidate(p.id(), p.parentId(), p.epoch(), p.line(), p.factor(), p.lr(),
            new LrRule.Annealed(p.lr(), Anneal.Shape.COSINE, epoch - 3, 2)), annealed.get(i), "epoch " + epoch);
      }
      List<CandidateResult> results = Results.forPlan(annealed, new double[] {6, 5, 4, 3, 2, 1});
      assertEquals(inner.decide(s, plain, results), policy.decide(s, annealed, results));
    }
    assertEquals(inner.plannedCandidateEpochs(4), policy.plannedCandidateEpochs(4));
    assertSame(s2.beams().get(0), policy.best(s2));
  }

  @Test
  void candidatesWithOtherRulesAreLeftAlone() {
    ScheduleSearch inner = new ScheduleSearch(List.of(new Schedule.Constant(0.1)), 10, SelectOn.TRAIN);
    AnnealedSearch policy = new AnnealedSearch(inner, new Anneal(Anneal.Shape.LINEAR, 1), 1);
    SearchState s = inner.initial(0.1);
    assertEquals(inner.plan(s), policy.plan(s));
  }
}
