package dev.alr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alr.engine.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code train --schedule replay:FILE}: reads the winning LR path of a result JSON ({@code --json} of
 * {@code search} or {@code train}) as a fixed schedule for one fresh model. Per step when the result
 * has a non-empty {@code lrSteps} array (one LR per optimizer step along the winning lineage), else
 * per epoch from {@code lrPath}. Stateless.
 */
final class ReplaySchedule {
  /** The {@code --schedule} prefix. */
  static final String PREFIX = "replay:";

  private ReplaySchedule() {
  }

  /**
   * The replay strategy of {@code file} for a run of {@code epochs} epochs.
   *
   * @throws IllegalArgumentException (exit 2) naming {@code --schedule} and the file when it is
   *                                  missing, unreadable or not an alr result with an LR path, or
   *                                  naming {@code --epochs} when the per-epoch path is shorter
   */
  static Strategies.Replay read(String file, int epochs) {
    String flag = "--schedule " + PREFIX + file;
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException(flag + ": not a readable file");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(path.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(flag + ": not a JSON file (" + firstLine(e.getMessage()) + ")");
    }
    List<Double> steps = lrs(root, "lrSteps");
    if (steps != null && !steps.isEmpty()) {
      return strategy(flag, steps, true);
    }
    List<Double> path0 = lrs(root, "lrPath");
    if (path0 == null) {
      throw new IllegalArgumentException(flag + ": not an alr result JSON (no lrPath array of LRs)");
    }
    if (path0.isEmpty()) {
      throw new IllegalArgumentException(flag + ": the result's LR path is empty (no epoch finished)");
    }
    if (epochs > path0.size()) {
      throw new IllegalArgumentException("--epochs " + epochs + ": the LR path in " + file + " has " + path0.size()
          + " epoch(s); give --epochs " + path0.size() + " or fewer");
    }
    return strategy(flag, path0, false);
  }

  private static Strategies.Replay strategy(String flag, List<Double> lrs, boolean perStep) {
    try {
      return new Strategies.Replay(lrs, perStep);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }

  /** The numbers of array {@code field}, or null when it is absent or not an array of numbers. */
  private static List<Double> lrs(JsonNode root, String field) {
    JsonNode a = root == null ? null : root.get(field);
    if (a == null || !a.isArray()) {
      return null;
    }
    List<Double> out = new ArrayList<>();
    for (JsonNode n : a) {
      if (!n.isNumber()) {
        return null;
      }
      out.add(n.asDouble());
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no message";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
