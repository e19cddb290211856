package dev.alr.engine.run;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.TrainableModel;

/**
 * One reusable model on one training thread: restore a state into it, train a candidate or
 * evaluate, export the result. The network is built once and restored in place for every job
 * (cloning per job would grow native memory until the GC runs).
 *
 * <p>Lifecycle: construct on the thread that will use it, any number of {@link #train} /
 * {@link #evaluate} calls, {@link #close()} once. Not thread-safe.
 */
public final class Workspace implements AutoCloseable {
  private final TrainableModel model;
  private final ModelState initial;
  private final CandidateTrainer trainer;
  private final String worker;

  /**
   * @param factory builds the model; its seeded initial state is the root of every search
   * @param trainer trains candidates
   * @param worker  the owning worker's name, recorded in results
   */
  public Workspace(ModelFactory factory, CandidateTrainer trainer, String worker) {
    this.model = factory.create();
    this.initial = model.export();
    this.trainer = trainer;
    this.worker = worker;
  }

  /**
   * A trained candidate.
   *
   * @param result its result
   * @param state  its exported state (fresh arrays, owned by the caller)
   */
  public record Trained(CandidateResult result, ModelState state) {
  }

  /** The seeded initial state (the parent of {@link Candidate#ROOT} children). */
  public ModelState initialState() {
    return initial;
  }

  /** Trains {@code c} starting from {@code parent} (null: the seeded initial model). */
  public Trained train(Candidate c, ModelState parent) {
    return train(c, parent, (step, steps) -> { });
  }

  /** Like {@link #train(Candidate, ModelState)}, telling {@code observer} after every step. */
  public Trained train(Candidate c, ModelState parent, CandidateTrainer.StepObserver observer) {
    model.restore(parent != null ? parent : initial);
    CandidateResult r = trainer.train(model, c, worker, observer);
    return new Trained(r, model.export());
  }

  /** Evaluates {@code state} on a split. */
  public Evaluation evaluate(ModelState state, Split split) {
    model.restore(state);
    return model.evaluate(split);
  }

  @Override
  public void close() {
    model.close();
  }
}
