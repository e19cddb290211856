package dev.alr.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr, only when a person is watching. Stateless. */
final class Terminal {
  private Terminal() {
  }

  /** Whether stdout is an interactive terminal (no bars in pipes, logs and CI). */
  static boolean interactive() {
    return System.console() != null;
  }

  /**
   * One progress bar for a whole run, with lines printed above it: {@link #printAbove} wipes the
   * bar's line, prints and flushes, then redraws the bar, so stdout text never lands on the bar's
   * line. Call order: {@link #stepTo} and {@link #printAbove} any number of times, then
   * {@link #close} (idempotent: the bar ends once, on its own line). Thread-safe.
   */
  interface RunBar extends AutoCloseable {
    /** Moves the bar to {@code done} of (at least) {@code max}. */
    void stepTo(long done, long max);

    /** Prints {@code text} on {@code out} above the bar. */
    void printAbove(PrintStream out, String text);

    /** Ends the bar, leaving its last state on its own line; later calls do nothing. */
    @Override
    void close();
  }

  /** Opens a bar for one run. */
  @FunctionalInterface
  interface RunBars {
    /** A bar named {@code task} at {@code done} of {@code total}. */
    RunBar open(String task, long total, long done);
  }

  /** No bar: text is printed as it comes. */
  static RunBar none() {
    return new RunBar() {
      @Override
      public void stepTo(long done, long max) {
      }

      @Override
      public void printAbove(PrintStream out, String text) {
        out.print(text);
        out.flush();
      }

      @Override
      public void close() {
      }
    };
  }

  /** A bar at {@code done} of {@code total}, its ETA counted as if {@code done} took no time. */
  static ProgressBar bar(String task, long total, long done) {
    return builder(task, total, done, new ConsoleProgressBarConsumer(System.err)).build();
  }

  /** A {@link RunBar} on stderr. */
  static RunBar runBar(String task, long total, long done) {
    Held held = new Held(new ConsoleProgressBarConsumer(System.err), System.err);
    ProgressBar bar = builder(task, total, done, held).build();
    return new RunBar() {
      private boolean closed;

      @Override
      public synchronized void stepTo(long d, long max) {
        if (!closed) {
          bar.maxHint(Math.max(max, d));
          bar.stepTo(d);
        }
      }

      @Override
      public synchronized void printAbove(PrintStream out, String text) {
        held.printAbove(out, text);
      }

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          bar.close();
        }
      }
    };
  }

  private static ProgressBarBuilder builder(String task, long total, long done, ProgressBarConsumer consumer) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(consumer)
        .startsFrom(done, Duration.ZERO);
  }

  /** The console consumer, with its line wiped while other text is printed (one monitor). */
  private static final class Held implements ProgressBarConsumer {
    private final ConsoleProgressBarConsumer console;
    private final PrintStream err;
    private String last = "";

    Held(ConsoleProgressBarConsumer console, PrintStream err) {
      this.console = console;
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return console.getMaxRenderedLength();
    }

    @Override
    public synchronized void accept(String rendered) {
      last = rendered;
      console.accept(rendered);
    }

    synchronized void printAbove(PrintStream out, String text) {
      if (!last.isEmpty()) {
        err.print("\r" + " ".repeat(Math.min(last.length(), Math.max(1, getMaxRenderedLength()))) + "\r");
        err.flush();
      }
      out.print(text);
      out.flush();
      if (!last.isEmpty()) {
        console.accept(last);
      }
    }

    @Override
    public synchronized void close() {
      console.close();
    }
  }
}
