package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.LrRule;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One round against fake workers (test probes): results, a timeout, workers dying before and after answering. */
class EpochRoundTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static Candidate candidate(int id) {
    return new Candidate(id, Candidate.ROOT, 1, 0, 1.0, 0.1, new LrRule.Fixed(0.1));
  }

  private static CandidateResult result(int id, String worker) {
    return new CandidateResult(id, 0.5 + id, Double.NaN, 0.1, 1.0, worker, 100, 0, 0);
  }

  private record Fixture(TestProbe<Worker.Command> w0, TestProbe<Worker.Command> w1,
                         TestProbe<EpochRound.Progress> progress, TestProbe<EpochRound.Completed> done) {
  }

  private static Fixture start(long roundId, Duration timeout) {
    Fixture f = new Fixture(KIT.createTestProbe(), KIT.createTestProbe(), KIT.createTestProbe(), KIT.createTestProbe());
    List<EpochRound.Job> jobs = List.of(
        new EpochRound.Job(candidate(0), f.w0().getRef(), null, null, false),
        new EpochRound.Job(candidate(1), f.w1().getRef(), null, null, false),
        new EpochRound.Job(candidate(2), f.w0().getRef(), null, null, false));
    KIT.spawn(EpochRound.create(roundId, jobs, timeout, f.progress().getRef(), f.done().getRef()));
    return f;
  }

  private static void answer(Worker.Train job, ActorRef<Worker.Command> worker) {
    job.replyTo().tell(new Worker.Trained(job.roundId(), result(job.candidate().id(), worker.path().name()), worker));
  }

  @Test
  void repliesOnceWithAllResultsAndReportsProgress() {
    Fixture f = start(1, Duration.ofMinutes(1));
    Worker.Train a = f.w0().expectMessageClass(Worker.Train.class);
    Worker.Train c = f.w0().expectMessageClass(Worker.Train.class);
    Worker.Train b = f.w1().expectMessageClass(Worker.Train.class);
    assertEquals(List.of(0, 2), List.of(a.candidate().id(), c.candidate().id()));
    answer(b, f.w1().getRef());
    answer(a, f.w0().getRef());
    answer(c, f.w0().getRef());
    EpochRound.Completed done = f.done().expectMessageClass(EpochRound.Completed.class);
    assertEquals(3, done.results().size());
    assertTrue(done.missing().isEmpty());
    assertEquals(f.w1().getRef(), done.holders().get(1));
    assertEquals(3, f.progress().receiveSeveralMessages(3).size());
    f.done().expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void timeoutRepliesWithTheMissingCandidates() {
    Fixture f = start(2, Duration.ofMillis(300));
    Worker.Train a = f.w0().expectMessageClass(Worker.Train.class);
    answer(a, f.w0().getRef());
    EpochRound.Completed done = f.done().expectMessageClass(EpochRound.Completed.class, Duration.ofSeconds(5));
    assertEquals(List.of(0), done.results().stream().map(CandidateResult::candidateId).toList());
    assertEquals(List.of(1, 2), done.missing().stream().map(Candidate::id).toList());
    assertTrue(done.failures().get(0).contains("timed out"));
  }

  @Test
  void workerDyingBeforeAnsweringLosesOnlyItsCandidates() {
    TestProbe<EpochRound.Progress> progress = KIT.createTestProbe();
    TestProbe<EpochRound.Completed> doneProbe = KIT.createTestProbe();
    TestProbe<Worker.Command> w1 = KIT.createTestProbe();
    ActorRef<Worker.Command> dying = KIT.spawn(Behaviors.receive(Worker.Command.class)
        .onMessage(Worker.Train.class, m -> Behaviors.stopped()).build());
    List<EpochRound.Job> jobs = List.of(
        new EpochRound.Job(candidate(0), dying, null, null, false),
        new EpochRound.Job(candidate(1), w1.getRef(), null, null, false));
    KIT.spawn(EpochRound.create(3, jobs, Duration.ofMinutes(1), progress.getRef(), doneProbe.getRef()));
    answer(w1.expectMessageClass(Worker.Train.class), w1.getRef());
    EpochRound.Completed done = doneProbe.expectMessageClass(EpochRound.Completed.class);
    assertEquals(List.of(1), done.results().stream().map(CandidateResult::candidateId).toList());
    assertEquals(List.of(0), done.missing().stream().map(Candidate::id).toList());
    assertTrue(done.failures().get(0).contains("stopped"), done.failures().toString());
  }

  @Test
  void workerDyingAfterAnsweringChangesNothing() {
    TestProbe<EpochRound.Progress> progress = KIT.createTestProbe();
    TestProbe<EpochRound.Completed> doneProbe = KIT.createTestProbe();
    TestProbe<Worker.Command> w1 = KIT.createTestProbe();
    ActorRef<Worker.Command> answersThenDies = KIT.spawn(Behaviors.receive(Worker.Command.class)
        .onMessage(Worker.Train.class, m -> {
          m.replyTo().tell(new Worker.Trained(m.roundId(), result(m.candidate().id(), "quitter"), null));
          return Behaviors.stopped();
        }).build());
    List<EpochRound.Job> jobs = List.of(
        new EpochRound.Job(candidate(0), answersThenDies, null, null, false),
        new EpochRound.Job(candidate(1), w1.getRef(), null, null, false));
    KIT.spawn(EpochRound.create(4, jobs, Duration.ofMinutes(1), progress.getRef(), doneProbe.getRef()));
    progress.expectMessageClass(EpochRound.Progress.class);
    answer(w1.expectMessageClass(Worker.Train.class), w1.getRef());
    EpochRound.Completed done = doneProbe.expectMessageClass(EpochRound.Completed.class);
    assertEquals(List.of(0, 1), done.results().stream().map(CandidateResult::candidateId).sorted().toList());
    assertTrue(done.missing().isEmpty());
  }

  @Test
  void aFailedJobIsReportedMissingWithItsMessage() {
    Fixture f = start(5, Duration.ofMinutes(1));
    Worker.Train a = f.w0().expectMessageClass(Worker.Train.class);
    Worker.Train c = f.w0().expectMessageClass(Worker.Train.class);
    Worker.Train b = f.w1().expectMessageClass(Worker.Train.class);
    answer(a, f.w0().getRef());
    answer(b, f.w1().getRef());
    c.replyTo().tell(new Worker.Failed(5, 2, "out of memory", f.w0().getRef()));
    EpochRound.Completed done = f.done().expectMessageClass(EpochRound.Completed.class);
    assertEquals(List.of(2), done.missing().stream().map(Candidate::id).toList());
    assertEquals(List.of("out of memory"), done.failures());
  }

  @Test
  void repliesFromAnotherRoundAreIgnored() {
    Fixture f = start(6, Duration.ofMillis(500));
    Worker.Train a = f.w0().expectMessageClass(Worker.Train.class);
    a.replyTo().tell(new Worker.Trained(99, result(0, "w0"), f.w0().getRef()));
    EpochRound.Completed done = f.done().expectMessageClass(EpochRound.Completed.class, Duration.ofSeconds(5));
    assertTrue(done.results().isEmpty());
    assertEquals(3, done.missing().size());
  }
}
