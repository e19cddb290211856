package dev.alr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.policy.SelectOn;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run configuration's checks: the initial LR must lie within the strategy's LR clamps (it
 * used to be clamped silently, so {@code --lr 1e300} trained at 10); strategies without clamps
 * take any finite positive LR.
 */
class SearchConfigTest {
  static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 1);
  static final Strategy ALR = new Strategies.Alr(new BeamSearch(2, List.of(0.5, 1.0, 2.0), 1e-3, 1.0, SelectOn.TRAIN, 3));
  static final Strategy NPROBE = new Strategies.NProbe(new NProbeSettings(List.of(2.0, 1.0, 0.5), 1, 0, true, 1e-3, 1.0));

  static Stream<Arguments> lrs() {
    return Stream.of(
        arguments("alr, lr above --max-lr", ALR, 1.5, "lr: must be in [minLr, maxLr] = [0.001, 1.0], got 1.5"),
        arguments("alr, lr 1e300", ALR, 1e300, "lr: must be in [minLr, maxLr] = [0.001, 1.0], got 1.0E300"),
        arguments("alr, lr below --min-lr", ALR, 1e-4, "lr: must be in [minLr, maxLr] = [0.001, 1.0], got 1.0E-4"),
        arguments("nprobe, lr above --max-lr", NPROBE, 2.0, "lr: must be in [minLr, maxLr] = [0.001, 1.0], got 2.0"),
        arguments("nprobe, lr below --min-lr", NPROBE, 5e-4, "lr: must be in [minLr, maxLr] = [0.001, 1.0], got 5.0E-4"),
        arguments("alr, lr 0", ALR, 0.0, "lr: must be finite and > 0, got 0.0"),
        arguments("alr, lr NaN", ALR, Double.NaN, "lr: must be finite and > 0, got NaN"),
        arguments("alr, lr at --max-lr", ALR, 1.0, null),
        arguments("alr, lr at --min-lr", ALR, 1e-3, null),
        arguments("nprobe, lr inside", NPROBE, 0.05, null),
        arguments("schedule: no clamps", Strategies.schedule("cosine"), 50.0, null),
        arguments("grid: no clamps", Strategies.grid("constant", 0.01, 1, 3), 1e3, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lrs")
  void theInitialLrMustLieWithinTheStrategysClamps(String name, Strategy strategy, double lr, String error) {
    if (error == null) {
      assertEquals(lr, new SearchConfig(WORKLOAD, strategy, lr, 1, 1, false).lr());
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new SearchConfig(WORKLOAD, strategy, lr, 1, 1, false));
      assertEquals(error, e.getMessage());
    }
  }
}
