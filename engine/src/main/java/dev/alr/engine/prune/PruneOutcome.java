package dev.alr.engine.prune;

import java.util.List;

/**
 * The result of a pruning run: every candidate's record, cycle by cycle in plan order, and the
 * final survivor. Immutable, thread-safe.
 *
 * @param records every candidate's record
 */
public record PruneOutcome(List<PruneRecord> records) {
  /** Copies the records; there must be a survivor in the last cycle. */
  public PruneOutcome {
    records = List.copyOf(records);
    if (records.isEmpty()) {
      throw new IllegalArgumentException("records: a pruning run has at least one candidate");
    }
  }

  /** The last cycle's first surviving candidate in plan order (the line the run ends with). */
  public PruneRecord survivor() {
    int last = records.get(records.size() - 1).cycle();
    return records.stream().filter(r -> r.cycle() == last && r.survived()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no survivor in cycle " + last));
  }
}
