package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alr.engine.fixture.QuadraticModel;
import dev.alr.engine.fixture.RecordingModel;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.LrPoint;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.policy.ProbeRecord;
import dev.alr.engine.policy.ProbeRule;
import dev.alr.engine.schedule.NProbeRule;
import dev.alr.engine.schedule.Schedule;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.TrainableModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** One candidate-epoch on the quadratic bowl, against a hand-written SGD loop over the epoch's batches. */
class CandidateTrainerTest {
  private static final long SEED = 9;
  private static final double REL = 1e-5;
  private static final List<Double> PROBE_FACTORS = List.of(2.0, 1.0, 0.5);

  private static QuadraticModel.Problem problem(int n, float start) {
    return QuadraticModel.Problem.generate(21, 4, n, 6, 8, start);
  }

  /** Two warm-up steps so the parent state has a non-zero velocity and iteration count. */
  private static void warmUp(TrainableModel m, SgdReference ref) {
    Batch b = new Batch(new int[] {0, 1});
    for (int i = 0; i < 2; i++) {
      m.step(b, Hyper.lr(0.05));
      ref.step(b, 0.05, Double.NaN);
    }
  }

  @ParameterizedTest(name = "mu={0} epoch={1} n={2} batch={3} lr={4} val={5}")
  @CsvSource({
      "0.0, 1, 12, 4, 0.1, false",
      "0.0, 1, 10, 4, 0.3, true",    // last batch of 2: the loss is sample-weighted
      "0.5, 1, 12, 3, 0.05, true",
      "0.9, 2, 10, 3, 0.02, false",
      "0.5, 3, 7, 7, 0.4, true",
      "0.0, 2, 9, 1, 0.1, true"})
  void constantLrEpochFollowsTheSgdTrajectory(double mu, int epoch, int n, int batchSize, double lr,
                                              boolean measureVal) {
    QuadraticModel.Problem p = problem(n, 5f);
    TrainableModel model = new QuadraticModel.Factory(p, mu).create();
    SgdReference ref = new SgdReference(p, mu);
    warmUp(model, ref);
    long iterationBefore = model.export().iteration();

    Candidate c = new Candidate(3, 1, epoch, 0, 1.0, lr, new LrRule.Fixed(lr));
    CandidateResult r = new CandidateTrainer(SEED, batchSize, measureVal).train(model, c, "w-7");

    List<Batch> batches = new DataOrder(SEED, epoch).batches(n, batchSize);
    double weighted = 0;
    for (Batch b : batches) {
      weighted += ref.step(b, lr, Double.NaN) * b.size();
    }
    double expectedLoss = weighted / n;
    assertEquals(expectedLoss, r.trainLoss(), REL * expectedLoss);
    ModelState after = model.export();
    assertArrayEquals(ref.w, toDouble(after.params()), 1e-5);
    assertArrayEquals(ref.v, toDouble(after.updater()), 1e-5);
    assertEquals(iterationBefore + batches.size(), after.iteration());
    assertEquals(3, r.candidateId());
    assertEquals(lr, r.endLr());
    assertEquals(n, r.sampleGradients());
    assertEquals(0, r.probeForwards());
    assertEquals(0, r.bytesCopied());
    assertEquals("w-7", r.worker());
    if (measureVal) {
      double val = ref.evaluate(Split.VALIDATION);
      assertEquals(val, r.valLoss(), REL * val);
    } else {
      assertTrue(Double.isNaN(r.valLoss()));
    }
  }

  static Stream<Arguments> schedules() {
    int n = 20;
    int batch = 6;
    long spe = DataOrder.batchesPerEpoch(n, batch);
    return Stream.of(
        arguments(new Schedule.Linear(0.2, 0.02, 3 * spe), n, batch),
        arguments(new Schedule.MultiStep(0.2, List.of(spe + 2), 0.1), n, batch),
        arguments(new Schedule.OneCycle(0.3, 3 * spe, 0.3, 25, 1e4, 0.95, 0.85), n, batch),
        arguments(new Schedule.Exponential(0.3, 0.8), n, batch));
  }

