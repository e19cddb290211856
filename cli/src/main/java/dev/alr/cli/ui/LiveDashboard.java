package dev.alr.cli.ui;

import dev.alr.engine.Alr;
import dev.alr.engine.SearchListener;
import dev.alr.engine.events.EventLog;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;

/**
 * A {@link Dashboard} fed live by a run: {@link #listen} adds a streaming {@link EventLog} to the
 * run, so the page receives exactly the events the run's log file gets. {@link #NONE} stands for no
 * dashboard.
 *
 * <p>Lifecycle: {@link UiOptions#start}, {@link #announce}, {@link #listen} on the run (or
 * {@link #listeners} given to the executor) before it starts, run,
 * {@link #close} (open pages receive the last events, then the server stops). Thread-safe.
 */
public final class LiveDashboard implements AutoCloseable {
  /** No dashboard: {@link #listen} returns the run unchanged. */
  public static final LiveDashboard NONE = new LiveDashboard(null, null, false);

  private final Dashboard dashboard;
  private final EventFeed feed;
  private final boolean resumed;

  LiveDashboard(Dashboard dashboard, EventFeed feed, boolean resumed) {
    this.dashboard = dashboard;
    this.feed = feed;
    this.resumed = resumed;
  }

  /** {@code alr} with the dashboard's event stream added as a listener (unchanged for {@link #NONE}). */
  public Alr listen(Alr alr) {
    listeners().forEach(alr::listener);
    return alr;
  }

  /**
   * The dashboard's event stream as listeners, for a run that calls an executor itself ({@code alr
   * train}): one streaming {@link EventLog}, or none for {@link #NONE}. Call once per run.
   */
  public List<SearchListener> listeners() {
    return dashboard == null ? List.of() : List.of(EventLog.streaming(resumed,
        LiveDashboard.class.getPackage().getImplementationVersion(), feed::append));
  }

  /** Prints the page's address on {@code out} (nothing for {@link #NONE}). */
  public void announce(PrintStream out) {
    if (dashboard != null) {
      out.println("live dashboard: " + dashboard.url() + " (while the run lasts)");
      out.flush();
    }
  }

  /** The page's address, or null for {@link #NONE}. */
  public URI url() {
    return dashboard == null ? null : dashboard.url();
  }

  /** Stops the dashboard (see {@link Dashboard#close}). Idempotent. */
  @Override
  public void close() {
    if (dashboard != null) {
      dashboard.close();
    }
  }
}
