package dev.alr.cli;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr, only when a person is watching. Stateless. */
final class Terminal {
  private Terminal() {
  }

  /** Whether stdout is an interactive terminal (no bars in pipes, logs and CI). */
  static boolean interactive() {
    return System.console() != null;
  }

  /** A bar at {@code done} of {@code total}, its ETA counted as if {@code done} took no time. */
  static ProgressBar bar(String task, long total, long done) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .startsFrom(done, Duration.ZERO)
        .build();
  }
}