  @ParameterizedTest
  @MethodSource("schedules")
  void scheduledLrFollowsTheGlobalStep(Schedule schedule, int n, int batchSize) {
    long spe = DataOrder.batchesPerEpoch(n, batchSize);
    QuadraticModel.Problem p = problem(n, 5f);
    TrainableModel model = new QuadraticModel.Factory(p, 0.5).create();
    SgdReference ref = new SgdReference(p, 0.5);
    for (int epoch = 1; epoch <= 3; epoch++) {
      RecordingModel rec = new RecordingModel(model);
      Candidate c = new Candidate(epoch, epoch - 2, epoch, 0, 1.0, schedule.lr((epoch - 1) * spe),
          new LrRule.Scheduled(schedule));
      CandidateResult r = new CandidateTrainer(SEED, batchSize, false).train(rec, c, "w");

      long offset = (epoch - 1) * spe;
      List<Hyper> expected = new ArrayList<>();
      double weighted = 0;
      List<Batch> batches = new DataOrder(SEED, epoch).batches(n, batchSize);
      for (int i = 0; i < spe; i++) {
        Hyper h = schedule.hyper(offset + i);
        expected.add(h);
        weighted += ref.step(batches.get(i), h.lr(), h.momentum()) * batches.get(i).size();
      }
      assertEquals(expected, rec.steps().stream().map(RecordingModel.Step::hyper).toList(), "epoch " + epoch);
      assertEquals(batches, rec.steps().stream().map(RecordingModel.Step::batch).toList());
      assertEquals(schedule.lr(offset + spe - 1), r.endLr(), "end LR is the last step's");
      assertEquals(weighted / n, r.trainLoss(), REL * weighted / n);
    }
  }

  /** Far from the minimum at a small LR, bigger steps help: LR goes up; at the minimum with a big LR it goes down. */
  @ParameterizedTest
  @CsvSource({"5, 0.01, up", "0, 3.0, down", "0.05, 1.6, down"})
  void nProbeMovesTheLrTowardsTheBetterStep(float start, double lr0, String direction) {
    int n = 24;
    int batch = 4;
    int probeBatch = 5;
    QuadraticModel.Problem p = problem(n, start);
    NProbeSettings settings = new NProbeSettings(PROBE_FACTORS, 1, probeBatch, false, 1e-6, 10.0);
    RecordingModel rec = new RecordingModel(new QuadraticModel.Factory(p, 0.0).create());
    CandidateResult r = new CandidateTrainer(SEED, batch, false)
        .train(rec, new Candidate(0, Candidate.ROOT, 1, 0, 1.0, lr0, new LrRule.Probed(lr0, settings, 0)), "w");

    int steps = n / batch;
    List<RecordingModel.Probe> probes = rec.probes();
    List<RecordingModel.Step> taken = rec.steps();
    assertEquals(steps, probes.size(), "one probe per step");
    assertEquals((long) steps * PROBE_FACTORS.size() * probeBatch, r.probeForwards());
    assertEquals(n, r.sampleGradients());

    double lr = lr0;
    for (int k = 0; k < steps; k++) {
      RecordingModel.Probe pr = probes.get(k);
      assertEquals(lr, pr.lr(), "probe " + k + " starts at the LR in force");
      assertEquals(taken.get(k).batch(), pr.gradientBatch(), "gradient on the step's batch");
      assertEquals(probeBatch, pr.probeBatch().size());
      lr = NProbeRule.nextLr(lr, settings.factorArray(), pr.losses(), settings.minLr(), settings.maxLr());
      assertEquals(lr, taken.get(k).hyper().lr(), "step " + k + " uses the probed LR");
    }
    assertEquals(lr, r.endLr());

    double[] first = probes.get(0).losses();
    if (direction.equals("up")) {
      // far away: loss falls with the step size (factor 2 best), so the LR rises at once
      assertTrue(first[0] < first[1] && first[1] < first[2], java.util.Arrays.toString(first));
      assertTrue(taken.get(0).hyper().lr() > lr0);
      for (int k = 1; k < 4; k++) {
        assertTrue(taken.get(k).hyper().lr() > taken.get(k - 1).hyper().lr(), "still rising at step " + k);
      }
    } else {
      // at the minimum, a step of lr0·2 overshoots most: factor 0.5 wins, the LR falls
      assertTrue(first[2] < first[1] && first[1] < first[0], java.util.Arrays.toString(first));
      assertTrue(taken.get(0).hyper().lr() < lr0);
    }
  }

