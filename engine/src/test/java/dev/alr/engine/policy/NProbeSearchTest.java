package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The N-probe line: one candidate per epoch, continuing at the LR the previous epoch ended with. */
class NProbeSearchTest {
  private static final NProbeSettings SETTINGS = new NProbeSettings(List.of(2.0, 1.0, 0.5), 1, 0, false, 1e-4, 1.0);

  @ParameterizedTest
  @CsvSource({"0.05, 0.05", "5, 1.0", "1e-7, 1e-4"})
  void initialClampsTheLrToTheSettings(double lr0, double expected) {
    assertEquals(new SearchState(1, List.of(new Beam(Candidate.ROOT, 0, expected, Double.NaN)), 0, 0),
        new NProbeSearch(SETTINGS).initial(lr0));
  }

  @ParameterizedTest
  @CsvSource({"1, -1, 0, 0.05", "2, 0, 1, 0.3", "5, 3, 4, 0.0125"})
  void planIsOneProbedCandidateFromTheBeam(int epoch, int parent, int nextId, double lr) {
    NProbeSearch policy = new NProbeSearch(SETTINGS);
    List<Candidate> plan = policy.plan(new SearchState(epoch, List.of(new Beam(parent, 0, lr, 1.0)), nextId, 0));
    assertEquals(List.of(new Candidate(nextId, parent, epoch, 0, 1.0, lr, new LrRule.Probed(lr, SETTINGS, 0))), plan);
  }

  @ParameterizedTest
  @CsvSource({"0.05, 0.4", "0.3, 0.3", "0.2, 1e-4"})
  void decideCarriesTheResultsEndLr(double startLr, double endLr) {
    NProbeSearch policy = new NProbeSearch(SETTINGS);
    SearchState s = new SearchState(2, List.of(new Beam(0, 0, startLr, 1.0)), 1, 0);
    List<Candidate> plan = policy.plan(s);
    SearchState next = assertInstanceOf(Decision.Advance.class,
        policy.decide(s, plan, List.of(Results.train(1, 0.7, endLr)))).next();
    assertEquals(new SearchState(3, List.of(new Beam(1, 0, endLr, 0.7)), 2, 0), next);
    assertEquals(endLr, policy.plan(next).get(0).lr());
  }

  @Test
  void divergenceStops() {
    NProbeSearch policy = new NProbeSearch(SETTINGS);
    SearchState s = policy.initial(0.1);
    Decision d = policy.decide(s, policy.plan(s), List.of(Results.train(0, Double.NaN, 0.1)));
    assertTrue(assertInstanceOf(Decision.Stop.class, d).reason().contains("diverged"));
  }

  @ParameterizedTest
  @CsvSource({"1", "3", "20"})
  void plannedCandidateEpochsIsTheEpochCount(int epochs) {
    assertEquals(epochs, new NProbeSearch(SETTINGS).plannedCandidateEpochs(epochs));
  }

  static Stream<Arguments> invalidSettings() {
    List<Double> f = List.of(2.0, 1.0, 0.5);
    return Stream.of(
        arguments("factors", (Runnable) () -> new NProbeSettings(List.of(), 1, 0, false, 1e-6, 10)),
        arguments("factors", (Runnable) () -> new NProbeSettings(List.of(2.0, -0.5), 1, 0, false, 1e-6, 10)),
        arguments("factors", (Runnable) () -> new NProbeSettings(List.of(2.0, 2.0), 1, 0, false, 1e-6, 10)),
        arguments("probeEvery", (Runnable) () -> new NProbeSettings(f, 0, 0, false, 1e-6, 10)),
        arguments("probeBatch", (Runnable) () -> new NProbeSettings(f, 1, -1, false, 1e-6, 10)),
        arguments("minLr", (Runnable) () -> new NProbeSettings(f, 1, 0, false, 0, 10)),
        arguments("minLr", (Runnable) () -> new NProbeSettings(f, 1, 0, false, 2, 1)),
        arguments("maxLr", (Runnable) () -> new NProbeSettings(f, 1, 0, false, 1e-6, Double.NaN)));
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("invalidSettings")
  void settingsValidationNamesTheField(String field, Runnable construct) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct::run);
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
  }

  @Test
  void defaults() {
    NProbeSettings d = NProbeSettings.defaults();
    assertEquals(List.of(2.0, 1.0, 0.5), d.factors());
    assertEquals(NProbeSettings.DEFAULT_EVERY, d.every());
    assertEquals(NProbeSettings.DEFAULT_PROBE_BATCH, d.probeBatch());
    assertEquals(NProbeSettings.DEFAULT_RULE, d.rule());
    assertTrue(d.sameBatch());
  }
}
