package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.spi.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model-state bytes through the search node per round: with two workers the kept states are
 * replicated worker to worker, so no round moves a state through the search node except the last,
 * which fetches the final best model once for the result; with one worker the kept states are
 * copied to the search node (the metric sees them). Two model sizes: the zero does not depend on
 * the size. With a checkpoint directory the workers write the kept states into it and the
 * checkpoint equals the one the search node writes from copies.
 */
class SearchNodeTrafficTest {
  @TempDir
  Path tmp;

  private static SearchConfig config(int hidden, int workers) {
    WorkloadSpec w = WorkloadSpec.of("mlp", "synthetic", 17).withHidden(List.of(hidden)).withLimit(400)
        .withBatchSize(50);
    return new SearchConfig(w, Strategies.beam(2, 0.5, 1, 2), 0.1, 3, workers, true);
  }

  /** The state size of the run's model: what each beam's replica copied. */
  private static long stateBytes(SearchResult r) {
    return r.epochs().get(0).candidates().stream().mapToLong(CandidateRecord::bytesCopied).filter(b -> b > 0).min()
        .orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 256})
  void twoWorkersMoveNoStateThroughTheSearchNodeBeforeTheFinalBestModel(int hidden) {
    SearchResult r = new ActorExecutor().run(config(hidden, 2), RunOptions.none(), SearchListener.NONE);
    List<EpochRecord> epochs = r.epochs();
    assertEquals(3, epochs.size());
    for (EpochRecord e : epochs.subList(0, epochs.size() - 1)) {
      assertEquals(0, e.searchNodeStateBytes(), "hidden " + hidden + ", epoch " + e.epoch());
    }
    long state = stateBytes(r);
    assertTrue(state > hidden * 4L, "a state holds at least the hidden layer's weights: " + state);
    assertEquals(state, epochs.get(epochs.size() - 1).searchNodeStateBytes(),
        "hidden " + hidden + ": the last round fetches the best model once, for the result");
    assertEquals(state, r.bestModel().byteSize());
  }

  @Test
  void withACheckpointDirTheWorkersWriteTheStatesAndTheCheckpointEqualsOneWrittenByTheSearchNode() throws IOException {
    SearchResult r = new ActorExecutor().run(config(16, 2), new RunOptions(tmp.resolve("two"), false),
        SearchListener.NONE);
    List<EpochRecord> epochs = r.epochs();
    for (EpochRecord e : epochs.subList(0, epochs.size() - 1)) {
      assertEquals(0, e.searchNodeStateBytes(), "epoch " + e.epoch());
    }
    new ActorExecutor().run(config(16, 1), new RunOptions(tmp.resolve("one"), false), SearchListener.NONE);
    for (String epoch : List.of("epoch-0002", "epoch-0003")) {
      List<Path> beams = beamFiles(tmp.resolve("two").resolve(epoch));
      assertEquals(2, beams.size(), epoch);
      for (Path b : beams) {
        assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(epoch).resolve(b.getFileName())),
            Files.readAllBytes(b), epoch + "/" + b.getFileName() + ": written by its worker, bit for bit the same");
      }
    }
    for (Path b : beamFiles(tmp.resolve("two").resolve("epoch-0003"))) {
      assertTrue((Integer) Files.getAttribute(b, "unix:nlink") >= 2, b + " is the worker's staged file, linked");
    }
  }

  private static List<Path> beamFiles(Path epoch) throws IOException {
    try (Stream<Path> s = Files.list(epoch)) {
      return s.filter(p -> p.getFileName().toString().startsWith("beam-")).sorted().toList();
    }
  }

  @Test
  void oneWorkerCopiesEachKeptStateToTheSearchNode() {
    SearchResult r = new ActorExecutor().run(config(16, 1), RunOptions.none(), SearchListener.NONE);
    for (EpochRecord e : r.epochs()) {
      assertEquals(e.beams().size() * stateBytes(r), e.searchNodeStateBytes(), "epoch " + e.epoch());
    }
  }
}
