package dev.alr.actors;

import dev.alr.engine.run.CheckpointStore;
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
 * holds it (if any), a second worker holding a replica of it (if any) and the search node's own
 * copy (if any). The one place that answers "where do I get this parent from", "which kept states
 * still need securing", "what was lost with this worker" and "what may each worker drop". Pure
 * bookkeeping over an opaque worker type, so it is tested without actors.
 *
 * <p>A kept state is secured either by a replica on a second worker (several workers: the state
 * never passes through the search node) or by a copy on the search node (one worker, or a
 * checkpoint to write). Life of an epoch: {@link #held} as results arrive → {@link #release} the
 * losers once the round is decided (replicas and copies of the old beams stay until
 * {@link #commit}, so a kept state lost before it was secured can be re-trained from its parent)
 * → {@link #unsecured} tells what to replicate or copy → {@link #replicated} / {@link #copied} →
 * {@link #commit} the new beams, which names the replicas the workers may drop. With a checkpoint
 * directory the holders also write the kept states there ({@link #unpersisted} → {@link #persisted}),
 * and the checkpoint links those files. {@link #lost}
 * whenever a worker goes away: a state whose holder is lost is held by its replica's worker from
 * then on.
 *
 * <p>Not thread-safe: one actor owns it.
 *
 * @param <W> the worker handle (an actor reference; anything with equals/hashCode in tests)
 */
public final class StateLedger<W> {
  private final Map<Integer, W> holders = new HashMap<>();
  private final Map<Integer, ModelState> copies = new HashMap<>();
  private final Map<Integer, String> homes = new HashMap<>();
  private final Map<Integer, W> replicas = new HashMap<>();
  /** Held ids whose holder was lost and whose replica took over: their only copy until the next commit. */
  private final Set<Integer> promoted = new HashSet<>();
  private final Map<Integer, CheckpointStore.StagedState> files = new HashMap<>();

  /** Worker {@code worker} now holds the state of {@code id} in a slot (it trained it). */
  public void held(int id, W worker) {
    holders.put(id, worker);
  }

  /**
   * Worker {@code worker} holds a replica of {@code id}'s state (copied from its holder, worker to
   * worker).
   *
   * @throws IllegalArgumentException when {@code worker} is the holder itself (not a second copy)
   */
  public void replicated(int id, W worker) {
    if (worker.equals(holders.get(id))) {
      throw new IllegalArgumentException("the replica of " + id + " must be on another worker than its holder");
    }
    replicas.put(id, worker);
  }

  /** A worker wrote the state of {@code id} into the checkpoint directory as {@code file}. */
  public void persisted(int id, CheckpointStore.StagedState file) {
    files.put(id, file);
  }

  /** The checkpoint-directory file of {@code id}'s state, or null. */
  public CheckpointStore.StagedState file(int id) {
    return files.get(id);
  }

  /** The ids of {@code keep} with no checkpoint-directory file yet, in the given order. */
  public List<Integer> unpersisted(List<Integer> keep) {
    return keep.stream().filter(id -> !files.containsKey(id)).toList();
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

  /** The worker holding a replica of {@code id}, or null. */
  public W replica(int id) {
    return replicas.get(id);
  }

  /** A live worker that can hand out the state of {@code id}: its holder, else its replica's worker, else null. */
  public W source(int id) {
    W h = holders.get(id);
    return h != null ? h : replicas.get(id);
  }

  /** The search node's copy of {@code id}, or null. */
  public ModelState copy(int id) {
    return copies.get(id);
  }

  /** The name of the worker that trained a restored state whose slot is gone, or null. */
  public String home(int id) {
    return holders.containsKey(id) ? null : homes.get(id);
  }

  /** Whether the state of {@code id} can still be had: a live holder, a replica or a copy. */
  public boolean recoverable(int id) {
    return holders.containsKey(id) || replicas.containsKey(id) || copies.containsKey(id);
  }

  /**
   * {@code worker} is gone: forgets what it held and the replicas on it. A state it held that has a
   * replica is held by the replica's worker from then on (and has no replica until secured again).
   *
   * @return the ids it held that have neither a replica nor a copy, ascending (lost unless re-trained)
   */
  public List<Integer> lost(W worker) {
    replicas.values().removeIf(worker::equals);
    List<Integer> gone = new ArrayList<>();
    Map<Integer, W> promoted = new HashMap<>();
    holders.entrySet().removeIf(e -> {
      if (e.getValue().equals(worker)) {
        W r = replicas.remove(e.getKey());
        if (r != null) {
          promoted.put(e.getKey(), r);
        } else if (!copies.containsKey(e.getKey())) {
          gone.add(e.getKey());
        }
        return true;
      }
      return false;
    });
    holders.putAll(promoted);
    this.promoted.addAll(promoted.keySet());
    gone.sort(Integer::compare);
    return gone;
  }

  /**
   * The round is decided: the workers drop {@code ids} (the losers and the old beams). Replicas
   * and the search node's copies stay until {@link #commit}, so a kept state lost before it was
   * secured can be re-trained from its parent; so does an old beam now held only by its former
   * replica's worker (its holder was lost): it becomes a replica again, dropped at commit.
   *
   * @return per worker, the ids it must drop, ascending
   */
  public Map<W, List<Integer>> release(Collection<Integer> ids) {
    Map<W, List<Integer>> out = new LinkedHashMap<>();
    for (int id : ids.stream().sorted().toList()) {
      W w = holders.remove(id);
      if (w != null && promoted.remove(id)) {
        replicas.put(id, w);
      } else if (w != null) {
        out.computeIfAbsent(w, k -> new ArrayList<>()).add(id);
      }
      homes.remove(id);
    }
    return out;
  }

  /** The ids of {@code keep} with neither a replica nor a copy on the search node, in the given order. */
  public List<Integer> unsecured(List<Integer> keep) {
    return keep.stream().filter(id -> !copies.containsKey(id) && !replicas.containsKey(id)).toList();
  }

  /**
   * The epoch is closed: every id in {@code keep} has a replica or a copy; all other copies,
   * replicas and file records are dropped.
   *
   * @return per worker, the replicas it must drop, ascending
   * @throws IllegalStateException naming the first kept id with neither
   */
  public Map<W, List<Integer>> commit(List<Integer> keep) {
    List<Integer> open = unsecured(keep);
    if (!open.isEmpty()) {
      throw new IllegalStateException("no replica or copy of kept state " + open.get(0));
    }
    Set<Integer> k = new HashSet<>(keep);
    promoted.removeIf(id -> !k.contains(id));
    copies.keySet().removeIf(id -> !k.contains(id));
    homes.keySet().removeIf(id -> !k.contains(id));
    files.keySet().removeIf(id -> !k.contains(id));
    Map<W, List<Integer>> drop = new LinkedHashMap<>();
    replicas.keySet().stream().filter(id -> !k.contains(id)).sorted().toList().forEach(id ->
        drop.computeIfAbsent(replicas.remove(id), w -> new ArrayList<>()).add(id));
    return drop;
  }

  /** Ids held in worker slots, ascending (for tests and logs). */
  public List<Integer> heldIds() {
    return holders.keySet().stream().sorted().toList();
  }

  /** Ids that have a replica on a second worker, ascending. */
  public List<Integer> replicatedIds() {
    return replicas.keySet().stream().sorted().toList();
  }

  /** Ids the search node holds copies of, ascending. */
  public List<Integer> copiedIds() {
    return copies.keySet().stream().sorted().toList();
  }
}
