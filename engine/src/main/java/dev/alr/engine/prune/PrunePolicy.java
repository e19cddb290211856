package dev.alr.engine.prune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a pruning run chooses the peak learning rate {@code max_lr} of each cycle: a pure function
 * of immutable snapshots.
 *
 * <p>Call order: start from {@link PruneState#start()}; per cycle {@link #plan}, train the
 * candidates, then {@link #decide} with their results gives the next snapshot. Implementations
 * are immutable records and thread-safe; the same inputs always give the same outputs, so a run
 * can be replayed from its recorded results.
 */
public sealed interface PrunePolicy permits SiloPolicy, ConstantPolicy, OraclePolicy, BeamPolicy {

  /** The policy's command-line name. */
  String name();

  /** The candidates of {@code state.cycle()}, ids assigned from {@code state.nextId()} in order. */
  List<PruneCandidate> plan(PruneState state);

  /** How many lines survive a cycle. */
  int survivors();

  /** Candidates each cycle trains (for progress bars and compute estimates). */
  int candidatesPerCycle(int cycle);

  /**
   * Keeps the {@link #survivors()} best of {@code results} by validation loss (non-finite last,
   * ties by id) and returns the snapshot of the next cycle.
   *
   * @throws IllegalArgumentException when a planned candidate has no result
   */
  default PruneState decide(PruneState state, List<PruneCandidate> planned, List<PruneResult> results) {
    Map<Integer, PruneResult> byId = results.stream()
        .collect(Collectors.toMap(PruneResult::candidateId, Function.identity()));
    List<PruneCandidate> ranked = new ArrayList<>();
    for (PruneCandidate c : planned) {
      if (!byId.containsKey(c.id())) {
        throw new IllegalArgumentException("no result for candidate " + c.id());
      }
      ranked.add(c);
    }
    ranked.sort(Comparator.<PruneCandidate>comparingDouble(c -> rankKey(byId.get(c.id()).valLoss()))
        .thenComparingInt(PruneCandidate::id));
    List<PruneLine> kept = ranked.subList(0, Math.min(survivors(), ranked.size())).stream()
        .map(c -> new PruneLine(c.id(), c.maxLr(), byId.get(c.id()).valLoss()))
        .toList();
    int nextId = planned.stream().mapToInt(PruneCandidate::id).max().orElse(state.nextId() - 1) + 1;
    return new PruneState(state.cycle() + 1, kept, Math.max(nextId, state.nextId()));
  }

  /** Non-finite losses rank last. */
  private static double rankKey(double loss) {
    return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
  }

  /** The parent of a single-line policy's candidate: the root in cycle 0, else the best survivor. */
  static int parentOf(PruneState state) {
    return state.cycle() == 0 ? PruneCandidate.ROOT : state.best().candidateId();
  }

  /**
   * Builds a policy by name from the run's options.
   *
   * @param name    {@code silo}, {@code constant}, {@code oracle} or {@code alr}
   * @param maxLr   the base peak learning rate (silo's default offset, constant's value, alr's start)
   * @param p       prune fraction (silo's curve)
   * @param silo    the S-curve (silo only)
   * @param grid    the grid (oracle only)
   * @param beams   M (alr only)
   * @param factors the factors (alr only)
   * @throws IllegalArgumentException naming the allowed names
   */
  static PrunePolicy of(String name, double maxLr, double p, SiloCurve silo, List<Double> grid, int beams,
                        List<Double> factors) {
    return switch (name) {
      case "silo" -> new SiloPolicy(silo, p);
      case "constant" -> new ConstantPolicy(maxLr);
      case "oracle" -> new OraclePolicy(grid);
      case "alr" -> new BeamPolicy(maxLr, beams, factors);
      default -> throw new IllegalArgumentException("policy '" + name + "' is not one of silo, constant, oracle, alr");
    };
  }
}
