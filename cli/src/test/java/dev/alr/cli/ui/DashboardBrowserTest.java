package dev.alr.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.events.EventLog;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.WorkloadSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven by Selenium through
 * {@code /usr/bin/chromedriver} (never a downloaded driver), watches a small search that a listener
 * holds at chosen candidates (no sleeps): the beam tree shows exactly the candidates finished so far,
 * then the final result as the run reported it; the run's recorded event log then shows the same page.
 * Skipped, with the reason printed, when the browser is absent. With the system property
 * {@code alr.ui.screenshot=FILE} the mid-run page is saved there (docs/dashboard.png).
 */
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** beam(2; 0.5, 1, 2) trains 3 candidates in epoch 1 and 6 in each later epoch: hold at 1 and mid epoch 3. */
  private static final Set<Integer> HOLDS = Set.of(1, 11);
  private static final int CANDIDATES = 15;

  @TempDir
  Path tmp;

  @Test
  void treeGrowsAsCandidatesFinishAndThePageShowsTheResultLiveAndRecorded() throws Exception {
    String why = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " is absent (apt-get install chromium)"
        : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER + " is absent (apt-get install chromium-driver)" : null;
    if (why != null) {
      System.out.println("DashboardBrowserTest skipped: " + why);
    }
    assumeTrue(why == null, why);

    Path events = tmp.resolve("events.jsonl");
    Gate gate = new Gate();
    UiOptions ui = new UiOptions();
    ui.port = 0;
    ExecutorService runner = Executors.newSingleThreadExecutor();
    WebDriver browser = browser();
    try (LiveDashboard live = ui.start(false, null)) {
      Alr alr = Alr.search(WorkloadSpec.of("mlp", "synthetic", 7).withLimit(300)).strategy(Strategies.beam(2, 0.5, 1, 2))
          .lr(0.05).epochs(3).workers(2).listener(new EventLog(events, false, null, System.err::println));
      Alr run = live.listen(alr).listener(gate);
      Future<SearchResult> result = runner.submit(run::run);

      assertEquals(1, gate.reached());
      browser.get(live.url().toString());
      awaitNodes(browser, 1);
      gate.release();

      assertEquals(11, gate.reached());
      awaitNodes(browser, 11);
      screenshot(browser);
      gate.release();

      SearchResult r = result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(r.completed(), r.message());
      assertEquals(CANDIDATES, r.candidateEpochs());
      String expected = String.format(Locale.ROOT, "accuracy %.2f%%", 100 * r.finalTest().accuracy());
      String liveResult = awaitResult(browser, expected);
      assertTrue(liveResult.startsWith("completed after " + CANDIDATES + " candidate-epoch(s)"), liveResult);
      awaitNodes(browser, CANDIDATES);
      assertEquals(r.lineage().size() + 1L, chart(browser, "return Chart.getChart('tree').data.datasets[3].data.length"));
      assertEquals(3L, chart(browser, "return document.querySelectorAll('#epochs tbody tr').length"));

      try (Dashboard recorded = Dashboard.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          EventFeed.load(events).feed())) {
        browser.get(recorded.url().toString());
        assertEquals(liveResult, awaitResult(browser, expected));
        awaitNodes(browser, CANDIDATES);
        assertEquals(r.lineage().size() + 1L, chart(browser, "return Chart.getChart('tree').data.datasets[3].data.length"));
      }
    } finally {
      gate.open();
      browser.quit();
      runner.shutdownNow();
    }
  }

  private static WebDriver browser() {
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,1100");
    return new ChromeDriver(service, options);
  }

  /** Waits until the tree chart holds exactly {@code n} candidate points (the root is not one). */
  private static void awaitNodes(WebDriver browser, long n) {
    new WebDriverWait(browser, WAIT).withMessage(() -> "tree nodes: expected " + n + ", page has "
            + chart(browser, nodesScript()))
        .until(b -> Long.valueOf(n).equals(chart(b, nodesScript())));
  }

  private static String nodesScript() {
    return "const c = window.Chart && Chart.getChart('tree');"
        + " return c ? c.data.datasets[1].data.filter(p => p.c).length : -1;";
  }

  private static Object chart(WebDriver browser, String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private static String awaitResult(WebDriver browser, String expected) {
    return new WebDriverWait(browser, WAIT).withMessage(() -> "no '" + expected + "' in the result line")
        .until(b -> {
          String text = b.findElement(By.id("result")).getText();
          return text.contains(expected) ? text : null;
        });
  }

  private void screenshot(WebDriver browser) throws Exception {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    assertTrue(Files.size(shot) > 0);
    String target = System.getProperty("alr.ui.screenshot");
    if (target != null) {
      Files.copy(shot, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Holds the search (on the listener's thread) after the candidates in {@link #HOLDS} finish, until released. */
  private static final class Gate implements SearchListener {
    private final LinkedBlockingQueue<Integer> reached = new LinkedBlockingQueue<>();
    private final Semaphore released = new Semaphore(0);
    private volatile boolean open;
    private int finished;

    @Override
    public void candidateFinished(Candidate candidate, CandidateResult result) {
      finished++;
      if (HOLDS.contains(finished) && !open) {
        reached.add(finished);
        try {
          released.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    int reached() throws InterruptedException {
      Integer n = reached.poll(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
      if (n == null) {
        throw new AssertionError("the search did not reach a hold in time");
      }
      return n;
    }

    void release() {
      released.release();
    }

    void open() {
      open = true;
      released.release(HOLDS.size());
    }
  }
}
