package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Termination;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default ALR ({@link Strategies#alr()}: opening round, adaptive span, validation ranking after a
 * short decay, halving η 4, last epoch annealed) through the actor executor on a real MLP, with no
 * validation split given (a tenth is held out): 1, 2 and 3 workers match the single-threaded
 * reference bit for bit, with and without sub-epoch rounds, and a run resumed after a crash ends as
 * the uninterrupted one.
 */
class DefaultAlrTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 5)
      .withHidden(List.of(24)).withLimit(1200).withBatchSize(40);
  private static final int EPOCHS = 3;

  @TempDir
  Path tmp;

  private static Alr search(Path dir, int workers, int roundSteps) {
    Alr a = Alr.search(WORKLOAD).lr(0.05).epochs(EPOCHS).workers(workers).checkpoints(dir)
        .executor(new ActorExecutor());
    return roundSteps > 0 ? a.roundSteps(roundSteps) : a;
  }

  @Test
  void theBuilderDefaultIsTheDefaultAlrWithATenthHeldOut() {
    SearchConfig c = Alr.search(WORKLOAD).config();
    assertEquals(Strategies.alr(), c.strategy());
    assertEquals(WorkloadSpec.VAL_TENTH, c.workload().val());
    assertEquals(120, Workloads.dataset(c.workload()).validationSize(), "a tenth of the 1,200 samples");
    assertEquals(1080, Workloads.dataset(c.workload()).trainSize());
  }

  @Test
  void anyWorkerCountMatchesTheReferenceWithAndWithoutSubEpochRounds() throws IOException {
    for (int k : new int[] {0, 12}) {
      Path referenceDir = tmp.resolve("ref" + k);
      SearchConfig config = Alr.search(WORKLOAD).lr(0.05).epochs(EPOCHS).workers(1).config();
      config = new SearchConfig(config.workload(), config.strategy(), 0.05, EPOCHS, 1, true, k);
      SearchResult reference = new LocalExecutor(Workloads::factory).run(config, new RunOptions(referenceDir, false),
          SearchListener.NONE);
      assertEquals(Termination.COMPLETED, reference.termination(), reference.message());
      EpochRecord first = reference.epochs().get(0);
      assertEquals(7, first.candidates().size(), "the opening tries 7 factors");
      assertEquals(1000.0, first.span());
      assertTrue(reference.epochs().stream().flatMap(e -> e.candidates().stream()).anyMatch(c -> c.rung() == 1),
          "halving stopped some candidates");
      for (EpochRecord e : reference.epochs()) {
        for (CandidateRecord c : e.candidates()) {
          assertTrue(Double.isFinite(c.valLoss()) || !Double.isFinite(c.loss()), "ranked on validation: " + c);
        }
      }
      String last = String.format("epoch-%04d", reference.epochs().size());
      for (int w = 1; w <= 3; w++) {
        Path dir = tmp.resolve("w" + w + "k" + k);
        SearchResult r = search(dir, w, k).run();
        DeterminismTest.assertSameSearch(reference, r, "workers=" + w + " round steps " + k);
        assertEquals(reference.sampleGradients(), r.sampleGradients());
        DeterminismTest.assertSameStates(referenceDir.resolve(last), dir.resolve(last));
      }
    }
  }

  @Test
  void aResumedRunEndsAsTheUninterruptedOne() throws IOException {
    Path full = tmp.resolve("full");
    SearchResult uninterrupted = search(full, 2, 0).run();
    Path crashed = tmp.resolve("crashed");
    SearchListener crashAfterTheOpening = new SearchListener() {
      @Override
      public void epochFinished(EpochRecord e) {
        if (e.round() == 2) {
          throw new IllegalStateException("simulated crash after round 2");
        }
      }
    };
    assertThrows(SearchFailedException.class, () -> search(crashed, 2, 0).listener(crashAfterTheOpening).run());
    assertEquals("epoch-0002", Files.readString(crashed.resolve("LATEST")).trim());
    SearchResult resumed = search(crashed, 3, 0).resume(true).run();
    DeterminismTest.assertSameSearch(uninterrupted, resumed, "resumed");
    assertEquals(uninterrupted.sampleGradients(), resumed.sampleGradients());
    DeterminismTest.assertSameStates(full.resolve("epoch-0003"), crashed.resolve("epoch-0003"));
  }
}
