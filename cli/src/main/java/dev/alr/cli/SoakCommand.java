package dev.alr.cli;

import dev.alr.bench.soak.Soak;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alr soak}: many short N-probe and ALR searches in this JVM and in fresh JVMs; prints one
 * summary line and exits 1 when any search failed or any JVM crashed or hung.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run many short N-probe and ALR searches (in this JVM and in fresh JVMs) and count failures and "
        + "JVM crashes; exit 1 if there was any.")
final class SoakCommand implements Callable<Integer> {
  @Option(names = "--nprobe", defaultValue = "200", paramLabel = "N",
      description = "N-probe searches in all (default: ${DEFAULT-VALUE})")
  int nprobe;

  @Option(names = "--alr", defaultValue = "100", paramLabel = "N",
      description = "ALR searches (beam 2, factors 0.5,1,2) in all (default: ${DEFAULT-VALUE})")
  int alr;

  @Option(names = "--fresh-jvms", defaultValue = "4", paramLabel = "K",
      description = "fresh JVMs sharing the searches with this one (default: ${DEFAULT-VALUE})")
  int freshJvms;

  @Option(names = "--limit", defaultValue = "256", paramLabel = "N",
      description = "training samples per search (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--epochs", defaultValue = "2", paramLabel = "E",
      description = "epochs per search (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--workers", defaultValue = "2", paramLabel = "W",
      description = "workers per search (default: ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--dataset", defaultValue = "synthetic", paramLabel = "D",
      description = "dataset (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--out", paramLabel = "DIR",
      description = "directory for crash files and fresh JVMs' logs (default: a new temp directory)")
  Path out;

  @Override
  public Integer call() throws IOException {
    Path dir = out != null ? out : Files.createTempDirectory("alr-soak-");
    Soak.Settings settings = new Soak.Settings(nprobe, alr, freshJvms, limit, epochs, workers, dataset, dir);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--out: " + dir + " is not a directory");
    }
    int available = Workloads.dataset(WorkloadSpec.of("mlp", dataset, 1)).data().trainCount();
    if (limit > available) {
      throw new IllegalArgumentException("--limit: " + limit + " is more than the " + available
          + " training samples of " + dataset);
    }
    Soak.Summary summary = Soak.run(settings, System.out);
    summary.problems().forEach(p -> System.out.println("  " + p));
    System.out.println(summary.line());
    return summary.ok() ? 0 : Main.FAILED;
  }
}
