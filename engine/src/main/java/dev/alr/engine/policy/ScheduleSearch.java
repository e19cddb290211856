package dev.alr.engine.policy;

import dev.alr.engine.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed schedules as a policy: one independent line per schedule, each continuing from its own
 * previous epoch. One schedule is a plain fixed-schedule run; several (the same schedule at
 * different initial LRs) are a grid search, whose answer is the line with the lowest final loss
 * — the "oracle" of hindsight. Every line survives every epoch except one that diverged; the
 * search stops when all have.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schedules     one schedule per line
 * @param stepsPerEpoch optimizer steps per epoch (to place each epoch on the global step axis)
 * @param selectOn      which loss ranks the lines
 */
public record ScheduleSearch(List<Schedule> schedules, long stepsPerEpoch, SelectOn selectOn) implements SearchPolicy {

  /** Validates. */
  public ScheduleSearch {
    schedules = List.copyOf(schedules);
    if (schedules.isEmpty()) {
      throw new IllegalArgumentException("a schedule search needs at least one schedule");
    }
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("stepsPerEpoch must be >= 1, got " + stepsPerEpoch);
    }
  }

  @Override
  public SearchState initial(double lr0) {
    List<Beam> beams = new ArrayList<>();
    for (int g = 0; g < schedules.size(); g++) {
      beams.add(new Beam(Candidate.ROOT, g, schedules.get(g).lr(0), Double.NaN));
    }
    return new SearchState(1, beams, 0, 0);
  }

  @Override
  public List<Candidate> plan(SearchState state) {
    List<Beam> byLine = new ArrayList<>(state.beams());
    byLine.sort((a, b) -> Integer.compare(a.line(), b.line()));
    long offset = (state.epoch() - 1) * stepsPerEpoch;
    List<Candidate> out = new ArrayList<>();
    int id = state.nextId();
    for (Beam b : byLine) {
      LrRule rule = new LrRule.Scheduled(schedules.get(b.line()));
      out.add(new Candidate(id++, b.candidateId(), state.epoch(), b.line(), 1.0, rule.startLr(offset), rule));
    }
    return out;
  }

  @Override
  public Decision decide(SearchState state, List<Candidate> planned, List<CandidateResult> results) {
    return Lines.advanceAll(state, planned, results, selectOn);
  }

  @Override
  public long plannedCandidateEpochs(int epochs) {
    return (long) epochs * schedules.size();
  }
}
