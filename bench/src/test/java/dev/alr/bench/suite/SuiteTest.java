package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Named suites, per-model plans and overrides, as expanded into cells. */
class SuiteTest {
  private static final List<String> DATA = List.of("fashion-mnist", "synthetic");

  private static List<Cell> cells(Suite s, String model) {
    return Cell.expand(s, DATA).stream().filter(c -> c.model().equals(model)).toList();
  }

  @Test
  void standardRunsTheFullMatrixForTheMlpAndAReducedOneForTheCnn() {
    Suite s = Suite.named("standard");
    List<Cell> mlp = cells(s, "mlp");
    assertEquals(Set.of(10_000), mlp.stream().map(Cell::limit).collect(Collectors.toSet()));
    assertEquals(Set.of(1e-4, 1e-3, 0.01, 0.05, 0.2, 1.0, 0.0),
        mlp.stream().map(Cell::lr0).collect(Collectors.toSet()));
    assertEquals(Set.copyOf(Suite.ALL), mlp.stream().map(Cell::strategy).collect(Collectors.toSet()));
    assertEquals(Set.of(1L, 2L, 3L), mlp.stream().map(Cell::seed).collect(Collectors.toSet()));
    // per dataset and seed: 11 strategies x 6 LRs (incl. schedule-free) + 2 oracles + dog + adam
    // + 2 equal-compute schedules
    assertEquals(DATA.size() * 3 * (11 * 6 + 2 + 2 + 2), mlp.size());

    List<Cell> cnn = cells(s, "cnn");
    assertEquals(Set.of(1_000), cnn.stream().map(Cell::limit).collect(Collectors.toSet()));
    assertEquals(Set.of(0.05, 0.0), cnn.stream().map(Cell::lr0).collect(Collectors.toSet()));
    assertTrue(cnn.stream().allMatch(c -> c.budget().equals(Cell.EQUAL_EPOCHS)));
    assertEquals(DATA.size() * 3 * 9, cnn.size());
  }

  @Test
  void dogAndAdamRunOncePerSeedAndScheduleFreeSweepsTheStartLr() {
    Suite s = Suite.named("quick");
    List<Cell> mlp = cells(s, "mlp");
    for (String own : List.of("dog", "adam")) {
      List<Cell> c = mlp.stream().filter(x -> x.strategy().equals(own)).toList();
      assertEquals(DATA.size(), c.size(), own);
      assertTrue(c.stream().allMatch(x -> x.lr0() == 0 && x.ignoresStartLr() && x.key().contains("__lrown__")), own);
      assertEquals(s.referenceLr(), c.get(0).runLr(s));
    }
    assertEquals(Set.copyOf(s.startLrs()), mlp.stream().filter(x -> x.strategy().equals("schedule-free"))
        .map(Cell::lr0).collect(Collectors.toSet()));
    Cell dog = mlp.stream().filter(x -> x.strategy().equals("dog")).findFirst().orElseThrow();
    assertEquals("dog", dog.engineStrategy(s).name());
    assertEquals(3, dog.plannedCandidateEpochs(s), "one line, 3 epochs");
  }

  @Test
  void overridesApplyToEveryModelIncludingItsPlan() {
    Suite s = Suite.named("standard").withLimit(500).withStartLrs(List.of(0.01, 0.05))
        .withStrategies(List.of("alr", "constant")).withComputeSchedules(List.of());
    for (String model : List.of("mlp", "cnn")) {
      List<Cell> c = cells(s, model);
      assertEquals(Set.of(500), c.stream().map(Cell::limit).collect(Collectors.toSet()), model);
      assertEquals(Set.of(0.01, 0.05), c.stream().map(Cell::lr0).collect(Collectors.toSet()), model);
      assertEquals(Set.of("alr", "constant"), c.stream().map(Cell::strategy).collect(Collectors.toSet()), model);
    }
    assertEquals(cells(s.withModels(List.of("cnn")), "cnn"), cells(s, "cnn"));
  }

  @Test
  void alrVariantsRunOnlyWhenNamedAndBuildTheirSearch() {
    assertTrue(Suite.named("standard").strategies().stream().noneMatch(x -> x.startsWith("alr-")),
        "the suites run the default alr only");
    Suite s = Suite.named("standard").withStrategies(List.of("alr-classic", "alr-adaptive", "alr-anneal",
        "alr-adaptive-anneal", "alr-cosine", "alr-halving", "alr-adaptive-anneal-halving"));
    Map<String, String> described = new java.util.HashMap<>();
    for (Cell c : cells(s, "mlp")) {
      assertEquals("alr", c.engineStrategy(s).name(), c.strategy());
      described.put(c.strategy(), c.engineStrategy(s).toString());
    }
    assertEquals(7, described.size());
    assertEquals(7, new java.util.HashSet<>(described.values()).size(), "seven different searches: " + described);
    assertTrue(described.get("alr-cosine").contains("epochs=" + s.epochs()), described.get("alr-cosine"));
    assertTrue(described.get("alr-halving").contains("halving=Halving[rate=3.0, rungs=2]"), described.get("alr-halving"));
    assertTrue(!described.get("alr-classic").contains("halving"), "classic keeps its fingerprint");
  }

  @Test
  void cellsDifferingOnlyInTrainingSamplesHaveDifferentKeys() {
    Cell a = new Cell("alr", "mlp", "fashion-mnist", 2000, 1, 0.05, Cell.EQUAL_EPOCHS, 5);
    Cell b = new Cell("alr", "mlp", "fashion-mnist", 0, 1, 0.05, Cell.EQUAL_EPOCHS, 5);
    assertNotEquals(a.key(), b.key());
    assertEquals(a.key(), new Cell("alr", "mlp", "fashion-mnist", 2000, 1, 0.05, Cell.EQUAL_EPOCHS, 5).key());
  }

  @Test
  void planValidationNamesTheFlag() {
    Map<String, Suite.ModelPlan> noReference = Map.of("cnn",
        new Suite.ModelPlan(100, List.of(0.01), List.of("alr"), List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Suite("x", List.of("alr"),
        List.of("mlp", "cnn"), DATA, List.of(1L), List.of(0.05), 0.05, 1, 0, List.of(0.05), List.of(), 64,
        noReference));
    assertTrue(e.getMessage().startsWith("--lrs:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Suite.named("standard").withStrategies(List.of("sgd")));
  }
}
