package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.fixture.QuadraticModel;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.TrainableModel;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-epoch checkpoints, their layout, and resuming after a crash to the same result. */
class CheckpointResumeTest {
  private static final int EPOCHS = 3;

  @TempDir
  Path tmp;

  /** Thrown by a listener to simulate the process dying after an epoch's checkpoint. */
  static final class Crash extends RuntimeException {
    Crash() {
      super("simulated crash");
    }
  }

  private static Alr search(double lr) {
    return Alr.search(LocalExecutorTest.SPEC).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(lr).epochs(EPOCHS)
        .workers(2).executor(LocalExecutorTest.EXECUTOR);
  }

  /** The same records, LR path, lineage and final test, bit for bit (timings aside). */
  private static void assertSameRun(SearchResult expected, SearchResult actual) {
    assertEquals(RunResults.strip(expected), RunResults.strip(actual));
    assertEquals(expected.lrPath(), actual.lrPath());
    assertEquals(expected.lineage(), actual.lineage());
    assertEquals(expected.finalTest(), actual.finalTest());
  }

  private static SearchListener crashAfter(int epoch) {
    return new SearchListener() {
      @Override
      public void epochFinished(EpochRecord e) {
        if (e.epoch() == epoch) {
          throw new Crash();
        }
      }
    };
  }

  @Test
  void layoutKeepsTheTwoNewestEpochsAndAPointerToTheLatest() throws IOException {
    Path dir = tmp.resolve("cp");
    SearchResult r = search(0.05).checkpoints(dir).run();

    assertEquals(Set.of("LATEST", "epoch-0002", "epoch-0003"), names(dir));
    assertEquals("epoch-0003\n", Files.readString(dir.resolve("LATEST")));
    List<Beam> beams = r.epochs().get(EPOCHS - 1).beams();
    Set<String> expected = new java.util.HashSet<>(Set.of("manifest.json", "rounds.bin"));
    beams.forEach(b -> expected.add("beam-" + b.candidateId() + ".state"));
    assertEquals(expected, names(dir.resolve("epoch-0003")));
    Set<String> before = r.epochs().get(1).beams().stream().map(b -> "beam-" + b.candidateId() + ".state")
        .collect(Collectors.toSet());
    assertTrue(names(dir.resolve("epoch-0002")).containsAll(before));

    // the best beam's saved state is the model the final test was measured on
    ModelState best;
    try (InputStream in = Files.newInputStream(dir.resolve("epoch-0003/beam-" + beams.get(0).candidateId() + ".state"))) {
      best = ModelStateCodec.read(new DataInputStream(in));
    }
    TrainableModel m = QuadraticModel.factoryFor(LocalExecutorTest.SPEC).create();
    m.restore(best);
    assertEquals(r.finalTest(), m.evaluate(Split.TEST));
  }

  @Test
  void noTemporaryFilesAreLeft() throws IOException {
    Path dir = tmp.resolve("cp");
    search(0.05).checkpoints(dir).run();
    try (Stream<Path> all = Files.walk(dir)) {
      List<String> leftovers = all.map(p -> p.getFileName().toString()).filter(n -> n.contains("tmp")).toList();
      assertEquals(List.of(), leftovers);
    }
  }

  @ParameterizedTest(name = "crash after epoch {0}")
  @ValueSource(ints = {1, 2})
  void resumeAfterACrashGivesTheUninterruptedResult(int crashEpoch) {
    SearchResult uninterrupted = search(0.05).checkpoints(tmp.resolve("full")).run();

    Path dir = tmp.resolve("crashed");
    assertThrows(Crash.class, () -> search(0.05).checkpoints(dir).listener(crashAfter(crashEpoch)).run());
    assertEquals(String.format("epoch-%04d", crashEpoch), read(dir.resolve("LATEST")).trim());

    LocalExecutorTest.Events events = new LocalExecutorTest.Events();
    SearchResult resumed = search(0.05).checkpoints(dir).resume(true).listener(events).run();

    long doneBefore = crashEpoch == 1 ? 3 : 9;
    assertEquals(15, events.planned);
    assertEquals(doneBefore, events.done);
    assertEquals(15 - doneBefore, events.candidates.size(), "only the remaining candidates are trained");
    assertSameRun(uninterrupted, resumed);
    assertEquals("epoch-0003", read(dir.resolve("LATEST")).trim());
  }

