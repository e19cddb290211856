package dev.alr.engine.run;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The model states one worker holds, keyed by candidate id, over one {@link Workspace}. Weights
 * live here, not in the plan.
 *
 * <p>Lifecycle: construct on the training thread, {@link #train} / {@link #put} / {@link #state} /
 * {@link #evaluate} / {@link #release} in any order, {@link #close()} once. Not thread-safe.
 */
public final class ModelSlots implements AutoCloseable {
  private final Workspace workspace;
  private final Map<Integer, ModelState> states = new HashMap<>();

  public ModelSlots(Workspace workspace) {
    this.workspace = workspace;
  }

  /** Trains {@code c} from its held parent state (or the initial model) and holds the result. */
  public CandidateResult train(Candidate c) {
    return train(c, (step, steps) -> { });
  }

  /** Like {@link #train(Candidate)}, telling {@code observer} after every step. */
  public CandidateResult train(Candidate c, CandidateTrainer.StepObserver observer) {
    Workspace.Trained t = workspace.train(c, c.parentId() == Candidate.ROOT ? null : state(c.parentId()), observer);
    states.put(c.id(), t.state());
    return t.result();
  }

  /** The held state of {@code id}. */
  public ModelState state(int id) {
    ModelState s = states.get(id);
    if (s == null) {
      throw new IllegalArgumentException("no state held for candidate " + id);
    }
    return s;
  }

  /** Holds a state received from elsewhere (a checkpoint). */
  public void put(int id, ModelState s) {
    states.put(id, s);
  }

  /** Evaluates the held model {@code id} on a split. */
  public Evaluation evaluate(int id, Split split) {
    return workspace.evaluate(state(id), split);
  }

  /** Drops the states of {@code ids} (unknown ids are ignored). */
  public void release(Collection<Integer> ids) {
    ids.forEach(states::remove);
  }

  @Override
  public void close() {
    states.clear();
    workspace.close();
  }
}
