package dev.alr.bench.suite;

import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.FactorSpan;
import dev.alr.engine.policy.Halving;
import dev.alr.engine.policy.LrBounds;
import dev.alr.engine.policy.SelectOn;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's ALR ranking variants (issue 10, the short-horizon bias of RESULTS §10): a base search
 * with optional modifiers, written {@code BASE[-open][-bounded][-tail][-val][-halving]}. Bases:
 * {@code alr-adaptive-anneal} (adaptive span, last epoch annealed) and {@code alr-cosine} (adaptive span choosing the level of a
 * whole-run cosine). Modifiers: {@code -open} — the first round tries 7 factors 1/1000 … 1000
 * ({@link FactorSpan#withOpening()}); {@code -bounded} — the LR falls by at most ×{@value #MAX_DROP} per round
 * after epoch 1; {@code -tail} — each candidate is ranked on its loss over a linear decay to ~0 on
 * the last {@value #RANK_TAIL} of its steps; {@code -val} — candidates are ranked on a held-out
 * validation split ({@link #valHoldout}) instead of the training loss; {@code -halving} — η 3, 2 rungs;
 * {@code -halving4} — η 4, 2 rungs. Stateless.
 */
final class AlrVariants {
  /** The per-round decrease bound of {@code -bounded}. */
  static final double MAX_DROP = 0.5;
  /** Validation samples held out by {@code -val} on the full training set ({@code --limit 0}). */
  static final int FULL_VAL = 6000;

  /** The decayed fraction of each candidate's steps of {@code -tail}. */
  static final double RANK_TAIL = 0.15;

  /**
   * The default's neighbours (RESULTS §20): {@code -tailNN} decays over the last NN % of the steps,
   * {@code -valNN} holds out 1/NN of the training samples, {@code alr-adaptive-anneal2} anneals the
   * last 2 epochs, {@code -open13} opens with 13 factors (half-decades) over 1/1000 … 1000.
   */
  private static final List<String> NEIGHBOURS = List.of("alr-adaptive-anneal-open-tail30-val-halving4",
      "alr-adaptive-anneal2-open-tail-val-halving4", "alr-adaptive-anneal-open-tail-val30-halving4",
      "alr-adaptive-anneal-open13-tail-val-halving4");

  /** The modifiers, in the order a label lists them. */
  private static final List<String> MODIFIERS = List.of("-open", "-bounded", "-tail", "-val");

  /**
   * The labels, run only when named: each base with each non-empty ordered subset of
   * {@code -open}, {@code -bounded}, {@code -tail}, {@code -val}, with {@code -halving}, {@code -halving4} or
   * neither, the {@link #NEIGHBOURS} and
   * {@code alr-cosine-halving} (the labels of {@link Suite#ALR_VARIANTS} are not repeated).
   */
  static final List<String> LABELS = labels();

  private static List<String> labels() {
    List<String> out = new ArrayList<>();
    for (String base : List.of("alr-adaptive-anneal", "alr-cosine")) {
      for (int mask = 0; mask < 1 << MODIFIERS.size(); mask++) {
        StringBuilder b = new StringBuilder(base);
        for (int i = 0; i < MODIFIERS.size(); i++) {
          if ((mask & 1 << i) != 0) {
            b.append(MODIFIERS.get(i));
          }
        }
        for (String label : List.of(b.toString(), b + "-halving", b + "-halving4")) {
          if (!Suite.ALR_VARIANTS.contains(label)) {
            out.add(label);
          }
        }
      }
    }
    out.addAll(NEIGHBOURS);
    return List.copyOf(out);
  }

  private static final Pattern TAIL = Pattern.compile("-tail(\\d*)");
  private static final Pattern VAL = Pattern.compile("-val(\\d*)");

  private static double number(Pattern p, String rest, double otherwise, double scale) {
    Matcher m = p.matcher(rest);
    return m.find() && !m.group(1).isEmpty() ? Integer.parseInt(m.group(1)) / scale : otherwise;
  }

  private AlrVariants() {
  }

  /** Whether {@code label} is one of {@link #LABELS}. */
  static boolean covers(String label) {
    return LABELS.contains(label);
  }

  /** The strategy of {@code label} (one of {@link #LABELS}) for a run of {@code epochs} epochs. */
  static Strategy strategy(String label, int epochs) {
    String rest;
    Anneal anneal;
    if (label.startsWith("alr-adaptive-anneal2")) {
      rest = label.substring("alr-adaptive-anneal2".length());
      anneal = new Anneal(Anneal.Shape.COSINE, 2);
    } else if (label.startsWith("alr-adaptive-anneal")) {
      rest = label.substring("alr-adaptive-anneal".length());
      anneal = new Anneal(Anneal.Shape.COSINE, 1);
    } else {
      rest = label.substring("alr-cosine".length());
      anneal = new Anneal(Anneal.Shape.COSINE, epochs);
    }
    SelectOn on = rest.contains("-val") ? SelectOn.VAL : SelectOn.TRAIN;
    FactorSpan span = rest.contains("-open13")
        ? new FactorSpan(FactorSpan.DEFAULT_BASE, FactorSpan.DEFAULT_CAP, FactorSpan.DEFAULT_COUNT,
            FactorSpan.DEFAULT_OPEN_SPAN, 13)
        : rest.contains("-open") ? FactorSpan.defaults().withOpening() : FactorSpan.defaults();
    BeamSearch search = new BeamSearch(Cell.BEAMS, null, LrBounds.MIN, LrBounds.MAX, on, 3, span);
    Halving halving = rest.endsWith("-halving4") ? new Halving(4, 2)
        : rest.endsWith("-halving") ? Cell.HALVING : Halving.NONE;
    return Strategies.alr(search, anneal, halving,
        rest.contains("-bounded") ? MAX_DROP : Strategies.Alr.UNBOUNDED,
        rest.contains("-tail") ? number(TAIL, rest, RANK_TAIL, 100) : Strategies.Alr.RAW);
  }

  /**
   * Training samples {@code label} holds out for validation: a tenth of {@code limit}
   * ({@value #FULL_VAL} of the full set) for {@code alr} (the default search ranks on validation
   * loss) and the {@code -val} variants, else 0. They come out of the
   * run's training samples, so a {@code -val} run trains on 90 % of what the others train on.
   */
  static int valHoldout(String label, int limit) {
    boolean val = label.equals("alr") || covers(label) && label.contains("-val");
    int parts = (int) number(VAL, label, 10, 1);
    return val ? (limit == 0 ? FULL_VAL * 10 / parts : limit / parts) : 0;
  }
}
