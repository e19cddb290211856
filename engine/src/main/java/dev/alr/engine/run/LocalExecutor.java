package dev.alr.engine.run;

import dev.alr.engine.LrRangeResult;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchExecutor;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.LrRangeTest;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a search on the calling thread with one set of {@link ModelSlots}: no actors, no
 * parallelism. The reference that the parallel executors must match bit for bit, and the
 * executor for policy tests with fake models.
 *
 * <p>Thread-safe: each {@link #run} call uses its own slots.
 */
public final class LocalExecutor implements SearchExecutor {
  private final Function<WorkloadSpec, ModelFactory> factories;
  private final CandidateTrainer.StepObserver steps;

  /** @param factories builds the model factory of a workload */
  public LocalExecutor(Function<WorkloadSpec, ModelFactory> factories) {
    this(factories, (step, total) -> { });
  }

  /**
   * @param factories builds the model factory of a workload
   * @param steps     told after every training step (progress bars)
   */
  public LocalExecutor(Function<WorkloadSpec, ModelFactory> factories, CandidateTrainer.StepObserver steps) {
    this.factories = factories;
    this.steps = steps;
  }

  @Override
  public SearchResult run(SearchConfig config, RunOptions options, SearchListener listener) {
    ModelFactory factory = factories.apply(config.workload());
    boolean val = needsValidation(config, factory);
    CandidateTrainer trainer = new CandidateTrainer(config.seed(), config.workload().batchSize(), val);
    try (ModelSlots slots = new ModelSlots(new Workspace(factory, trainer, "local-0"))) {
      RunDriver driver = RunDriver.start(config, options, factory.trainSize(), listener);
      SearchLoop loop = driver.loop();
      driver.restoredStates().forEach(slots::put);
      while (!loop.finished()) {
        long roundStart = System.nanoTime();
        List<CandidateResult> results = new ArrayList<>();
        for (Candidate c : loop.plan()) {
          CandidateResult r = slots.train(c, steps);
          listener.candidateFinished(c, r);
          results.add(r);
        }
        SearchLoop.Outcome o = driver.complete(results, (System.nanoTime() - roundStart) / 1e9);
        slots.release(o.release());
        if (!o.decided()) {
          continue;
        }
        if (o.evaluateTest()) {
          loop.recordTest(slots.evaluate(loop.bestId(), Split.TEST));
        }
        driver.epochClosed(slots::state);
      }
      return driver.finish(slots::state);
    }
  }

  /** Runs the range test on a model of {@code workload} from this executor's factories, on the calling thread. */
  @Override
  public LrRangeResult rangeTest(WorkloadSpec workload, LrRangeTest test, long seed) {
    return RangeTestRun.run(factories.apply(workload), test, seed, workload.batchSize());
  }

  /**
   * Whether candidates measure the validation loss: when the policy selects on it, and whenever
   * the workload holds out a validation split (so that the records show it) even if the policy
   * ranks on training loss.
   *
   * @throws IllegalArgumentException when selection on validation loss has no validation split
   */
  public static boolean needsValidation(SearchConfig config, ModelFactory factory) {
    boolean wants = config.strategy().selectsOnValidation();
    if (wants && factory.validationSize() == 0) {
      throw new IllegalArgumentException("select val: needs a validation split (val K with K >= 1)");
    }
    return wants || factory.validationSize() > 0;
  }
}
