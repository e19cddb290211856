package dev.alr.cli;

import dev.alr.engine.EpochOutcome;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.policy.Beam;
import java.util.Locale;
import java.util.stream.Collectors;

/** Text tables of a search's epochs. Stateless. */
final class Tables {
  private Tables() {
  }

  /** An LR in a compact, readable form. */
  static String lr(double lr) {
    return String.format(Locale.ROOT, "%.4g", lr);
  }

  private static String loss(double loss) {
    return Double.isFinite(loss) ? String.format(Locale.ROOT, "%.4f", loss) : String.valueOf(loss);
  }

  /**
   * The epoch's candidates (parent, factor, LR, loss, validation loss when measured, worker, seconds)
   * and the beams kept.
   */
  static String epoch(EpochRecord e, int epochs) {
    StringBuilder sb = new StringBuilder();
    String slice = e.round() != e.epoch() || e.fromBatch() > 0
        ? String.format(Locale.ROOT, " round %d, batches [%d, %d)", e.round(), e.fromBatch(), e.toBatch()) : "";
    sb.append(String.format(Locale.ROOT, "epoch %d/%d%s%s: %d candidate(s), %.1f s%s%n", e.epoch(), epochs, slice,
        e.attempt() > 0 || e.outcome() != EpochOutcome.ADVANCED ? " (attempt " + (e.attempt() + 1) + ", " + e.outcome() + ")" : "",
        e.candidates().size(), e.seconds(),
        Double.isFinite(e.span()) ? String.format(Locale.ROOT, ", factor span %.4g", e.span()) : ""));
    boolean val = e.candidates().stream().anyMatch(c -> Double.isFinite(c.valLoss()));
    sb.append(String.format(Locale.ROOT, "  %5s %6s %6s %10s %10s %10s%s %-10s %7s%n", "id", "parent", "factor", "lr",
        "end lr", "loss", val ? String.format(Locale.ROOT, " %10s", "val loss") : "", "worker", "s"));
    int lastRung = e.candidates().stream().mapToInt(CandidateRecord::rung).max().orElse(1);
    for (CandidateRecord c : e.candidates()) {
      sb.append(String.format(Locale.ROOT, "  %5d %6s %6.3g %10s %10s %10s%s %-10s %7.1f%s%n", c.id(),
          c.parent() < 0 ? "init" : Integer.toString(c.parent()), c.factor(), lr(c.lr()), lr(c.endLr()),
          loss(c.loss()), val ? String.format(Locale.ROOT, " %10s", loss(c.valLoss())) : "", c.worker(), c.seconds(),
          c.rung() < lastRung ? "  stopped after rung " + c.rung() : ""));
    }
    if (!e.beams().isEmpty()) {
      sb.append("  kept: ").append(e.beams().stream()
          .map((Beam b) -> "#" + b.candidateId() + " (lr " + lr(b.lr()) + ", loss " + loss(b.loss()) + ")")
          .collect(Collectors.joining(", ")));
      if (e.test() != null) {
        sb.append(String.format(Locale.ROOT, "   best on test: loss %.4f, accuracy %.2f%%", e.test().loss(),
            100 * e.test().accuracy()));
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }
}
