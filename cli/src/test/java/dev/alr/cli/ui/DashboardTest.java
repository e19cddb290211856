package dev.alr.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.events.RecordedRun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's server without a browser: a recorded log's complete lines as server-sent events
 * (ids from 0, a cut-off last line left out, an {@code end} event after the last), continued after a
 * {@code Last-Event-ID}; the page and the vendored Chart.js served from the jar; unknown paths 404.
 */
class DashboardTest {
  private static final String START = "{\"event\":\"runStarted\",\"time\":\"2026-01-01T00:00:00Z\","
      + "\"formatVersion\":1,\"config\":{\"lr\":0.05,\"epochs\":1},\"plannedCandidateEpochs\":3,"
      + "\"candidateEpochsDone\":0}";
  private static final String CANDIDATE = "{\"event\":\"candidateFinished\",\"time\":\"2026-01-01T00:00:01Z\","
      + "\"epoch\":1,\"attempt\":0,\"id\":0,\"parent\":-1,\"lr\":0.025,\"loss\":2.3}";

  @TempDir
  Path tmp;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private String get(URI uri, String lastEventId, int status) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(status, r.statusCode(), uri.toString());
    return r.body();
  }

  @Test
  void recordedLogStreamsItsCompleteLinesThenEnds() throws Exception {
    Path log = tmp.resolve("events.jsonl");
    Files.writeString(log, START + "\n" + CANDIDATE + "\n{\"event\":\"candidateFi", StandardCharsets.UTF_8);
    EventFeed.Loaded loaded = EventFeed.load(log);
    assertEquals(List.of(new RecordedRun.Skipped(3, 21, "cut off")), loaded.run().skipped());
    assertEquals(2, loaded.feed().size());
    try (Dashboard d = Dashboard.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), loaded.feed())) {
      URI events = d.url().resolve("events");
      assertEquals("id: 0\ndata: " + START + "\n\nid: 1\ndata: " + CANDIDATE + "\n\nevent: end\ndata: {}\n\n",
          get(events, null, 200));
      assertEquals("id: 1\ndata: " + CANDIDATE + "\n\nevent: end\ndata: {}\n\n", get(events, "0", 200));
      assertTrue(get(d.url(), null, 200).contains("dashboard.js"));
      assertTrue(get(d.url().resolve("vendor/chartjs/chart.umd.min.js"), null, 200).contains("Chart.js v4.6.1"));
      get(d.url().resolve("../pom.xml"), null, 404);
      get(d.url().resolve("nothing"), null, 404);
    }
  }

  @Test
  void liveFeedReachesAWaitingReaderAndRefusesLinesAfterClose() throws Exception {
    EventFeed feed = new EventFeed();
    assertEquals(List.of(), feed.await(0, Duration.ofMillis(1)));
    feed.append(START);
    assertEquals(List.of(START), feed.await(0, Duration.ofSeconds(10)));
    feed.close();
    assertTrue(feed.finishedAt(1));
    assertThrows(IllegalStateException.class, () -> feed.append(CANDIDATE));
  }
}
