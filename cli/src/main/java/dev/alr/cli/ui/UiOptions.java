package dev.alr.cli.ui;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options {@code --ui [PORT]} and {@code --ui-host HOST} of a command that runs a search: serve
 * a live dashboard of the run while it runs (see README, "Live dashboard"). A picocli mixin.
 *
 * <p>Call order: picocli fills the fields; {@link #validate} with the other bad-input checks;
 * {@link #start} just before the run (it binds the port, so a port in use is refused before
 * training); close the returned dashboard when the run has ended. Not thread-safe (one command).
 */
public final class UiOptions {
  @Option(names = "--ui", arity = "0..1", paramLabel = "PORT", fallbackValue = "" + Dashboard.DEFAULT_PORT,
      description = "serve a live dashboard of the run at http://127.0.0.1:PORT/ while it runs (PORT default "
          + Dashboard.DEFAULT_PORT + ", 0 for any free port; see README, Live dashboard)")
  Integer port;

  @Option(names = "--ui-host", paramLabel = "HOST", description = "address the --ui dashboard binds (default"
      + " 127.0.0.1; 0.0.0.0 shows the read-only page, without authentication, to the whole network)")
  String host;

  /** Checks the options without binding anything: a port in 0..65535, {@code --ui-host} only with {@code --ui}. */
  public void validate() {
    if (host != null && port == null) {
      throw new IllegalArgumentException("--ui-host: needs --ui [PORT]");
    }
    if (port != null) {
      checkPort("--ui", port);
      address("--ui-host", host, port);
    }
  }

  /**
   * Starts the dashboard when {@code --ui} was given; else a dashboard that does nothing. On a resumed run the events already in {@code eventsFile} (when
   * there is one) are shown first.
   *
   * @param resumed    whether the run continues a checkpoint
   * @param eventsFile the run's event log, or null when it has none
   * @throws IllegalArgumentException naming {@code --ui} when the port is in use (bad input)
   */
  public LiveDashboard start(boolean resumed, Path eventsFile) {
    if (port == null) {
      return LiveDashboard.NONE;
    }
    EventFeed feed = new EventFeed();
    if (resumed && eventsFile != null) {
      try {
        feed.appendLog(eventsFile);
      } catch (IOException e) {
        throw new IllegalArgumentException("--events " + eventsFile + ": cannot be read (" + e.getMessage() + ")");
      }
    }
    return new LiveDashboard(bind("--ui", "--ui-host", host, port, feed), feed, resumed);
  }

  /**
   * Starts a dashboard on {@code host:port}; bad input names {@code portFlag} (port in use) or
   * {@code hostFlag} (an address that cannot be bound).
   */
  static Dashboard bind(String portFlag, String hostFlag, String host, int port, EventFeed feed) {
    checkPort(portFlag, port);
    InetSocketAddress a = address(hostFlag, host, port);
    try {
      return Dashboard.start(a, feed);
    } catch (BindException e) {
      throw new IllegalArgumentException(portFlag + ": cannot listen on " + a.getAddress().getHostAddress() + ":" + port
          + " (" + e.getMessage() + "); give a free PORT, or 0 for any free one");
    } catch (IOException e) {
      throw new IllegalArgumentException(portFlag + ": cannot start the dashboard on " + a.getAddress().getHostAddress()
          + ":" + port + " (" + e.getMessage() + ")");
    }
  }

  private static void checkPort(String flag, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(flag + ": port must be in 0..65535 (0: any free port), got " + port);
    }
  }

  private static InetSocketAddress address(String flag, String host, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(host == null ? "127.0.0.1" : host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(flag + ": unknown host '" + host + "'; give an address such as 127.0.0.1");
    }
  }
}
