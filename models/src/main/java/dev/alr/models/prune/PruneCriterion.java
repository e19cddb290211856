package dev.alr.models.prune;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which surviving weights a prune step removes: those with the smallest score. Immutable.
 */
public enum PruneCriterion {
  /** Score |w|, one threshold over all prunable arrays (the default). */
  MAGNITUDE("magnitude"),
  /** Score |w|, the same fraction removed from each array separately. */
  MAGNITUDE_LAYERWISE("magnitude-layerwise"),
  /**
   * Score |w_T − w_{T−1}| (the change over the last epoch), one global threshold: SILO's ResNet-20
   * criterion. Needs the weights of the epoch before.
   */
  WEIGHT_CHANGE("weight-change");

  private final String flagValue;

  PruneCriterion(String flagValue) {
    this.flagValue = flagValue;
  }

  /** The name on the command line. */
  public String flagValue() {
    return flagValue;
  }

  /** Whether the score needs the previous epoch's weights. */
  public boolean needsPreviousWeights() {
    return this == WEIGHT_CHANGE;
  }

  /** Whether one threshold spans all arrays. */
  public boolean global() {
    return this != MAGNITUDE_LAYERWISE;
  }

  /**
   * Parses a command-line name.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static PruneCriterion parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (PruneCriterion c : values()) {
      if (c.flagValue.equals(n)) {
        return c;
      }
    }
    throw new IllegalArgumentException("criterion '" + name + "' is not one of "
        + Arrays.stream(values()).map(PruneCriterion::flagValue).collect(Collectors.joining(", ")));
  }
}
