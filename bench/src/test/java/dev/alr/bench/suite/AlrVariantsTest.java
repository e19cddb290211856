package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Strategies;
import dev.alr.engine.policy.Halving;
import dev.alr.engine.policy.SelectOn;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The ranking variants' labels: each builds the search its modifiers name, and a -val cell holds out samples. */
class AlrVariantsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // label, anneal epochs (5 = whole run), maxDrop, rankTail, select, halving, val of 10,000 / of all
      "alr-cosine-bounded, 5, 0.5, 0, TRAIN, false, 0, 0",
      "alr-cosine-bounded-halving, 5, 0.5, 0, TRAIN, true, 0, 0",
      "alr-adaptive-anneal-tail, 1, 0, 0.15, TRAIN, false, 0, 0",
      "alr-adaptive-anneal-bounded-tail-halving, 1, 0.5, 0.15, TRAIN, true, 0, 0",
      "alr-adaptive-anneal-val, 1, 0, 0, VAL, false, 1000, 6000",
      "alr-cosine-bounded-val-halving, 5, 0.5, 0, VAL, true, 1000, 6000",
      "alr-cosine-halving, 5, 0, 0, TRAIN, true, 0, 0",
      "alr-adaptive-anneal-open-tail30-val-halving4, 1, 0, 0.3, VAL, true, 1000, 6000",
      "alr-adaptive-anneal2-open-tail-val-halving4, 2, 0, 0.15, VAL, true, 1000, 6000",
      "alr-adaptive-anneal-open-tail-val30-halving4, 1, 0, 0.15, VAL, true, 333, 2000",
      "alr-adaptive-anneal-open13-tail-val-halving4, 1, 0, 0.15, VAL, true, 1000, 6000"})
  void aLabelBuildsTheSearchItsModifiersName(String label, int annealEpochs, double maxDrop, double rankTail,
                                             SelectOn select, boolean halving, int val10k, int valAll) {
    Suite s = Suite.named("standard").withStrategies(List.of(label));
    Cell cell = new Cell(label, "mlp", "fashion-mnist", 10_000, 1, 0.05, Cell.EQUAL_EPOCHS, 5);
    Strategies.Alr alr = (Strategies.Alr) cell.engineStrategy(s);
    assertEquals(annealEpochs, alr.anneal().epochs());
    assertTrue(alr.anneal().active());
    assertTrue(alr.search().span() != null, "adaptive span");
    assertEquals(maxDrop, alr.maxDrop());
    assertEquals(rankTail, alr.rankTail());
    assertEquals(select, alr.search().selectOn());
    assertEquals(halving ? (label.endsWith("4") ? new Halving(4, 2) : Cell.HALVING) : Halving.NONE, alr.halving());
    assertEquals(label.contains("-open"), alr.search().span().opens(), "opening");
    assertEquals(label.contains("-open13") ? 13 : label.contains("-open") ? 7 : 0, alr.search().span().openCount());
    assertEquals(val10k, cell.val());
    assertEquals(valAll, new Cell(label, "mlp", "fashion-mnist", 0, 1, 0.05, Cell.EQUAL_EPOCHS, 5).val());
  }

  @Test
  void labelsAreDistinctFromTheOlderVariantsAndOtherCellsHoldNothingOut() {
    assertEquals(AlrVariants.LABELS.size(), new HashSet<>(AlrVariants.LABELS).size());
    AlrVariants.LABELS.forEach(l -> assertFalse(Suite.ALR_VARIANTS.contains(l), l));
    assertTrue(Cell.STRATEGIES.containsAll(AlrVariants.LABELS));
    for (String other : List.of("alr-classic", "alr-adaptive-anneal", "alr-cosine", "cosine")) {
      assertEquals(0, new Cell(other, "mlp", "fashion-mnist", 10_000, 1, 0.05, Cell.EQUAL_EPOCHS, 5).val(), other);
    }
  }

  @Test
  void alrIsTheDefaultSearchWithATenthHeldOutAndClassicIsThePapers() {
    Suite s = Suite.named("standard");
    Cell alr = new Cell("alr", "mlp", "fashion-mnist", 10_000, 1, 0.05, Cell.EQUAL_EPOCHS, 5);
    assertEquals(Strategies.alr(), alr.engineStrategy(s));
    assertEquals(1000, alr.val());
    assertEquals(6000, new Cell("alr", "mlp", "fashion-mnist", 0, 1, 0.05, Cell.EQUAL_EPOCHS, 5).val());
    assertEquals(Strategies.alrClassic(),
        new Cell("alr-classic", "mlp", "fashion-mnist", 10_000, 1, 0.05, Cell.EQUAL_EPOCHS, 5).engineStrategy(s));
    assertEquals(15.25 * 0.9, alr.plannedEpochEquivalents(s), 1e-9, "halving and the hold-out count");
    assertEquals(27.0, new Cell("alr-classic", "mlp", "fashion-mnist", 10_000, 1, 0.05, Cell.EQUAL_EPOCHS, 5)
        .plannedEpochEquivalents(s), 1e-9);
  }
}
