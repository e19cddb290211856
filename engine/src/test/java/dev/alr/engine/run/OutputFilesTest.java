package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probing outputs before a run, atomic writes, and rescuing content a failed write would lose. */
class OutputFilesTest {
  @TempDir
  Path tmp;

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.map(p -> tmp.relativize(p).toString()).filter(n -> !n.isEmpty()).sorted().toList();
    }
  }

  @Test
  void probeCreatesNothingItLeavesBehind() throws IOException {
    OutputFiles.probeFile(tmp.resolve("a/b/c/r.json"));
    OutputFiles.probeDirectory(tmp.resolve("x/y"));
    OutputFiles.probeFile(tmp.resolve("r.json"));
    assertEquals(List.of(), listing());
  }

  @Test
  void aFileAsAParentIsNamed() throws IOException {
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    IOException e = assertThrows(IOException.class, () -> OutputFiles.probeFile(file.resolve("sub/r.json")));
    assertEquals(file + " is not a directory", e.getMessage());
    e = assertThrows(IOException.class, () -> OutputFiles.probeDirectory(file));
    assertEquals(file + " is not a directory", e.getMessage());
    assertEquals(List.of("afile"), listing());
  }

  @Test
  void aDirectoryAsTheFileIsRefused() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("d"));
    IOException e = assertThrows(IOException.class, () -> OutputFiles.probeFile(dir));
    assertEquals(dir + " is a directory; give a file name", e.getMessage());
  }

  @Test
  void anUncreatableDirectoryGivesTheCause() {
    Path proc = Path.of("/proc/alr-no-such-dir/r.json");
    assumeTrue(Files.isDirectory(Path.of("/proc")), "no /proc on this system");
    IOException e = assertThrows(IOException.class, () -> OutputFiles.probeFile(proc));
    assertEquals("cannot create /proc/alr-no-such-dir: no such file or directory", e.getMessage());
  }

  @Test
  void aReadOnlyDirectoryGivesTheCause() throws IOException {
    Path ro = Files.createDirectories(tmp.resolve("ro"));
    assumeTrue(ro.toFile().setWritable(false) && !Files.isWritable(ro),
        "a read-only directory is writable here (running as root)");
    try {
      IOException e = assertThrows(IOException.class, () -> OutputFiles.probeFile(ro.resolve("sub/r.json")));
      assertEquals("cannot create " + ro.resolve("sub") + ": permission denied", e.getMessage());
    } finally {
      ro.toFile().setWritable(true);
    }
  }

  @Test
  void writeReplacesAtomicallyAndLeavesNoTemporary() throws IOException {
    Path target = tmp.resolve("out/r.json");
    OutputFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
    OutputFiles.write(target, "two".getBytes(StandardCharsets.UTF_8));
    assertEquals("two", Files.readString(target));
    assertEquals(List.of("out", "out/r.json"), listing());
  }

  @Test
  void aFailedContentWriteLeavesTheOldFileAndNoTemporary() throws IOException {
    Path target = tmp.resolve("r.json");
    OutputFiles.write(target, "old".getBytes(StandardCharsets.UTF_8));
    IOException e = assertThrows(IOException.class, () -> OutputFiles.write(target, out -> {
      out.write("partial".getBytes(StandardCharsets.UTF_8));
      throw new IOException("No space left on device");
    }));
    assertEquals("no space left on device", OutputFiles.cause(e));
    assertEquals("old", Files.readString(target));
    assertEquals(List.of("r.json"), listing());
  }

  @Test
  void aWriteThatFailsAtTheEndIsRescuedToATemporaryFile() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("gone"));
    Path target = dir.resolve("r.json");
    OutputFiles.probeFile(target);
    Files.delete(dir);
    Files.writeString(dir, "now a file");
    byte[] result = "{\"result\": 1}".getBytes(StandardCharsets.UTF_8);

    OutputFiles.UnsavedException e = assertThrows(OutputFiles.UnsavedException.class,
        () -> OutputFiles.writeOrRescue(target, result));
    Path rescued = e.rescued();
    assertNotNull(rescued);
    try {
      assertArrayEquals(result, Files.readAllBytes(rescued));
      assertEquals("cannot write " + target + ": " + dir + " is not a directory; the content is saved in " + rescued
          + " instead", e.getMessage());
    } finally {
      Files.deleteIfExists(rescued);
    }
  }
}