  /** Probes fall on global steps that are multiples of {@code every}; forwards = probes × factors × probe size. */
  @ParameterizedTest(name = "epoch={0} every={1} n={2} batch={3} probeBatch={4} same={5}")
  @CsvSource({
      "1, 1, 12, 4, 0, false",
      "1, 3, 28, 4, 0, false",
      "2, 3, 28, 4, 0, false",
      "3, 2, 20, 6, 3, false",
      "2, 1, 22, 4, 0, true",
      "1, 2, 22, 4, 0, true",
      "2, 5, 30, 3, 50, false",
      "1, 1, 24, 8, 3, true",
      "2, 2, 30, 8, 16, true"})
  void nProbeCountsProbeForwards(int epoch, int every, int n, int batch, int probeBatch, boolean same) {
    NProbeSettings settings = new NProbeSettings(PROBE_FACTORS, every, probeBatch, same, 1e-6, 10.0);
    RecordingModel rec = new RecordingModel(new QuadraticModel.Factory(problem(n, 5f), 0.0).create());
    CandidateResult r = new CandidateTrainer(SEED, batch, false)
        .train(rec, new Candidate(0, Candidate.ROOT, epoch, 0, 1.0, 0.01, new LrRule.Probed(0.01, settings, 0)), "w");

    List<Batch> batches = new DataOrder(SEED, epoch).batches(n, batch);
    long offset = (long) (epoch - 1) * batches.size();
    long expectedForwards = 0;
    int expectedProbes = 0;
    for (int i = 0; i < batches.size(); i++) {
      if ((offset + i) % every == 0) {
        int wanted = probeBatch == 0 ? batch : probeBatch;
        int size = same ? Math.min(wanted, batches.get(i).size()) : Math.min(wanted, n);
        expectedForwards += (long) PROBE_FACTORS.size() * size;
        expectedProbes++;
      }
    }
    assertEquals(expectedProbes, rec.probes().size());
    assertEquals(expectedForwards, r.probeForwards());
    assertEquals(n, r.sampleGradients());
    for (RecordingModel.Probe pr : rec.probes()) {
      if (same) {
        int k = Math.min(probeBatch == 0 ? batch : probeBatch, pr.gradientBatch().size());
        assertEquals(pr.gradientBatch().head(k), pr.probeBatch());
        assertArrayEquals(Arrays.copyOf(pr.gradientBatch().indices(), k), pr.probeBatch().indices());
      }
    }
  }