  @Test
  void resumingAFinishedRunTrainsNothing() {
    Path dir = tmp.resolve("cp");
    SearchResult first = search(0.05).checkpoints(dir).run();
    LocalExecutorTest.Events events = new LocalExecutorTest.Events();
    SearchResult again = search(0.05).checkpoints(dir).resume(true).listener(events).run();
    assertEquals(0, events.candidates.size());
    assertEquals(15, events.done);
    assertEquals(RunResults.strip(first), RunResults.strip(again));
  }

  @Test
  void resumeWithMoreEpochsExtendsAFinishedRunToTheUninterruptedResult() {
    Path dir = tmp.resolve("cp");
    SearchResult uninterrupted = search(0.05).run();
    search(0.05).epochs(EPOCHS - 1).checkpoints(dir).run();
    LocalExecutorTest.Events events = new LocalExecutorTest.Events();
    SearchResult extended = search(0.05).checkpoints(dir).resume(true).listener(events).run();
    assertEquals(6, events.candidates.size(), "only the added epoch is trained");
    assertSameRun(uninterrupted, extended);
    assertEquals("epoch-0003", read(dir.resolve("LATEST")).trim());
  }

  @Test
  void resumeWithMoreEpochsExtendsAnInterruptedRun() {
    Path dir = tmp.resolve("cp");
    SearchResult uninterrupted = search(0.05).run();
    assertThrows(Crash.class, () -> search(0.05).epochs(EPOCHS - 1).checkpoints(dir).listener(crashAfter(1)).run());
    assertSameRun(uninterrupted, search(0.05).checkpoints(dir).resume(true).run());
  }

  @Test
  void aConstantScheduleExtendsAndACosineScheduleIsRefused() {
    Path constant = tmp.resolve("constant");
    Alr three = search(0.05).strategy(Strategies.schedule("constant"));
    SearchResult uninterrupted = three.run();
    search(0.05).strategy(Strategies.schedule("constant")).epochs(2).checkpoints(constant).run();
    assertEquals(RunResults.strip(uninterrupted),
        RunResults.strip(search(0.05).strategy(Strategies.schedule("constant")).checkpoints(constant).resume(true).run()));

    Path cosine = tmp.resolve("cosine");
    search(0.05).strategy(Strategies.schedule("cosine")).epochs(2).checkpoints(cosine).run();
    SearchException e = assertThrows(SearchException.class,
        () -> search(0.05).strategy(Strategies.schedule("cosine")).checkpoints(cosine).resume(true).run());
    assertTrue(e.getMessage().startsWith("--epochs: the run in " + cosine + " cannot be extended from 2 to 3 epochs: "
        + "strategy schedule:cosine plans by the total epoch count (epoch "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; rerun without --resume, or with --overwrite"), e.getMessage());
  }

  @Test
  void resumeWithFewerEpochsIsRefused() {
    Path dir = tmp.resolve("cp");
    search(0.05).checkpoints(dir).run();
    SearchException e = assertThrows(SearchException.class,
        () -> search(0.05).epochs(2).checkpoints(dir).resume(true).run());
    assertEquals("--resume: checkpoint " + dir.resolve("epoch-0003") + " was written for another configuration: "
        + "epochs: checkpoint 3, now 2 (--resume --epochs N extends a run to more epochs, never fewer)", e.getMessage());
  }

  @Test
  void resumeWithAnotherConfigurationIsRefused() {
    Path dir = tmp.resolve("cp");
    search(0.05).checkpoints(dir).run();
    SearchException e = assertThrows(SearchException.class, () -> search(0.1).checkpoints(dir).resume(true).run());
    assertTrue(e.getMessage().startsWith("--resume:"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("epoch-0003").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
  }

  @Test
  void resumeOnAnotherWorkerCountIsAllowedAndGivesTheSameResult() {
    SearchResult uninterrupted = search(0.05).run();
    Path dir = tmp.resolve("cp");
    assertThrows(Crash.class, () -> search(0.05).workers(1).checkpoints(dir).listener(crashAfter(2)).run());
    SearchResult resumed = search(0.05).workers(4).checkpoints(dir).resume(true).run();
    assertEquals(RunResults.strip(uninterrupted), RunResults.strip(resumed));
    assertFalse(resumed.epochs().isEmpty());
  }

  @Test
  void resumeFromAnEmptyDirectoryNamesTheMissingLatest() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    SearchException e = assertThrows(SearchException.class, () -> search(0.05).checkpoints(dir).resume(true).run());
    assertTrue(e.getMessage().startsWith("--resume:"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("LATEST").toString()), e.getMessage());
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
