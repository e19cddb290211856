package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Ascending loss, non-finite last, ties by id, independent of input order. */
class RankingTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -1.5, 3.25, 1e300, -1e300, Double.MIN_VALUE})
  void finiteLossIsItsOwnKey(double loss) {
    assertEquals(loss, Ranking.key(loss));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteLossRanksAsPlusInfinity(double loss) {
    assertEquals(INF, Ranking.key(loss));
  }

  /** losses[i] belongs to candidate id i; expected: the ids best first. */
  static Stream<Arguments> rankings() {
    return Stream.of(
        arguments(new double[] {3, 1, 2}, new int[] {1, 2, 0}),
        arguments(new double[] {1, 1, 1, 1}, new int[] {0, 1, 2, 3}),
        arguments(new double[] {2, 1, 2, 1}, new int[] {1, 3, 0, 2}),
        arguments(new double[] {NAN, 5, INF, -INF, 4}, new int[] {4, 1, 0, 2, 3}),
        arguments(new double[] {-INF, -2, NAN}, new int[] {1, 0, 2}),
        arguments(new double[] {0.5, -0.5, 0.0}, new int[] {1, 2, 0}));
  }

  @ParameterizedTest
  @MethodSource("rankings")
  void ranksAscendingWithTiesByIdWhateverTheArrivalOrder(double[] losses, int[] expected) {
    List<CandidateResult> results = new ArrayList<>();
    for (int i = 0; i < losses.length; i++) {
      results.add(Results.train(i, losses[i], 0.1));
    }
    for (long seed = 0; seed < 8; seed++) {
      List<CandidateResult> ranked = Ranking.rank(Results.shuffled(results, seed), CandidateResult::trainLoss);
      assertEquals(ids(expected), ranked.stream().map(CandidateResult::candidateId).toList(), "shuffle seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("rankings")
  void topIsThePrefixOfTheRanking(double[] losses, int[] expected) {
    List<CandidateResult> results = new ArrayList<>();
    for (int i = 0; i < losses.length; i++) {
      results.add(Results.train(i, losses[i], 0.1));
    }
    for (int m = 1; m <= losses.length + 2; m++) {
      List<Integer> top = Ranking.top(Results.shuffled(results, m), m, CandidateResult::trainLoss).stream()
          .map(CandidateResult::candidateId).toList();
      assertEquals(ids(expected).subList(0, Math.min(m, expected.length)), top, "m=" + m);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void ranksOnTheGivenLoss(boolean onVal) {
    // train losses ascend with id, validation losses descend
    List<CandidateResult> results = IntStream.range(0, 4)
        .mapToObj(i -> Results.both(i, i, 10 - i, 0.1)).toList();
    SelectOn on = onVal ? SelectOn.VAL : SelectOn.TRAIN;
    List<Integer> ranked = Ranking.rank(results, on::loss).stream().map(CandidateResult::candidateId).toList();
    assertEquals(onVal ? List.of(3, 2, 1, 0) : List.of(0, 1, 2, 3), ranked);
  }

  private static List<Integer> ids(int[] a) {
    return IntStream.of(a).boxed().toList();
  }
}
