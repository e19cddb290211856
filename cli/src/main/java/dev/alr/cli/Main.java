package dev.alr.cli;

import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.models.data.DataException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/alr}. Dispatches to the subcommands; maps bad input (picocli
 * parameter errors, invalid values, missing data, bad checkpoints) to one line on stderr and exit
 * code 2, and runs that failed at run time ({@link SearchFailedException}: diverged, lost workers,
 * stalled, I/O) to exit code 1.
 */
@Command(name = "alr", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Parallel learning-rate search for DL4J models: ALR beam search, N-probe, schedules.",
    subcommands = {TrainCommand.class, SearchCommand.class, PruneCommand.class, BenchCommand.class,
        CoordinatorCommand.class, WorkerCommand.class, SubmitCommand.class, SoakCommand.class, ReportCommand.class,
        EvalCommand.class, dev.alr.cli.ui.UiCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code for bad input. */
  public static final int BAD_INPUT = 2;
  /** Exit code for a run that failed or diverged. */
  public static final int FAILED = 1;
  /** The exit codes, as the help of {@code alr} and of every command ends. */
  static final String EXIT_CODES =
      "Exit codes: 0 done, 1 failed at run time (diverged, lost workers, stall, I/O), 2 bad input";

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    org.slf4j.LoggerFactory.getILoggerFactory();
    CommandLine cl = new CommandLine(new Main());
    addExitCodes(cl);
    cl.setParameterExceptionHandler((ex, a) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      String name = ex.getCommandLine().getCommandName();
      err.println("alr " + name + ": " + firstLine(ex.getMessage()) + " (see bin/alr " + name + " --help)");
      err.flush();
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parse) -> {
      PrintWriter err = c.getErr();
      if (ex instanceof IllegalArgumentException || ex instanceof DataException || ex instanceof SearchException) {
        err.println("alr " + c.getCommandName() + ": " + firstLine(FieldFlags.toFlags(ex.getMessage())));
        err.flush();
        return ex instanceof SearchFailedException ? FAILED : BAD_INPUT;
      }
      throw ex;
    });
    return cl.execute(args);
  }

  private static void addExitCodes(CommandLine c) {
    c.getCommandSpec().usageMessage().footer("%n" + EXIT_CODES);
    c.getSubcommands().values().forEach(Main::addExitCodes);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"alr " + (v == null ? "development build" : v)};
    }
  }
}
