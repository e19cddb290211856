package dev.alr.cli.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live web dashboard of a search: a small HTTP server (the JDK's {@code com.sun.net.httpserver})
 * that serves one page, its script and the vendored Chart.js from the jar, and the run's events as
 * server-sent events at {@code /events}. Every page gets all events from the first (or, when it
 * reconnects, from after the {@code Last-Event-ID} it saw) and then each new one as the
 * {@link EventFeed} grows; when the feed is closed and sent, the stream ends with an {@code end}
 * event. The page draws everything from these events, so a live run and a recorded log look the
 * same. Read-only; no authentication: bind it to loopback unless the network is trusted.
 *
 * <p>Lifecycle: {@link #start} (binds; fails at once when the port is taken), pages connect, then
 * {@link #close} (closes the feed, lets open pages receive the rest, stops). Thread-safe.
 */
public final class Dashboard implements AutoCloseable {
  /** The port {@code --ui} takes when given without one. */
  public static final int DEFAULT_PORT = 8765;

  private static final String WEB = "/dev/alr/cli/ui/web/";
  private static final Map<String, String> FILES = Map.of(
      "/index.html", "text/html; charset=utf-8",
      "/dashboard.js", "text/javascript; charset=utf-8",
      "/dashboard.css", "text/css; charset=utf-8",
      "/vendor/chartjs/chart.umd.min.js", "text/javascript; charset=utf-8",
      "/vendor/chartjs/LICENSE.md", "text/plain; charset=utf-8");
  /** How often an idle event stream sends a comment, which also finds pages that went away. */
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
  /** How long {@link #close} lets open pages take the last events. */
  private static final int STOP_SECONDS = 2;

  private final HttpServer server;
  private final ExecutorService threads;
  private final EventFeed feed;
  private final CountDownLatch closed = new CountDownLatch(1);

  private Dashboard(HttpServer server, ExecutorService threads, EventFeed feed) {
    this.server = server;
    this.threads = threads;
    this.feed = feed;
  }

  /**
   * Serves {@code feed} on {@code address} (port 0: any free port).
   *
   * @throws java.net.BindException when the address is in use or cannot be bound
   * @throws IOException            when the server cannot start
   */
  public static Dashboard start(InetSocketAddress address, EventFeed feed) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger count = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "alr-ui-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Dashboard d = new Dashboard(server, threads, feed);
    server.createContext("/", d::serve);
    server.setExecutor(threads);
    server.start();
    return d;
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8765/}. */
  public URI url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
  }

  /** Blocks until {@link #close} is called (a {@code bin/alr ui} server runs until the JVM is stopped). */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /** Closes the feed, lets open pages receive what is left (a few seconds at most), stops. Idempotent. */
  @Override
  public void close() {
    if (closed.getCount() == 0) {
      return;
    }
    feed.close();
    server.stop(STOP_SECONDS);
    threads.shutdownNow();
    closed.countDown();
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (!"GET".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "GET");
        ex.sendResponseHeaders(405, -1);
      } else if (path.equals("/events")) {
        stream(ex);
      } else {
        file(ex, path.equals("/") ? "/index.html" : path);
      }
    }
  }

  private static void file(HttpExchange ex, String path) throws IOException {
    String type = FILES.get(path);
    byte[] body = null;
    if (type != null) {
      try (InputStream in = Dashboard.class.getResourceAsStream(WEB + path.substring(1))) {
        body = in == null ? null : in.readAllBytes();
      }
    }
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      return;
    }
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
  }

  /** Server-sent events: event i has id i; a page that reconnects continues after its Last-Event-ID. */
  private void stream(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    int next = lastEventId(ex.getRequestHeaders().getFirst("Last-Event-ID")) + 1;
    try {
      while (!feed.finishedAt(next)) {
        List<String> lines = feed.await(next, KEEP_ALIVE);
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
          b.append("id: ").append(next++).append("\ndata: ").append(line).append("\n\n");
        }
        out.write((lines.isEmpty() ? ": keep-alive\n\n" : b.toString()).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.write("event: end\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the page went away; its next connection continues after its Last-Event-ID
    }
  }

  private static int lastEventId(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Math.max(-1, Integer.parseInt(header.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
