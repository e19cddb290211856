package dev.alr.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One in-process run of {@code bin/alr}'s {@link Main#execute}: its exit code and what it printed
 * on stdout and stderr. For tests only; swaps {@code System.out}/{@code System.err} while the
 * command runs, so tests that use it must not run concurrently with each other.
 *
 * @param code the exit code
 * @param out  standard output
 * @param err  standard error
 */
record CliRun(int code, String out, String err) {

  /** Runs the command line {@code args} and captures its output. */
  static CliRun of(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** Runs the command line {@code args} and captures its output. */
  static CliRun of(List<String> args) {
    return of(args.toArray(String[]::new));
  }
}
