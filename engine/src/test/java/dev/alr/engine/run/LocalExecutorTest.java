package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Termination;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.fixture.QuadraticModel;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.policy.ProbeRecord;
import dev.alr.engine.policy.SelectOn;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.TrainableModel;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole searches on the quadratic bowl through the single-threaded reference executor. */
class LocalExecutorTest {
  /** 48 training samples, 8 held out, batch 8 (6 steps per epoch), momentum 0.5. */
  static final WorkloadSpec SPEC =
      new WorkloadSpec("quadratic", List.of(), "synthetic", null, 48, 8, 8, "momentum", 0.5, 7);
  /** 64 samples, batch 4 (16 steps per epoch), plain SGD: lr > 2 diverges geometrically. */
  static final WorkloadSpec SGD = new WorkloadSpec("quadratic", List.of(), "synthetic", null, 64, 0, 4, "sgd", 0.0, 7);
  static final LocalExecutor EXECUTOR = new LocalExecutor(QuadraticModel::factoryFor);
  private static final List<Double> FACTORS = List.of(0.5, 1.0, 2.0);

  /** Records the listener calls. */
  static final class Events implements SearchListener {
    final List<String> calls = new ArrayList<>();
    long planned = -1;
    long done = -1;
    final List<Candidate> candidates = new ArrayList<>();
    SearchResult finished;

    @Override
    public void runStarted(SearchConfig config, long plannedCandidateEpochs, long alreadyDone) {
      calls.add("start");
      planned = plannedCandidateEpochs;
      done = alreadyDone;
    }

    @Override
    public void candidateFinished(Candidate c, CandidateResult r) {
      calls.add("candidate");
      candidates.add(c);
    }

    @Override
    public void epochFinished(EpochRecord e) {
      calls.add("epoch");
    }

    @Override
    public void runFinished(SearchResult r) {
      calls.add("finish");
      finished = r;
    }
  }

