package dev.alr.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.Strategies;
import dev.alr.engine.events.EventLog;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that calls an executor itself ({@code alr train}) and hands it {@link LiveDashboard#listeners}
 * feeds the page exactly the events its {@code --events} log gets (up to their timestamps).
 */
class LiveDashboardTest {
  @Test
  void listenersFeedThePageTheEventsTheLogGets(@TempDir Path tmp) throws Exception {
    EventFeed feed = new EventFeed();
    Path log = tmp.resolve("events.jsonl");
    SearchConfig config = new SearchConfig(WorkloadSpec.of("mlp", "synthetic", 1).withLimit(200),
        Strategies.schedule("cosine"), 0.05, 2, 1, true);
    try (EventLog file = new EventLog(log, false, null, line -> { });
         LiveDashboard d = new LiveDashboard(Dashboard.start(
             new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), feed), feed, false)) {
      List<SearchListener> listeners = new ArrayList<>(d.listeners());
      assertEquals(1, listeners.size());
      listeners.add(file);
      new LocalExecutor(Workloads::factory).run(config, RunOptions.none(), SearchListener.all(listeners));
    }
    List<String> page = feed.await(0, Duration.ZERO).stream().map(LiveDashboardTest::untimed).toList();
    List<String> file = Files.readAllLines(log).stream().map(LiveDashboardTest::untimed).toList();
    assertTrue(file.size() >= 4, "run started, two epochs' events, run finished: " + file);
    assertEquals(file, page);
    assertTrue(feed.finishedAt(page.size()), "closing the dashboard ends the feed");
    assertEquals(List.of(), LiveDashboard.NONE.listeners());
  }

  private static String untimed(String line) {
    return line.replaceAll("\"time\":\"[^\"]*\",?", "");
  }
}
