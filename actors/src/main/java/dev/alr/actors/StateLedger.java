package dev.alr.actors;

import dev.alr.engine.spi.ModelState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who holds which model state during a search: for each candidate id, the live worker whose slot
 * holds it (if any) and the search node's own copy (if any). The one place that answers "where
 * do I get this parent from", "which kept states still need a copy", "what was lost with this
 * worker" and "what may each worker drop". Pure bookkeeping over an opaque worker type, so it is
 * tested without actors.
 *
 * <p>Life of an epoch: {@link #held} as results arrive → {@link #release} the losers once the
 * round is decided (the search node's copies of the old beams stay until {@link #commit}) →
 * {@link #unsecured} tells what to copy to the search node → {@link #copied} → {@link #commit}
 * the new beams. {@link #lost} whenever a worker goes away.
 *
 * <p>Not thread-safe: one actor owns it.
 *
 * @param <W> the worker handle (an actor reference; anything with equals/hashCode in tests)
 */
public final class StateLedger<W> {
  private final Map<Integer, W> holders = new HashMap<>();
  private final Map<Integer, ModelState> copies = new HashMap<>();
  private final Map<Integer, String> homes = new HashMap<>();

  /** Worker {@code worker} now holds the state of {@code id} in a slot (it trained it). */
  public void held(int id, W worker) {
    holders.put(id, worker);
  }

  /** The search node holds its own copy of {@code id}'s state. */
  public void copied(int id, ModelState state) {
    copies.put(id, state);
  }

  /**
   * States read from a checkpoint on resume: copies, each remembered with the name of the worker
   * that trained it ({@link #home}), so that a resumed run places children as the uninterrupted
   * run did.
   */
  public void restored(Map<Integer, ModelState> states, Map<Integer, String> trainedBy) {
    copies.putAll(states);
    homes.putAll(trainedBy);
  }

  /** The live worker holding {@code id}, or null. */
  public W holder(int id) {
    return holders.get(id);
  }

  /** The search node's copy of {@code id}, or null. */
  public ModelState copy(int id) {
    return copies.get(id);
  }

  /** The name of the worker that trained a restored state whose slot is gone, or null. */
  public String home(int id) {
    return holders.containsKey(id) ? null : homes.get(id);
  }

  /** Whether the state of {@code id} can still be had: a live holder or a copy. */
  public boolean recoverable(int id) {
    return holders.containsKey(id) || copies.containsKey(id);
  }

  /**
   * {@code worker} is gone: forgets what it held.
   *
   * @return the ids it held that have no copy, ascending (lost unless re-trained)
   */
  public List<Integer> lost(W worker) {
    List<Integer> gone = new ArrayList<>();
    holders.entrySet().removeIf(e -> {
      if (e.getValue().equals(worker)) {
        if (!copies.containsKey(e.getKey())) {
          gone.add(e.getKey());
        }
        return true;
      }
      return false;
    });
    gone.sort(Integer::compare);
    return gone;
  }

  /**
   * The round is decided: the workers drop {@code ids} (the losers and the old beams). The search
   * node keeps its copies until {@link #commit}, so a kept state lost before it was copied can be
   * re-trained from its parent.
   *
   * @return per worker, the ids it must drop, ascending
   */
  public Map<W, List<Integer>> release(Collection<Integer> ids) {
    Map<W, List<Integer>> out = new LinkedHashMap<>();
    for (int id : ids.stream().sorted().toList()) {
      W w = holders.remove(id);
      if (w != null) {
        out.computeIfAbsent(w, k -> new ArrayList<>()).add(id);
      }
      homes.remove(id);
    }
    return out;
  }

  /** The ids of {@code keep} the search node has no copy of yet, in the given order. */
  public List<Integer> unsecured(List<Integer> keep) {
    return keep.stream().filter(id -> !copies.containsKey(id)).toList();
  }

  /**
   * The epoch is closed: every id in {@code keep} has a copy; all other copies are dropped.
   *
   * @throws IllegalStateException naming the first kept id with no copy
   */
  public void commit(List<Integer> keep) {
    for (int id : keep) {
      if (!copies.containsKey(id)) {
        throw new IllegalStateException("no copy of kept state " + id);
      }
    }
    Set<Integer> k = new HashSet<>(keep);
    copies.keySet().removeIf(id -> !k.contains(id));
    homes.keySet().removeIf(id -> !k.contains(id));
  }

  /** Ids held in worker slots, ascending (for tests and logs). */
  public List<Integer> heldIds() {
    return holders.keySet().stream().sorted().toList();
  }

  /** Ids the search node holds copies of, ascending. */
  public List<Integer> copiedIds() {
    return copies.keySet().stream().sorted().toList();
  }
}
