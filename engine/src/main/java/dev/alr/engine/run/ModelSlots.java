package dev.alr.engine.run;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.TrainableModel;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A worker's models: one reusable network (restored in place for each job, never cloned in a
 * loop) and the exported states of the candidates it holds. Weights live here, not in the plan.
 *
 * <p>Lifecycle: construct on the training thread, {@link #train} / {@link #put} / {@link #state} /
 * {@link #evaluate} / {@link #release} in any order, {@link #close()} once. Not thread-safe: one
 * training thread owns it.
 */
public final class ModelSlots implements AutoCloseable {
  private final TrainableModel workspace;
  private final ModelState initial;
  private final CandidateTrainer trainer;
  private final String worker;
  private final Map<Integer, ModelState> states = new HashMap<>();

  /**
   * @param factory builds the workspace model (its seeded initial state is the root)
   * @param trainer trains candidates
   * @param worker  this worker's name, recorded in results
   */
  public ModelSlots(ModelFactory factory, CandidateTrainer trainer, String worker) {
    this.workspace = factory.create();
    this.initial = workspace.export();
    this.trainer = trainer;
    this.worker = worker;
  }

  /**
   * Trains {@code c} from {@code parent} (null: the held parent state, or the seeded initial
   * model for {@link Candidate#ROOT}) and keeps the trained state under the candidate's id.
   */
  public CandidateResult train(Candidate c, ModelState parent) {
    ModelState from = parent != null ? parent : stateOrRoot(c.parentId());
    workspace.restore(from);
    CandidateResult r = trainer.train(workspace, c, worker);
    states.put(c.id(), workspace.export());
    return r;
  }

  /** Whether the state of candidate {@code id} is held here (ROOT always is). */
  public boolean holds(int id) {
    return id == Candidate.ROOT || states.containsKey(id);
  }

  /** The held state of {@code id}. */
  public ModelState state(int id) {
    ModelState s = stateOrRoot(id);
    if (s == null) {
      throw new IllegalArgumentException("worker " + worker + " holds no state for candidate " + id);
    }
    return s;
  }

  private ModelState stateOrRoot(int id) {
    return id == Candidate.ROOT ? initial : states.get(id);
  }

  /** Holds a state received from elsewhere (another worker or a checkpoint). */
  public void put(int id, ModelState s) {
    states.put(id, s);
  }

  /** Evaluates the held model {@code id} on a split. */
  public Evaluation evaluate(int id, Split split) {
    workspace.restore(state(id));
    return workspace.evaluate(split);
  }

  /** Drops the states of {@code ids} (unknown ids are ignored). */
  public void release(Collection<Integer> ids) {
    ids.forEach(states::remove);
  }

  /** Ids held, for diagnostics and tests. */
  public java.util.Set<Integer> heldIds() {
    return java.util.Set.copyOf(states.keySet());
  }

  /** The worker name. */
  public String worker() {
    return worker;
  }

  @Override
  public void close() {
    states.clear();
    workspace.close();
  }
}
