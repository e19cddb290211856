package dev.alr.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded soak CI runs: 30 N-probe and 15 ALR tiny searches over this JVM and two fresh JVMs
 * (issue 9: the native crash showed up once in ten N-probe runs).
 */
class SoakTest {

  @Test
  void shortSearchesInThisAndFreshJvmsAllFinishWithoutACrash(@TempDir Path out) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Soak.Summary s = Soak.run(new Soak.Settings(30, 15, 2, 128, 1, 2, "synthetic", out),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    String text = log.toString(StandardCharsets.UTF_8) + String.join("\n", s.problems());
    assertEquals(45, s.searches(), text);
    assertEquals(3, s.jvms(), text);
    assertEquals(0, s.crashed(), text);
    assertEquals(0, s.hung(), text);
    assertEquals(0, s.failed(), text);
    assertEquals(45, s.finished(), text);
    assertTrue(s.ok(), text);
    try (Stream<Path> files = Files.list(out)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("jvm-1.log", "jvm-2.log"), names, "crash files or missing child logs");
    }
  }

  @Test
  void summaryIsNotOkWhenAnythingWentWrong() {
    assertTrue(new Soak.Summary(3, 3, 0, 0, 0, 1, 1.0, List.of()).ok());
    assertFalse(new Soak.Summary(3, 2, 1, 0, 0, 1, 1.0, List.of("x")).ok());
    assertFalse(new Soak.Summary(3, 3, 0, 1, 0, 2, 1.0, List.of("x")).ok());
    assertFalse(new Soak.Summary(3, 3, 0, 0, 1, 2, 1.0, List.of("x")).ok());
    assertFalse(new Soak.Summary(3, 2, 0, 0, 0, 2, 1.0, List.of()).ok());
  }

  @Test
  void settingsNameTheFlagThatIsWrong() {
    Path out = Path.of("unused");
    assertEquals("--fresh-jvms: must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
        () -> new Soak.Settings(1, 1, -1, 10, 1, 2, "synthetic", out)).getMessage());
    assertEquals("--limit: must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new Soak.Settings(1, 1, 0, 0, 1, 2, "synthetic", out)).getMessage());
    assertEquals("--nprobe/--alr: at least one search, got 0 and 0", assertThrows(IllegalArgumentException.class,
        () -> new Soak.Settings(0, 0, 0, 10, 1, 2, "synthetic", out)).getMessage());
  }
}
