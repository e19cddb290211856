package dev.alr.engine.run;

import dev.alr.engine.LrRangeResult;
import dev.alr.engine.SearchException;
import dev.alr.engine.policy.LrRangeTest;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.Seeds;
import dev.alr.engine.spi.TrainableModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link LrRangeTest} on a fresh model of a workload (the same initial weights every
 * candidate of the search starts from) and returns the curve and the chosen start LR. The model
 * is discarded afterwards: the search itself starts from the untouched initial model.
 *
 * <p>The steps visit the training samples in the order of a data order of their own (derived
 * from the run seed), wrapping to a new order when the test has more steps than an epoch has
 * batches. The result is a pure function of (workload, seed, test): deterministic.
 *
 * <p>Stateless and thread-safe; {@link #run} blocks the calling thread for the test's steps.
 */
public final class RangeTestRun {
  /** Stream of {@link Seeds#mix} for the range test's own data order. */
  private static final long STREAM = 0x4C52_4649_4E44L;

  private RangeTestRun() {
  }

  /**
   * Runs {@code test} on a model created by {@code factory}, on batches of {@code batchSize}.
   *
   * @throws SearchException when the very first step's loss is not finite (nothing to choose from)
   */
  public static LrRangeResult run(ModelFactory factory, LrRangeTest test, long seed, int batchSize) {
    long t0 = System.nanoTime();
    List<Double> lrs = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<Double> smoothed = List.of();
    long samples = 0;
    boolean stopped = false;
    long orderSeed = Seeds.mix(seed, STREAM, 0);
    try (TrainableModel model = factory.create()) {
      int n = model.trainSize();
      List<Batch> batches = new DataOrder(orderSeed, 1).batches(n, batchSize);
      int pass = 1;
      int next = 0;
      for (int i = 0; i < test.steps(); i++) {
        if (next == batches.size()) {
          pass++;
          batches = new DataOrder(orderSeed, pass).batches(n, batchSize);
          next = 0;
        }
        Batch b = batches.get(next++);
        double lr = test.lr(i);
        double loss = model.step(b, Hyper.lr(lr));
        samples += b.size();
        lrs.add(lr);
        losses.add(loss);
        smoothed = LrRangeTest.smooth(losses);
        if (i > 0 && test.diverged(smoothed)) {
          stopped = i < test.steps() - 1;
          break;
        }
      }
    }
    if (!Double.isFinite(smoothed.get(0))) {
      throw new SearchException("lr range test: the loss is not finite at the first LR " + test.start()
          + "; lower the range start");
    }
    double chosen = lrs.size() < 2 ? test.start() : test.choose(lrs, smoothed);
    return new LrRangeResult(test, lrs, losses, smoothed, chosen, stopped, samples, (System.nanoTime() - t0) / 1e9);
  }
}
