package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Termination;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.WorkloadSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchProgressTest {
  private static final SearchConfig CONFIG = new SearchConfig(WorkloadSpec.of("mlp", "synthetic", 7),
      Strategies.beam(2, 0.5, 1, 2), 0.1, 2, 1, true);

  /** Records what the progress did to its bar. */
  private static final class FakeBar implements Terminal.RunBar {
    final List<String> calls = new ArrayList<>();

    @Override
    public void stepTo(long done, long max) {
      calls.add("step " + done + "/" + max);
    }

    @Override
    public void printAbove(PrintStream out, String text) {
      calls.add("print");
      out.print(text);
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  private static CandidateRecord cand(int id, int parent, double lr, double endLr) {
    return new CandidateRecord(id, parent, 0, 1.0, lr, endLr, 0.5, Double.NaN, 1.0, "w", 0, 100, 0);
  }

  private static EpochRecord epoch(int n, CandidateRecord... cs) {
    return new EpochRecord(n, 0, EpochOutcome.ADVANCED, List.of(cs),
        List.of(new Beam(cs[0].id(), 0, cs[0].endLr(), cs[0].loss())), new Evaluation(0.4, 0.8, 100), 1.0);
  }

  private static SearchResult result(List<EpochRecord> epochs, List<Double> lrPath, List<Integer> lineage) {
    return new SearchResult(SearchResult.FORMAT_VERSION, CONFIG, epochs, lrPath, lineage, new Evaluation(0.4, 0.8, 100),
        2.0, epochs.size(), 200, 0, 0, Termination.COMPLETED, "done");
  }

  @Test
  void oneBarForTheWholeRunClosedOnceBeforeTheSummary() {
    FakeBar bar = new FakeBar();
    int[] opened = {0};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    SearchProgress p = new SearchProgress(out, 2, (task, total, done) -> {
      opened[0]++;
      return bar;
    });
    EpochRecord e1 = epoch(1, cand(1, -1, 0.1, 0.1));
    EpochRecord e2 = epoch(2, cand(2, 1, 0.1, 0.1));
    SearchResult r = result(List.of(e1, e2), List.of(0.1, 0.1), List.of(1, 2));
    p.runStarted(CONFIG, 2, 0);
    p.candidateFinished(null, null);
    p.epochFinished(e1);
    p.candidateFinished(null, null);
    p.epochFinished(e2);
    p.runFinished(r);
    p.summary(r);
    assertEquals(1, opened[0], "one bar per run");
    assertEquals(List.of("step 1/2", "print", "step 2/2", "print", "close"), bar.calls);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("epoch 1/2") && text.contains("epoch 2/2"), text);
    assertTrue(text.endsWith("final test loss 0.4000, accuracy 80.00%; 0 bytes of model state copied"
        + System.lineSeparator()), text);
  }

  @Test
  void aFailedRunEndsItsBarAtTheSummary() {
    FakeBar bar = new FakeBar();
    SearchProgress p = new SearchProgress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        2, (task, total, done) -> bar);
    p.runStarted(CONFIG, 2, 0);
    p.summary(result(List.of(), List.of(), List.of()));
    assertEquals(List.of("close"), bar.calls);
  }

  @Test
  void lrPathNamesTheLrAtTheEndOfEachEpochWhenItMoved() {
    SearchResult nprobe = result(List.of(epoch(1, cand(1, -1, 0.1, 0.07)), epoch(2, cand(2, 1, 0.07, 0.03))),
        List.of(0.1, 0.07), List.of(1, 2));
    assertEquals("LR at the end of each epoch 0.07000 → 0.03000 (from 0.1000)", SearchProgress.lrPath(nprobe));
    SearchResult alr = result(List.of(epoch(1, cand(1, -1, 0.1, 0.1)), epoch(2, cand(3, 1, 0.05, 0.05))),
        List.of(0.1, 0.05), List.of(1, 3));
    assertEquals("LR path 0.1000 → 0.05000", SearchProgress.lrPath(alr));
  }
}
