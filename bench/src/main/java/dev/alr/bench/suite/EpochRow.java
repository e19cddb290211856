package dev.alr.bench.suite;

import java.util.List;

/**
 * One row of {@code results.csv} / {@code results.json}: one run (cell) after one epoch. Counts
 * and seconds are cumulative up to this epoch. Immutable.
 *
 * @param strategy        strategy label
 * @param model           model name
 * @param dataset         dataset name
 * @param seed            run seed
 * @param lr0             start LR (0: oracle grid)
 * @param budget          {@code epochs} or {@code compute}
 * @param epochs          epochs the run trains
 * @param epoch           this epoch, from 1
 * @param testAccuracy    test accuracy of the best model after this epoch
 * @param testLoss        its test loss
 * @param trainLoss       its mean training loss over the epoch
 * @param lr              LR of the chosen path at the start of the epoch
 * @param endLr           LR of the chosen path at the end of the epoch
 * @param wallSeconds     wall seconds of the run so far
 * @param sampleGradients forward+backward sample evaluations so far
 * @param probeForwards   probe forward sample evaluations so far
 * @param candidateEpochs candidate-epochs trained so far
 * @param replayAccuracy  ALR cells: test accuracy after this epoch of one fresh model trained along the
 *                        final lineage's per-epoch LR path (same seed and workload), which shows how much of
 *                        the search's accuracy the schedule alone gives. In earlier epochs it is the final
 *                        lineage's ancestor, not necessarily the epoch's best beam; at the last epoch it
 *                        equals {@code testAccuracy} exactly for ALR whose LR is fixed within an epoch and
 *                        differs where the LR moves within one (anneal). NaN for other strategies, for
 *                        epochs past a shorter path, and for cells stored before the replay existed
 */
public record EpochRow(String strategy, String model, String dataset, long seed, double lr0, Budget budget, int epochs,
                       int epoch, double testAccuracy, double testLoss, double trainLoss, double lr, double endLr,
                       double wallSeconds, long sampleGradients, long probeForwards, long candidateEpochs,
                       Double replayAccuracy) {

  /** The CSV header, in field order. */
  public static final List<String> COLUMNS = List.of("strategy", "model", "dataset", "seed", "lr0", "budget",
      "epochs", "epoch", "testAccuracy", "testLoss", "trainLoss", "lr", "endLr", "wallSeconds", "sampleGradients",
      "probeForwards", "candidateEpochs", "replayAccuracy");

  /** Missing ({@code null}, a cell stored before the replay existed) reads as NaN. */
  public EpochRow {
    replayAccuracy = replayAccuracy == null ? Double.NaN : replayAccuracy;
  }

  /** A row without a replay (replay accuracy NaN). */
  public EpochRow(String strategy, String model, String dataset, long seed, double lr0, Budget budget, int epochs,
                  int epoch, double testAccuracy, double testLoss, double trainLoss, double lr, double endLr,
                  double wallSeconds, long sampleGradients, long probeForwards, long candidateEpochs) {
    this(strategy, model, dataset, seed, lr0, budget, epochs, epoch, testAccuracy, testLoss, trainLoss, lr, endLr,
        wallSeconds, sampleGradients, probeForwards, candidateEpochs, Double.NaN);
  }

  /** This row with {@code accuracy} as its replay accuracy. */
  public EpochRow withReplayAccuracy(double accuracy) {
    return new EpochRow(strategy, model, dataset, seed, lr0, budget, epochs, epoch, testAccuracy, testLoss, trainLoss,
        lr, endLr, wallSeconds, sampleGradients, probeForwards, candidateEpochs, accuracy);
  }
}
