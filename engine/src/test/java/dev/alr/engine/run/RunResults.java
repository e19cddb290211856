package dev.alr.engine.run;

import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Helpers over search results for the executor tests. */
final class RunResults {
  private RunResults() {
  }

  /** The result with every timing and worker name blanked: what must be reproducible. */
  static SearchResult strip(SearchResult r) {
    List<EpochRecord> epochs = r.epochs().stream()
        .map(e -> new EpochRecord(e.epoch(), e.attempt(), e.outcome(), e.candidates().stream()
            .map(c -> new CandidateRecord(c.id(), c.parent(), c.line(), c.factor(), c.lr(), c.endLr(), c.loss(),
                c.valLoss(), 0.0, "", c.bytesCopied(), c.sampleGradients(), c.probeForwards(), List.of(), List.of(),
                c.rung()))
            .toList(), e.beams(), e.test(), 0.0, e.span()))
        .toList();
    return new SearchResult(r.formatVersion(), r.config().withWorkers(1), epochs, r.lrPath(), r.lineage(),
        r.finalTest(), 0.0, r.candidateEpochs(), r.sampleGradients(), r.probeForwards(), r.bytesCopied(),
        r.termination(), r.message(), r.rangeTest(), r.bestModel());
  }

  /** Every candidate record of the run by id. */
  static Map<Integer, CandidateRecord> byId(SearchResult r) {
    Map<Integer, CandidateRecord> m = new HashMap<>();
    for (EpochRecord e : r.epochs()) {
      for (CandidateRecord c : e.candidates()) {
        if (m.put(c.id(), c) != null) {
          throw new AssertionError("candidate id " + c.id() + " appears twice");
        }
      }
    }
    return m;
  }
}
