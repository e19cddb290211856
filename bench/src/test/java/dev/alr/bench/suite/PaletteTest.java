package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaletteTest {
  @Test
  void everyStrategyAndItsEqualComputeSeriesHaveTheirOwnColour() {
    Map<Color, String> seen = new HashMap<>();
    for (String st : Suite.ALL) {
      for (String series : new String[] {st, st + Palette.EQUAL_COMPUTE}) {
        String before = seen.put(Palette.color(series), series);
        assertEquals(null, before, series + " shares its colour with " + before);
      }
    }
  }

  @Test
  void equalComputeCosineIsNotNprobe() {
    assertNotEquals(Palette.color("nprobe"), Palette.color("cosine (equal compute)"));
    assertTrue(Palette.dashed("cosine (equal compute)"));
    assertFalse(Palette.dashed("cosine"));
    assertEquals("cosine", Palette.strategy("cosine (equal compute)"));
  }

  @Test
  void aColourDependsOnTheNameAlone() {
    assertEquals(new Color(44, 160, 44), Palette.color("cosine"));
    assertEquals(Palette.color("my-schedule"), Palette.color("my-schedule"));
  }
}
