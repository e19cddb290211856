package dev.alr.actors;

import dev.alr.engine.policy.Candidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which worker trains each candidate of a round: a child goes to the worker that holds
 * its parent while that worker has capacity (⌈jobs / workers⌉ jobs); the rest go to the least
 * loaded worker (lowest index on ties), which then fetches the parent state. Children of the
 * root need no parent state and go wherever load is lowest. Placement never changes results,
 * only where bytes move. Stateless.
 */
public final class Placement {
  private Placement() {
  }

  /**
   * One assignment.
   *
   * @param candidate the candidate
   * @param worker    index of the worker that trains it
   * @param holder    index of the worker holding the parent (-1: root, or not held by any)
   */
  public record Assignment(Candidate candidate, int worker, int holder) {
    /** Whether the parent state must travel to the training worker. */
    public boolean remoteParent() {
      return holder >= 0 && holder != worker;
    }
  }

  /**
   * Places {@code candidates} (in their id order) on {@code workers} workers.
   *
   * @param holderOf index of the worker holding a candidate's state, or -1 when none does
   * @param slotsPerWorker concurrent trainers per worker (capacity is balanced in slots)
   */
  public static List<Assignment> place(List<Candidate> candidates, List<Integer> slotsPerWorker,
                                       java.util.function.IntUnaryOperator holderOf) {
    int workers = slotsPerWorker.size();
    if (workers == 0) {
      throw new IllegalArgumentException("no workers to place candidates on");
    }
    int totalSlots = slotsPerWorker.stream().mapToInt(Integer::intValue).sum();
    int[] capacity = new int[workers];
    for (int w = 0; w < workers; w++) {
      capacity[w] = (int) Math.ceil((double) candidates.size() * slotsPerWorker.get(w) / totalSlots);
    }
    int[] load = new int[workers];
    Map<Integer, Assignment> byId = new HashMap<>();
    for (Candidate c : candidates) {
      int h = c.parentId() == Candidate.ROOT ? -1 : holderOf.applyAsInt(c.parentId());
      if (h >= 0 && load[h] < capacity[h]) {
        load[h]++;
        byId.put(c.id(), new Assignment(c, h, h));
      }
    }
    for (Candidate c : candidates) {
      if (byId.containsKey(c.id())) {
        continue;
      }
      int best = 0;
      for (int w = 1; w < workers; w++) {
        if ((double) load[w] / slotsPerWorker.get(w) < (double) load[best] / slotsPerWorker.get(best)) {
          best = w;
        }
      }
      load[best]++;
      int h = c.parentId() == Candidate.ROOT ? -1 : holderOf.applyAsInt(c.parentId());
      byId.put(c.id(), new Assignment(c, best, h));
    }
    List<Assignment> out = new ArrayList<>();
    for (Candidate c : candidates) {
      out.add(byId.get(c.id()));
    }
    return out;
  }
}
