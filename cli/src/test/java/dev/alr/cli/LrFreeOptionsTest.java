package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search --strategy schedule-free|dog|adam} with their options, as the JSON records them. */
class LrFreeOptionsTest {
  @TempDir
  Path tmp;

  private static int run(String... args) {
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      return Main.execute(args);
    } finally {
      System.setOut(oldOut);
    }
  }

  private JsonNode search(String... strategyArgs) throws Exception {
    Path json = tmp.resolve(strategyArgs[1] + ".json");
    String[] base = {"search", "--dataset", "synthetic", "--limit", "300", "--hidden", "8", "--epochs", "1",
        "--workers", "2", "--lr", "0.2", "--no-progress", "--json", json.toString()};
    String[] args = new String[base.length + strategyArgs.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(strategyArgs, 0, args, base.length, strategyArgs.length);
    assertEquals(0, run(args));
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("completed", root.get("termination").asText());
    return root;
  }

  @Test
  void eachStrategyTrainsWithItsUpdaterAndOptions() throws Exception {
    JsonNode sf = search("--strategy", "schedule-free", "--sf-beta", "0.5");
    assertEquals("schedule-free:0.5", sf.at("/config/updater").asText());
    assertEquals(0.5, sf.at("/config/strategy/beta").asDouble());
    assertEquals(0.2, sf.get("lrPath").get(0).asDouble(), "γ is --lr");

    JsonNode dog = search("--strategy", "dog", "--dog-eps", "1e-5");
    assertEquals("dog:1.0E-5", dog.at("/config/updater").asText());
    assertEquals(1.0, dog.get("lrPath").get(0).asDouble(), "DoG's multiplier, not --lr");

    JsonNode adam = search("--strategy", "adam", "--updater", "nesterov", "--momentum", "0.5");
    assertEquals("adam", adam.at("/config/updater").asText());
    assertEquals(0.9, adam.at("/config/momentum").asDouble());
    assertEquals(1e-3, adam.get("lrPath").get(0).asDouble());
    assertTrue(adam.at("/finalTest/accuracy").asDouble() > 0);
  }
}
