package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Engine messages name fields; the CLI reports them with the flags the user typed. */
class FieldFlagsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "dataset: unknown dataset 'cifar10'; allowed: x | --dataset: unknown dataset 'cifar10'; allowed: x",
      "dataset /no/dir: no such directory | --dataset /no/dir: no such directory",
      "limit 101: d has 100 training samples (0 = all) | --limit 101: d has 100 training samples (0 = all)",
      "limit/val leave no training sample: 10 used | --limit/--val leave no training sample: 10 used",
      "limit and val must be >= 0, got -1 and 0 | --limit and --val must be >= 0, got -1 and 0",
      "batchSize: must be >= 1, got 0 | --batch: must be >= 1, got 0",
      "updater: unknown updater 'rms' | --updater: unknown updater 'rms'",
      "model state of w-1 is missing | model state of w-1 is missing",
      "dataset fashion-mnist not found; tried /a | dataset fashion-mnist not found; tried /a",
      "--lr-pick: applies only with --lr auto | --lr-pick: applies only with --lr auto",
      "worker w0 failed | worker w0 failed"})
  void leadingFieldsBecomeFlags(String message, String shown) {
    assertEquals(shown, FieldFlags.toFlags(message));
  }
}