  /**
   * Every rule: probes at the level with the rule's factors for the step, the level moves by the
   * rule, each step runs at level × the rule's step factor,
   * the epoch starts from the carried LR divided by the profile and ends at the next step's LR; the
   * probes and the thinned LR trace are in the result.
   */
  @ParameterizedTest(name = "{0} epoch={1} every={2} totalSteps={3}")
  @CsvSource({
      "PAPER, 1, 1, 0",
      "PAPER, 2, 2, 18",
      "SMOOTH, 1, 1, 18",
      "SMOOTH, 3, 2, 18",
      "REX, 1, 1, 18",
      "REX, 2, 3, 18",
      "REX, 3, 1, 18",
      "COSINE, 2, 2, 18",
      "REX, 2, 1, 0",
      "REX, 1, 1, 3000",
      "CALIBRATED, 1, 1, 18",
      "CALIBRATED, 2, 1, 18",
      "CALIBRATED, 1, 2, 0",
      "CALIBRATED, 3, 1, 3000"})
  void nProbeRulesStepAtTheLevelTimesTheProfile(ProbeRule rule, int epoch, int every, long totalSteps) {
    int n = 24;
    int batch = 4;
    NProbeSettings settings = new NProbeSettings(PROBE_FACTORS, every, 0, true, 1e-6, 10.0, rule);
    RecordingModel rec = new RecordingModel(new QuadraticModel.Factory(problem(n, 5f), 0.0).create());
    double lr0 = 0.02;
    CandidateResult r = new CandidateTrainer(SEED, batch, false).train(rec,
        new Candidate(0, Candidate.ROOT, epoch, 0, 1.0, lr0, new LrRule.Probed(lr0, settings, totalSteps)), "w");

    int steps = n / batch;
    long offset = (long) (epoch - 1) * steps;
    double level = lr0 / rule.stepFactor(offset, totalSteps, every);
    int k = 0;
    List<Double> stepLrs = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      long step = offset + i;
      if (step % every == 0) {
        RecordingModel.Probe pr = rec.probes().get(k);
        ProbeRecord recorded = r.probes().get(k);
        assertEquals(level, pr.lr(), "probe at the level, step " + step);
        assertEquals(new ProbeRecord(step, level, Arrays.stream(pr.losses()).boxed().toList()), recorded);
        double[] factors = rule.factorsAt(settings.factorArray(), step, every);
        assertArrayEquals(factors, pr.factors(), "factors at step " + step);
        level = rule.nextLevel(level, factors, pr.losses(), settings.minLr(), settings.maxLr(), step, every);
        k++;
      }
      double lr = level * rule.stepFactor(step, totalSteps, every);
      assertEquals(lr, rec.steps().get(i).hyper().lr(), "step " + step);
      stepLrs.add(lr);
    }
    assertEquals(k, r.probes().size());
    assertEquals(level * rule.stepFactor(offset + steps, totalSteps, every), r.endLr(), "end LR: the next step's");
    long stride = Math.max(1, ((totalSteps > 0 ? totalSteps : steps) + 999) / 1000);
    List<LrPoint> trace = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      if ((offset + i) % stride == 0) {
        trace.add(new LrPoint(offset + i, stepLrs.get(i)));
      }
    }
    assertEquals(trace, r.lrTrace());
  }

  /**
   * CALIBRATED finds the bowl's scale from any start LR within its calibration: on the same batch
   * the one-step optimum is exactly 1, and after the 16 calibration probes (one per step here) the
   * level is within a factor 2 of it from 1e-4, 0.01 and 3 alike (the step then runs at twice the
   * level); REX's smoothed level, from 1e-4, is still below 1e-3.
   */
  @ParameterizedTest
  @CsvSource({"1e-4", "0.01", "3"})
  void calibrationFindsTheScaleFromAnyStartLr(double lr0) {
    int batch = 4;
    int n = batch * ProbeRule.CALIBRATION_PROBES;
    NProbeSettings settings = new NProbeSettings(PROBE_FACTORS, 1, 0, true, 1e-6, 10.0, ProbeRule.CALIBRATED);
    CandidateResult r = new CandidateTrainer(SEED, batch, false).train(
        new QuadraticModel.Factory(problem(n, 5f), 0.0).create(),
        new Candidate(0, Candidate.ROOT, 1, 0, 1.0, lr0, new LrRule.Probed(lr0, settings, 0)), "w");
    double level = r.endLr() / ProbeRule.STEP_BIAS;
    assertTrue(level >= 0.5 && level <= 2, "level after calibration from " + lr0 + ": " + level);

    NProbeSettings rex = new NProbeSettings(PROBE_FACTORS, 1, 0, true, 1e-6, 10.0, ProbeRule.REX);
    CandidateResult slow = new CandidateTrainer(SEED, batch, false).train(
        new QuadraticModel.Factory(problem(n, 5f), 0.0).create(),
        new Candidate(0, Candidate.ROOT, 1, 0, 1.0, 1e-4, new LrRule.Probed(1e-4, rex, 0)), "w");
    assertTrue(slow.endLr() < 1e-3, "rex from 1e-4: " + slow.endLr());
  }

  /** At most 1,000 recorded points over an N-probe run; at most 100 per epoch for a schedule; none for a fixed LR. */
  @ParameterizedTest(name = "{0} steps={1} totalSteps={2} -> stride {3}")
  @CsvSource({
      "probed, 156, 780, 1",
      "probed, 938, 4690, 5",
      "probed, 938, 1000, 1",
      "probed, 938, 1001, 2",
      "probed, 1500, 0, 2",
      "scheduled, 100, 0, 1",
      "scheduled, 101, 0, 2",
      "scheduled, 938, 0, 10",
      "fixed, 938, 0, 0"})
  void traceStrideBoundsThePoints(String kind, int steps, long totalSteps, long expected) {
    LrRule rule = switch (kind) {
      case "probed" -> new LrRule.Probed(0.1, NProbeSettings.defaults(), totalSteps);
      case "scheduled" -> new LrRule.Scheduled(new Schedule.Constant(0.1));
      default -> new LrRule.Fixed(0.1);
    };
    assertEquals(expected, CandidateTrainer.traceStride(rule, steps));
  }

  @Test
  void nProbeIsDeterministic() {
    NProbeSettings settings = new NProbeSettings(PROBE_FACTORS, 1, 3, false, 1e-6, 10.0);
    Candidate c = new Candidate(0, Candidate.ROOT, 2, 0, 1.0, 0.05, new LrRule.Probed(0.05, settings, 0));
    QuadraticModel.Factory f = new QuadraticModel.Factory(problem(16, 5f), 0.5);
    RecordingModel a = new RecordingModel(f.create());
    RecordingModel b = new RecordingModel(f.create());
    CandidateResult ra = new CandidateTrainer(SEED, 4, true).train(a, c, "w");
    CandidateResult rb = new CandidateTrainer(SEED, 4, true).train(b, c, "w");
    assertEquals(new CandidateResult(ra.candidateId(), ra.trainLoss(), ra.valLoss(), ra.endLr(), 0, ra.worker(),
        ra.sampleGradients(), ra.probeForwards(), ra.bytesCopied()),
        new CandidateResult(rb.candidateId(), rb.trainLoss(), rb.valLoss(), rb.endLr(), 0, rb.worker(),
        rb.sampleGradients(), rb.probeForwards(), rb.bytesCopied()));
    assertEquals(a.export(), b.export());
    assertEquals(a.probes().stream().map(RecordingModel.Probe::probeBatch).toList(),
        b.probes().stream().map(RecordingModel.Probe::probeBatch).toList());
  }

  @Test
  void stopsAtTheFirstNonFiniteLoss() {
    int n = 64;
    int batch = 4;
    RecordingModel rec = new RecordingModel(new QuadraticModel.Factory(problem(n, 5f), 0.0).create());
    CandidateResult r = new CandidateTrainer(SEED, batch, true)
        .train(rec, new Candidate(0, Candidate.ROOT, 1, 0, 1.0, 1e6, new LrRule.Fixed(1e6)), "w");

    List<RecordingModel.Step> steps = rec.steps();
    int spe = n / batch;
    assertTrue(steps.size() < spe, "stopped after " + steps.size() + " of " + spe + " steps");
    for (int k = 0; k < steps.size() - 1; k++) {
      assertTrue(Double.isFinite(steps.get(k).loss()), "step " + k + " was finite");
    }
    assertFalse(Double.isFinite(steps.get(steps.size() - 1).loss()));
    assertFalse(Double.isFinite(r.trainLoss()));
    assertEquals((long) steps.size() * batch, r.sampleGradients());
    assertTrue(Double.isNaN(r.valLoss()), "no validation of a diverged model");
    assertEquals(1e6, r.endLr());
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }
}
