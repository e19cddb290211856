package dev.alr.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test of the native crash in N-probe (issue 9): ND4J freed a collected array's native
 * buffer while a JNI call still read it. A child JVM probes a model in a tight loop under constant
 * GC pressure; before the fix it died with SIGSEGV within seconds, with it the child finishes and
 * collected buffers are still freed.
 */
class NativeMemoryTest {
  private static final int SECONDS = 12;
  private static final long DEADLINE_NANOS = 30_000_000_000L;

  @Test
  void collectedArrayIsFreedOnlyAfterOpenSectionsEnd() {
    NativeMemory.install();
    assertTrue(NativeMemory.installed());
    NativeMemory.enter();
    long before;
    try {
      INDArray array = Nd4j.create(DataType.FLOAT, 1000);
      WeakReference<INDArray> collected = new WeakReference<>(array);
      array = null;
      before = NativeMemory.freed();
      awaitTrue(() -> {
        System.gc();
        return collected.get() == null;
      }, "the array was not collected");
      awaitTrue(NativeMemory::deallocatorWaiting, "the deallocator did not queue up behind the open section");
      assertEquals(before, NativeMemory.freed(), "native memory was freed inside an open section");
    } finally {
      NativeMemory.exit();
    }
    awaitTrue(() -> NativeMemory.freed() > before, "nothing was freed after the section closed");
  }

  private static void awaitTrue(BooleanSupplier condition, String message) {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, message);
      Thread.onSpinWait();
    }
  }

  @Test
  void modelSurvivesGcDuringNativeCallsAndStillFreesMemory(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Xmn4m",
        "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
        "-cp", System.getProperty("java.class.path"),
        NativeMemoryStress.class.getName(), String.valueOf(SECONDS));
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    Process p = pb.start();
    boolean finished = p.waitFor(SECONDS + 90, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    List<Path> crashFiles;
    try (Stream<Path> files = Files.list(dir)) {
      crashFiles = files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
    }
    String tail = String.join(File.separator.equals("/") ? "\n" : "\r\n",
        lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    assertTrue(finished, "child did not finish in time:\n" + tail);
    assertEquals(List.of(), crashFiles, "child JVM crashed:\n" + tail);
    assertEquals(0, p.exitValue(), "child failed:\n" + tail);
    String last = lines.get(lines.size() - 1);
    String[] fields = last.split(" ");
    assertEquals("ok", fields[0], tail);
    assertTrue(Long.parseLong(fields[1]) > 0, "no call completed: " + last);
    assertTrue(Long.parseLong(fields[2]) > 0, "the guarded deallocator freed nothing: " + last);
  }
}
