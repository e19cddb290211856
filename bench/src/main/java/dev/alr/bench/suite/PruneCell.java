package dev.alr.bench.suite;

import java.util.Locale;

/**
 * One run of a {@link PruneSuite}: a policy with a seed, trained through every cycle. Immutable
 * and thread-safe.
 *
 * @param policy     {@code silo}, {@code constant}, {@code oracle} or {@code alr}
 * @param seed       run seed
 * @param parameters everything that decides its records ({@link PruneSuite#parameters}); a stored
 *                   cell whose parameters differ is trained again
 */
public record PruneCell(String policy, long seed, String parameters) {

  /** A stable file-name-safe key; cells of the same policy and seed share it. */
  public String key() {
    return String.format(Locale.ROOT, "prune__%s__s%d", policy, seed);
  }
}
