package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Engine messages name fields; the CLI reports them with the flags the user typed. */
class FieldFlagsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "dataset: unknown dataset 'cifar10'; allowed: x | --dataset: unknown dataset 'cifar10'; allowed: x",
      "dataset /no/dir: no such directory | --dataset /no/dir: no such directory",
      "limit 101: d has 100 training samples (0 = all) | --limit 101: d has 100 training samples (0 = all)",
      "limit/val leave no training sample: 10 used | --limit/--val leave no training sample: 10 used",
      "limit and val must be >= 0, got -1 and 0 | --limit and --val must be >= 0, got -1 and 0",
      "batchSize: must be >= 1, got 0 | --batch: must be >= 1, got 0",
      "updater: unknown updater 'rms' | --updater: unknown updater 'rms'",
      "lr: must be finite and > 0, got 0.0 | --lr: must be finite and > 0, got 0.0",
      "lr: must be in [minLr, maxLr] = [0.001, 1.0], got 2.0 | --lr: must be in [--min-lr, --max-lr] = [0.001, 1.0], got 2.0",
      "minLr: must be <= maxLr, got 2.0 > 1.0 | --min-lr: must be <= --max-lr, got 2.0 > 1.0",
      "maxLr: must be finite and > 0, got NaN | --max-lr: must be finite and > 0, got NaN",
      "epochs: must be >= 1, got 0 | --epochs: must be >= 1, got 0",
      "workers: must be >= 1, got 0 | --workers: must be >= 1, got 0",
      "roundSteps: must be >= 1 (batches per round), got -1 | --round-steps: must be >= 1 (batches per round), got -1",
      "roundSteps: only strategy alr has sub-epoch rounds; cosine | --round-steps: only --strategy alr has sub-epoch rounds; cosine",
      "strategy: unknown schedule 'x'; allowed: cosine | --strategy: unknown schedule 'x'; allowed: cosine",
      "factors: at least one factor is required | --factors: at least one factor is required",
      "beams: must be >= 1, got 0 | --beam: must be >= 1, got 0",
      "select: must be train or val | --select: must be train or val",
      "select val: needs a validation split (val K with K >= 1) | --select val: needs a validation split (--val K with K >= 1)",
      "maxBackoffs: must be >= 0, got -1 | --max-backoffs: must be >= 0, got -1",
      "anneal: must be none, linear or cosine | --anneal: must be none, linear or cosine",
      "anneal.epochs: must be >= 1, got 0 | --anneal-epochs: must be >= 1, got 0",
      "probeEvery: must be >= 1, got 0 | --probe-every: must be >= 1, got 0",
      "probeBatch: must be in [1, batchSize] = [1, 32], got 64 | --probe-batch: must be in [1, --batch] = [1, 32], got 64",
      "probeRule: must be paper, smooth, rex, cosine or calibrated, got 'x' | --probe-rule: must be paper, smooth, rex, cosine or calibrated, got 'x'",
      "gridPoints: at least one grid point is required | --grid-points: at least one grid point is required",
      "gridMin/gridMax: grid LRs must be finite and > 0, got 0.0 | --grid-min/--grid-max: grid LRs must be finite and > 0, got 0.0",
      "scheduleFree.beta: must be in [0, 1), got 1.0 | --sf-beta: must be in [0, 1), got 1.0",
      "dog.epsilon: must be finite and > 0, got 0.0 | --dog-eps: must be finite and > 0, got 0.0",
      "resume: needs checkpointDir DIR | --resume: needs --checkpoint-dir DIR",
      "overwrite: cannot be combined with resume | --overwrite: cannot be combined with --resume",
      "policy 'x' is not one of silo, constant, oracle, alr | --policy 'x' is not one of silo, constant, oracle, alr",
      "grid is empty: give at least one max_lr | --grid is empty: give at least one max_lr",
      "grid values must be positive and finite, got -1.0 | --grid values must be positive and finite, got -1.0",
      "pruneFraction must be in (0, 1), got 1.0 | --prune-fraction must be in (0, 1), got 1.0",
      "maxLr must be positive and finite, got 0.0 | --max-lr must be positive and finite, got 0.0",
      "cycles must be >= 1, got 0 | --cycles must be >= 1, got 0",
      "cycleEpochs must be >= 1, got 0 | --cycle-epochs must be >= 1, got 0",
      "reset rewind-epoch 3 is beyond cycle 0's 2 epochs (allowed: 1..2) | --reset rewind-epoch 3 is beyond cycle 0's 2 epochs (allowed: 1..2)",
      "val must be >= 1 for policy alr | --val must be >= 1 for policy alr",
      "silo.offset must be positive and finite, got 0.0 | --silo-offset must be positive and finite, got 0.0",
      "silo.delay must be >= 0, got -1 | --silo-delay must be >= 0, got -1",
      "epochsSoFar: 3 | epochsSoFar: 3",
      "model: unknown model 'x' | --model: unknown model 'x'",
      "host: must be an address, got '' | --bind: must be an address, got ''",
      "host: 10.9.8.7 is not an address of this machine | --bind: 10.9.8.7 is not an address of this machine",
      "port: must be in 0..65535, got 70000 | --port: must be in 0..65535, got 70000",
      "management.port: must be in 1..65535, got 0 | --management-port: must be in 1..65535, got 0",
      "discovery: must be one of config, kubernetes-api, got 'x' | --discovery: must be one of config, kubernetes-api, got 'x'",
      "serviceName: must be lower-case letters | --service-name: must be lower-case letters",
      "requiredContactPoints: must be >= 1, got 0 | --required-contact-points: must be >= 1, got 0",
      "minWorkers: must be >= 1, got 0 | --min-workers: must be >= 1, got 0",
      "slots: must be >= 1, got 0 | --slots: must be >= 1, got 0",
      "device: must be in 0..0 on this backend (CpuBackend), got 3 | --device: must be in 0..0 on this backend (CpuBackend), got 3",
      "port 8080 is in use | port 8080 is in use",
      "lr auto: the range test chose 2.0, which the strategy refuses | lr auto: the range test chose 2.0, which the strategy refuses",
      "lr range test: the loss is not finite | lr range test: the loss is not finite",
      "lr must be finite and > 0, got NaN | lr must be finite and > 0, got NaN",
      "seedNodes and discovery: give one of them, not both | --seed-nodes and --discovery: give one of them, not both",
      "seedNodes: at least one host:port is needed (or discovery) | --seed-nodes: at least one host:port is needed (or --discovery)",
      "seedNodes: expected host:port[,host:port...], got 'x' | --seed-nodes: expected host:port[,host:port...], got 'x'",
      "discoveryEndpoints: discovery config needs every node's management HOST:PORT | --discovery-endpoints: --discovery config needs every node's management HOST:PORT",
      "discoveryEndpoints: only with discovery config | --discovery-endpoints: only with --discovery config",
      "model state of w-1 is missing | model state of w-1 is missing",
      "dataset fashion-mnist not found; tried /a | dataset fashion-mnist not found; tried /a",
      "--lr-pick: applies only with --lr auto | --lr-pick: applies only with --lr auto",
      "worker w0 failed | worker w0 failed"})
  void leadingFieldsBecomeFlags(String message, String shown) {
    assertEquals(shown, FieldFlags.toFlags(message));
  }
}
