package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.SearchExecutor;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.models.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny suite end to end on synthetic data (a few seconds), and resuming it. */
class BenchRunTest {
  private static final Suite TINY = new Suite("tiny", List.of("alr", "alr-classic", "nprobe", "constant", "cosine",
      "oracle-cosine"), List.of("mlp"), List.of("synthetic"), List.of(1L), List.of(0.05, 0.5), 0.05, 2, 256,
      List.of(0.05, 0.2), List.of("cosine"), 64);

  @Test
  void tinySuiteWritesCsvJsonReportAndPlots(@TempDir Path out) throws Exception {
    AtomicInteger executors = new AtomicInteger();
    BenchRun.Outcome o = run(out, false, executors);
    int cells = Cell.expand(TINY, List.of("synthetic")).size();
    assertEquals(cells, o.trained());
    assertEquals(cells, executors.get());
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(String.join(",", EpochRow.COLUMNS), csv.get(0));
    long rows = o.results().stream().mapToLong(r -> r.rows().size()).sum();
    assertEquals(rows + 1, csv.size());
    assertTrue(Files.readString(out.resolve("results.json")).contains("\"formatVersion\" : 1"));
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("### Equal epochs"), report);
    assertTrue(report.contains("ALR − oracle"), report);
    assertTrue(report.contains("mean rank"), report);
    try (var files = Files.list(out)) {
      long pngs = files.filter(p -> p.toString().endsWith(".png")).count();
      assertTrue(pngs >= 3, "plots: " + pngs);
    }
    CellResult alr = o.results().stream().filter(r -> r.cell().strategy().equals("alr-classic")).findFirst()
        .orElseThrow();
    assertEquals(3 + 6, alr.tree().size());
    assertEquals(9, alr.last().candidateEpochs());
    assertTrue(alr.tree().stream().filter(TreeNode::chosen).count() == 2);
    assertTrue(alr.lrTrace().isEmpty(), "classic ALR's LR is fixed within an epoch");
    for (EpochRow row : alr.rows()) {
      assertTrue(row.replayAccuracy() > 0 && row.replayAccuracy() <= 1, "replay accuracy " + row);
    }
    // the final lineage is one model trained along the per-epoch path with the run's data order: the replay is it
    // (in earlier epochs the replay is that lineage's ancestor, which need not be the epoch's best beam)
    assertEquals(alr.last().testAccuracy(), alr.last().replayAccuracy(), 0);
    CellResult def = o.results().stream().filter(r -> r.cell().strategy().equals("alr")).findFirst().orElseThrow();
    assertEquals(7 + 6, def.last().candidateEpochs(), "the default: the opening's 7, then 2 beams × 3 factors");
    assertTrue(def.last().sampleGradients() < 13L * 231, "halving stops candidates before the epoch's 231 samples");
    assertFalse(def.lrTrace().isEmpty(), "the default's LR decays within an epoch (rank tail, anneal)");
    int column = EpochRow.COLUMNS.indexOf("replayAccuracy");
    assertTrue(csv.stream().skip(1).filter(l -> l.startsWith("alr,")).allMatch(l -> !l.split(",", -1)[column].isEmpty()),
        "the ALR rows carry a replay accuracy");
    assertTrue(csv.stream().skip(1).filter(l -> l.startsWith("cosine,")).allMatch(l -> l.split(",", -1)[column].isEmpty()),
        "only ALR has a replay");
    assertTrue(Files.readString(out.resolve("results.json")).contains("\"replayAccuracy\""));
    assertTrue(report.contains("replay acc %"), report);
    // 256 samples, batch 64: 4 steps per epoch, 2 epochs; N-probe and the schedules record every step
    for (String st : List.of("nprobe", "cosine")) {
      CellResult r = o.results().stream().filter(x -> x.cell().strategy().equals(st) && x.cell().lr0() == 0.05)
          .findFirst().orElseThrow();
      assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75),
          r.lrTrace().stream().map(LrSample::epoch).toList(), st);
    }
    CellResult cosine = o.results().stream().filter(x -> x.cell().strategy().equals("cosine")
        && x.cell().lr0() == 0.05).findFirst().orElseThrow();
    assertEquals(0.05, cosine.lrTrace().get(0).lr(), "the schedule's trace starts at its first step's LR");
    for (int i = 1; i < cosine.lrTrace().size(); i++) {
      assertTrue(cosine.lrTrace().get(i).lr() < cosine.lrTrace().get(i - 1).lr(), "cosine decays step by step");
    }
  }

  @Test
  void learningRateFreeBaselinesAreRankedAtEveryStartLr(@TempDir Path out) {
    Suite suite = new Suite("lrfree", List.of("constant", "schedule-free", "dog", "adam"), List.of("mlp"),
        List.of("synthetic"), List.of(1L), List.of(0.05, 0.5), 0.05, 2, 256, List.of(0.05), List.of(), 64);
    BenchRun.Outcome o = run(suite, out, false, new AtomicInteger());
    assertEquals(2 + 2 + 1 + 1, o.trained(), "constant and schedule-free per start LR, dog and adam once");
    Summary summary = new Summary(o.results());
    for (String setting : List.of("mlp/synthetic lr0=0.0500", "mlp/synthetic lr0=0.500")) {
      assertEquals(Set.of("constant", "schedule-free", "dog", "adam"), summary.ranks().get(setting).keySet(),
          setting + " in " + summary.ranks().keySet());
    }
    assertEquals(summary.meanAccuracy("mlp/synthetic", "adam", 0.05, Cell.EQUAL_EPOCHS),
        summary.meanAccuracy("mlp/synthetic", "adam", 0.5, Cell.EQUAL_EPOCHS));
    CellResult dog = o.results().stream().filter(r -> r.cell().strategy().equals("dog")).findFirst().orElseThrow();
    assertEquals(1.0, dog.last().lr(), "DoG runs at multiplier 1");
    CellResult adam = o.results().stream().filter(r -> r.cell().strategy().equals("adam")).findFirst().orElseThrow();
    assertEquals(1e-3, adam.last().lr());
  }

  @Test
  void resumeSkipsFinishedCellsAndRefusesWithoutFlag(@TempDir Path out) throws Exception {
    run(out, false, new AtomicInteger());
    CellStore store = new CellStore(out);
    Cell dropped = Cell.expand(TINY, List.of("synthetic")).get(0);
    Files.delete(store.dir().resolve(dropped.key() + ".json"));
    AtomicInteger executors = new AtomicInteger();
    BenchRun.Outcome again = run(out, true, executors);
    assertEquals(1, again.trained(), "only the missing cell is trained again");
    assertEquals(1, executors.get());
    assertEquals(Cell.expand(TINY, List.of("synthetic")).size(), again.results().size());
    assertThrows(IllegalArgumentException.class, () -> run(out, false, new AtomicInteger()));
  }

  @Test
  void resumeWithAnotherTrainingSampleLimitReusesNoCell(@TempDir Path out) {
    run(out, false, new AtomicInteger());
    Suite smaller = TINY.withLimit(128);
    AtomicInteger executors = new AtomicInteger();
    BenchRun.Outcome again = run(smaller, out, true, executors);
    int cells = Cell.expand(smaller, List.of("synthetic")).size();
    assertEquals(cells, again.trained(), "cells trained on 256 samples must not stand in for 128");
    assertEquals(0, again.skipped());
    assertTrue(again.results().stream().allMatch(r -> r.cell().limit() == 128));
  }

  private static BenchRun.Outcome run(Path out, boolean resume, AtomicInteger executors) {
    return run(TINY, out, resume, executors);
  }

  private static BenchRun.Outcome run(Suite suite, Path out, boolean resume, AtomicInteger executors) {
    Supplier<SearchExecutor> supplier = () -> {
      executors.incrementAndGet();
      return new LocalExecutor(Workloads::factory);
    };
    return new BenchRun(suite, out, resume, 2, null, supplier, BenchRun.Progress.NONE).run();
  }
}
