package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alr.engine.fixture.QuadraticModel;
import dev.alr.engine.fixture.RecordingModel;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A candidate of a sub-epoch round trains exactly its slice of the epoch's data order; an
 * annealed LR decays with the step's position in the whole epoch, so the slices of an epoch
 * continue one decay.
 */
class CandidateTrainerSliceTest {
  private static final long SEED = 9;

  @ParameterizedTest(name = "epoch {0}, [{1}, {2})")
  @CsvSource({"1, 0, 5", "2, 5, 10", "2, 10, 13", "3, 0, 13"})
  void trainsTheSliceOfItsEpochWithTheEpochsDecay(int epoch, int from, int to) {
    int n = 100;
    int batchSize = 8;
    QuadraticModel.Problem p = QuadraticModel.Problem.generate(21, 4, n, 6, 8, 5f);
    RecordingModel rec = new RecordingModel(new QuadraticModel.Factory(p, 0.5).create());
    Candidate c = new Candidate(3, Candidate.ROOT, epoch, 0, 1.0, 0.2,
        new LrRule.Annealed(0.2, Anneal.Shape.COSINE), from, to);
    CandidateResult r = new CandidateTrainer(SEED, batchSize, false).train(rec, c, "w");

    List<Batch> all = new DataOrder(SEED, epoch).batches(n, batchSize);
    assertEquals(13, all.size());
    assertEquals(all.subList(from, to), rec.steps().stream().map(RecordingModel.Step::batch).toList());
    List<Double> lrs = IntStream.range(from, to).mapToObj(i -> Anneal.Shape.COSINE.lr(0.2, i, 13)).toList();
    assertEquals(lrs, rec.steps().stream().map(s -> s.hyper().lr()).toList());
    assertEquals(all.subList(from, to).stream().mapToLong(Batch::size).sum(), r.sampleGradients());
    assertEquals(lrs.get(lrs.size() - 1), r.endLr());
  }
}