  static SearchResult alr(WorkloadSpec spec, int epochs, SearchListener listener) {
    return Alr.search(spec).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.05).epochs(epochs).workers(1)
        .executor(EXECUTOR).listener(listener).run();
  }

  @Test
  void alrTwoBeamsThreeFactorsThreeEpochs() {
    Events events = new Events();
    SearchResult r = alr(SPEC, 3, events);

    assertEquals(Termination.COMPLETED, r.termination());
    assertTrue(r.completed());
    assertEquals(3 + 6 + 6, r.candidateEpochs());
    assertEquals(15L * 48, r.sampleGradients());
    assertEquals(0, r.probeForwards());
    assertEquals(3, r.epochs().size());

    List<Beam> previous = List.of(new Beam(Candidate.ROOT, 0, 0.05, Double.NaN));
    int nextId = 0;
    for (int e = 1; e <= 3; e++) {
      EpochRecord rec = r.epochs().get(e - 1);
      assertEquals(e, rec.epoch());
      assertEquals(EpochOutcome.ADVANCED, rec.outcome());
      assertEquals(0, rec.attempt());
      assertNotNull(rec.test(), "evaluated every epoch by default");
      // candidates: for each previous beam (best first) and factor, parent/factor/lr from that beam
      assertEquals(previous.size() * FACTORS.size(), rec.candidates().size());
      int k = 0;
      for (int m = 0; m < previous.size(); m++) {
        for (double f : FACTORS) {
          CandidateRecord c = rec.candidates().get(k++);
          assertEquals(nextId++, c.id());
          assertEquals(previous.get(m).candidateId(), c.parent());
          assertEquals(m, c.line());
          assertEquals(f, c.factor());
          assertEquals(Math.min(10.0, Math.max(1e-6, previous.get(m).lr() * f)), c.lr());
          assertEquals(c.lr(), c.endLr());
          assertEquals(48, c.sampleGradients());
          assertTrue(Double.isFinite(c.loss()) && Double.isFinite(c.valLoss()));
        }
      }
      // beams: the two lowest-loss candidates of this epoch, ties by id
      List<Beam> want = rec.candidates().stream()
          .sorted(Comparator.comparingDouble(CandidateRecord::loss).thenComparingInt(CandidateRecord::id))
          .limit(2)
          .map(c -> new Beam(c.id(), 0, c.lr(), c.loss()))
          .toList();
      assertEquals(want, rec.beams(), "beams of epoch " + e);
      previous = rec.beams();
    }

    // lineage and LR path follow the parent links back from the final best beam
    Map<Integer, CandidateRecord> byId = RunResults.byId(r);
    List<Integer> lineage = new ArrayList<>();
    List<Double> lrPath = new ArrayList<>();
    for (int id = previous.get(0).candidateId(); id != Candidate.ROOT; id = byId.get(id).parent()) {
      lineage.add(0, id);
      lrPath.add(0, byId.get(id).lr());
    }
    assertEquals(3, lineage.size());
    assertEquals(lineage, r.lineage());
    assertEquals(lrPath, r.lrPath());
    assertEquals(r.epochs().get(2).test(), r.finalTest());

    assertEquals(15, events.planned);
    assertEquals(0, events.done);
    assertEquals(15, events.candidates.size());
    List<String> expectedCalls = new ArrayList<>(List.of("start"));
    for (int n : new int[] {3, 6, 6}) {
      expectedCalls.addAll(java.util.Collections.nCopies(n, "candidate"));
      expectedCalls.add("epoch");
    }
    expectedCalls.add("finish");
    assertEquals(expectedCalls, events.calls);
    assertEquals(r, events.finished);
  }

  /** Every recorded loss, and the final test, come from training each candidate from its parent's state. */
  @Test
  void everyCandidateTrainedFromItsParentsState() {
    SearchResult r = alr(SPEC, 3, SearchListener.NONE);
    Map<Integer, CandidateRecord> byId = RunResults.byId(r);
    QuadraticModel.Factory factory = QuadraticModel.factoryFor(SPEC);
    CandidateTrainer trainer = new CandidateTrainer(SPEC.seed(), SPEC.batchSize(), true);
    for (EpochRecord e : r.epochs()) {
      for (CandidateRecord c : e.candidates()) {
        TrainableModel m = replay(factory, trainer, byId, c.parent(), e.epoch() - 1);
        CandidateResult again = trainer.train(m, new Candidate(c.id(), c.parent(), e.epoch(), c.line(), c.factor(),
            c.lr(), new LrRule.Fixed(c.lr())), "replay");
        assertEquals(c.loss(), again.trainLoss(), "loss of candidate " + c.id());
        assertEquals(c.valLoss(), again.valLoss(), "val loss of candidate " + c.id());
      }
    }
    TrainableModel best = replay(factory, trainer, byId, r.lineage().get(2), 3);
    assertEquals(r.finalTest(), best.evaluate(Split.TEST));
  }

  /** The model after training {@code id} and its ancestors ({@code epoch} of them) from the initial state. */
  private static TrainableModel replay(QuadraticModel.Factory factory, CandidateTrainer trainer,
                                       Map<Integer, CandidateRecord> byId, int id, int epoch) {
    List<CandidateRecord> chain = new ArrayList<>();
    for (int i = id; i != Candidate.ROOT; i = byId.get(i).parent()) {
      chain.add(0, byId.get(i));
    }
    assertEquals(epoch, chain.size());
    TrainableModel m = factory.create();
    for (int e = 0; e < chain.size(); e++) {
      CandidateRecord c = chain.get(e);
      trainer.train(m, new Candidate(c.id(), c.parent(), e + 1, c.line(), c.factor(), c.lr(),
          new LrRule.Fixed(c.lr())), "replay");
    }
    return m;
  }

  @Test
  void aConfigRunEqualsTheBuilderRunAndUsesOneThreadWhateverTheWorkerCount() {
    SearchResult viaBuilder = alr(SPEC, 2, SearchListener.NONE);
    SearchConfig config = new SearchConfig(SPEC, Strategies.beam(2, 0.5, 1, 2), 0.05, 2, 5, true);
    SearchResult direct = EXECUTOR.run(config, RunOptions.none(), SearchListener.NONE);
    assertEquals(RunResults.strip(viaBuilder), RunResults.strip(direct));
    assertEquals(List.of("local-0"), direct.epochs().stream().flatMap(e -> e.candidates().stream())
        .map(CandidateRecord::worker).distinct().toList(), "the reference executor ignores config.workers()");
  }

  @Test
  void evaluationOnlyAtTheEndWhenAsked() {
    SearchResult r = Alr.search(SPEC).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.05).epochs(3)
        .evalEachEpoch(false).executor(EXECUTOR).run();
    assertNull(r.epochs().get(0).test());
    assertNull(r.epochs().get(1).test());
    assertNotNull(r.epochs().get(2).test());
    assertEquals(r.epochs().get(2).test(), r.finalTest());
  }

  /**
   * lr0 4096: candidates at 2048..8192 grow the distance to the targets ≥ 2047× per step, so the loss
   * overflows within the 16 steps of an epoch. After 12 halvings the candidates are at 0.5, 1, 2,
   * where plain SGD on a curvature-1 bowl is stable, so the epoch recovers by then at the latest.
   * (One epoch only: a candidate that barely stayed finite ends the epoch far up the bowl, where no
   * LR keeps the next epoch's first loss finite.)
   */
  @Test
  void divergedEpochsAreRetriedAtHalfTheLrUntilTheyRecover() {
    BeamSearch policy = new BeamSearch(2, FACTORS, 1e-6, 1e5, SelectOn.TRAIN, 12);
    SearchResult r = Alr.search(SGD).strategy(new Strategies.Alr(policy)).lr(4096).epochs(1).executor(EXECUTOR).run();

    assertEquals(Termination.COMPLETED, r.termination(), r.message());
    assertEquals(EpochOutcome.RETRIED, r.epochs().get(0).outcome(), "epoch 1 at lr 2048..8192 must diverge");
    long trained = 0;
    for (int e = 1; e <= 1; e++) {
      final int epoch = e;
      List<EpochRecord> attempts = r.epochs().stream().filter(x -> x.epoch() == epoch).toList();
      for (int a = 0; a < attempts.size(); a++) {
        EpochRecord rec = attempts.get(a);
        trained += rec.candidates().size();
        assertEquals(a, rec.attempt(), "attempt number of epoch " + e);
        boolean last = a == attempts.size() - 1;
        assertEquals(last ? EpochOutcome.ADVANCED : EpochOutcome.RETRIED, rec.outcome());
        if (!last) {
          assertTrue(rec.candidates().stream().noneMatch(c -> Double.isFinite(c.loss())), "all diverged");
          assertTrue(rec.beams().isEmpty());
          List<CandidateRecord> next = attempts.get(a + 1).candidates();
          for (int k = 0; k < next.size(); k++) {
            assertEquals(rec.candidates().get(k).lr() / 2, next.get(k).lr(), "halved LR");
            assertEquals(rec.candidates().get(k).parent(), next.get(k).parent(), "same parent");
          }
        } else {
          assertFalse(rec.beams().isEmpty());
          assertTrue(rec.beams().stream().allMatch(b -> Double.isFinite(b.loss())));
          assertTrue(rec.candidates().stream().anyMatch(c -> Double.isFinite(c.loss())));
        }
      }
    }
    assertEquals(trained, r.candidateEpochs());
    EpochRecord advanced = r.epochs().get(r.epochs().size() - 1);
    assertEquals(List.of(advanced.beams().get(0).candidateId()), r.lineage());
    assertEquals(List.of(advanced.beams().get(0).lr()), r.lrPath());
    assertEquals(Candidate.ROOT, RunResults.byId(r).get(r.lineage().get(0)).parent());
  }

  @Test
  void divergenceBeyondTheBackoffsEndsTheRun() {
    BeamSearch policy = new BeamSearch(2, FACTORS, 1e-6, 1e6, SelectOn.TRAIN, 2);
    Events events = new Events();
    SearchResult r = Alr.search(SGD).strategy(new Strategies.Alr(policy)).lr(1e5).epochs(3).executor(EXECUTOR)
        .listener(events).run();

    assertEquals(Termination.DIVERGED, r.termination());
    assertFalse(r.completed());
    assertTrue(r.message().contains("diverged") && r.message().contains("2 back-offs"), r.message());
    assertEquals(List.of(EpochOutcome.RETRIED, EpochOutcome.RETRIED, EpochOutcome.STOPPED), r.epochs().stream().map(EpochRecord::outcome).toList());
    assertEquals(List.of(0, 1, 2), r.epochs().stream().map(EpochRecord::attempt).toList());
    assertEquals(9, r.candidateEpochs());
    assertEquals(List.of(), r.lineage());
    assertEquals(List.of(), r.lrPath());
    assertNull(r.finalTest());
    assertEquals(r, events.finished);
  }

  @Test
  void scheduleDivergenceEndsTheRun() {
    SearchResult r = Alr.search(SGD).strategy(Strategies.schedule("constant")).lr(1e6).epochs(3)
        .executor(EXECUTOR).run();
    assertEquals(Termination.DIVERGED, r.termination());
    assertTrue(r.message().contains("epoch 1"), r.message());
    assertEquals(1, r.epochs().size());
    assertEquals(EpochOutcome.STOPPED, r.epochs().get(0).outcome());
  }

  @Test
  void nProbeLineCarriesItsEndLrIntoTheNextEpoch() {
    SearchResult r = Alr.search(SPEC).strategy(Strategies.nprobe()).lr(0.01).epochs(3).executor(EXECUTOR).run();
    assertEquals(Termination.COMPLETED, r.termination());
    assertEquals(3, r.candidateEpochs());
    assertEquals(List.of(0, 1, 2), r.lineage());
    long steps = DataOrder.batchesPerEpoch(48, 8);
    long every = NProbeSettings.DEFAULT_EVERY;
    long probes = (3 * steps + every - 1) / every;
    long forwards = 0;
    for (long step = 0; step < 3 * steps; step += every) {
      forwards += 8L * NProbeSettings.DEFAULT_RULE.factorsAt(new double[] {2, 1, 0.5}, step, (int) every).length;
    }
    assertEquals(forwards, r.probeForwards(),
        "a probe every 4 of 18 steps × its factors (5 while the default rule calibrates, else 3) × the whole batch of 8");
    assertEquals(probes, r.epochs().stream().mapToLong(e -> e.candidates().get(0).probes().size()).sum());
    for (int e = 1; e < 3; e++) {
      CandidateRecord before = r.epochs().get(e - 1).candidates().get(0);
      CandidateRecord now = r.epochs().get(e).candidates().get(0);
      assertEquals(before.endLr(), now.lr(), "epoch " + (e + 1) + " starts where epoch " + e + " ended");
      assertEquals(before.id(), now.parent());
      assertEquals(now.lr(), r.lrPath().get(e));
    }
    List<ProbeRecord> first = r.epochs().get(0).candidates().get(0).probes();
    assertTrue(first.get(first.size() - 1).lr() > 0.01, "far from the minimum the level rises: " + first);
  }

  @Test
  void gridLinesContinueIndependentlyAndTheBestFinalLineWins() {
    SearchResult r = Alr.search(SPEC).strategy(Strategies.grid("constant", 0.01, 0.5, 3)).epochs(2)
        .executor(EXECUTOR).run();
    assertEquals(6, r.candidateEpochs());
    EpochRecord last = r.epochs().get(1);
    for (CandidateRecord c : last.candidates()) {
      CandidateRecord parent = RunResults.byId(r).get(c.parent());
      assertEquals(c.line(), parent.line(), "a line continues from itself");
      assertEquals(parent.lr(), c.lr(), "constant schedule");
    }
    CandidateRecord best = last.candidates().stream().min(Comparator.comparingDouble(CandidateRecord::loss)).get();
    assertEquals(best.id(), r.lineage().get(1));
    assertEquals(List.of(best.lr(), best.lr()), r.lrPath());
  }

  @Test
  void selectingOnValidationWithoutASplitHoldsOutATenth() {
    BeamSearch onVal = new BeamSearch(2, FACTORS, 1e-6, 10, SelectOn.VAL, 3);
    Alr search = Alr.search(SGD).strategy(new Strategies.Alr(onVal)).lr(0.05).epochs(1).executor(EXECUTOR);
    assertEquals(WorkloadSpec.VAL_TENTH, search.config().workload().val());
    assertEquals(0, Alr.search(SGD).strategy(Strategies.alrClassic()).config().workload().val(),
        "a training-loss search holds nothing out");
    SearchResult tenth = search.run();
    for (CandidateRecord c : tenth.epochs().get(0).candidates()) {
      assertTrue(Double.isFinite(c.valLoss()), "validation loss measured: " + c);
    }
    SearchResult r = Alr.search(SPEC).strategy(new Strategies.Alr(onVal)).lr(0.05).epochs(1).executor(EXECUTOR).run();
    List<Integer> want = r.epochs().get(0).candidates().stream()
        .sorted(Comparator.comparingDouble(CandidateRecord::valLoss).thenComparingInt(CandidateRecord::id))
        .limit(2).map(CandidateRecord::id).toList();
    assertEquals(want, r.epochs().get(0).beams().stream().map(Beam::candidateId).toList());
  }
}
