package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A real worker (one slot, tiny model): a cancelled or released job's late result is dropped — no
 * reply, no state kept. The single slot orders the jobs: when the second job's reply arrives, the
 * first job has finished and been handled.
 */
class WorkerTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final ModelFactory FACTORY = Workloads.factory(WorkloadSpec.of("mlp", "synthetic", 3)
      .withHidden(List.of(8)).withLimit(400).withBatchSize(50));

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static Candidate candidate(int id) {
    return new Candidate(id, Candidate.ROOT, 1, 0, 1.0, 0.1, new LrRule.Fixed(0.1));
  }

  private static ActorRef<Worker.Command> worker(String name) {
    return KIT.spawn(Worker.create(name, () -> FACTORY, new Worker.CandidateTrainerSpec(3, 50, false), 1,
        Worker.ThreadSetup.NONE), name);
  }

  private static Worker.StateReply fetch(ActorRef<Worker.Command> w, int id) {
    TestProbe<Worker.Reply> p = KIT.createTestProbe();
    w.tell(new Worker.FetchState(1, id, p.getRef()));
    return p.expectMessageClass(Worker.StateReply.class);
  }

  @Test
  void aCancelledJobNeitherRepliesNorKeepsItsState() {
    ActorRef<Worker.Command> w = worker("cancel");
    TestProbe<Worker.Reply> replies = KIT.createTestProbe();
    w.tell(new Worker.Train(1, candidate(0), null, null, false, replies.getRef()));
    w.tell(new Worker.Cancel(1, List.of(0)));
    w.tell(new Worker.Train(2, candidate(1), null, null, false, replies.getRef()));
    Worker.Trained t = replies.expectMessageClass(Worker.Trained.class, Duration.ofSeconds(60));
    assertEquals(2, t.roundId(), "the first reply is the second job's");
    assertNull(fetch(w, 0).state(), "the cancelled job's state is not kept");
    assertNotNull(fetch(w, 1).state());
  }

  @Test
  void aJobReleasedBeforeItFinishedIsNotReAdded() {
    ActorRef<Worker.Command> w = worker("release");
    TestProbe<Worker.Reply> replies = KIT.createTestProbe();
    w.tell(new Worker.Train(1, candidate(5), null, null, false, replies.getRef()));
    w.tell(new Worker.Release(List.of(5)));
    w.tell(new Worker.Train(2, candidate(6), null, null, false, replies.getRef()));
    Worker.Trained t = replies.expectMessageClass(Worker.Trained.class, Duration.ofSeconds(60));
    assertEquals(6, t.result().candidateId());
    assertNull(fetch(w, 5).state(), "a released state is never re-added by a late result");
  }

  @Test
  void aStateSentAlongIsEvaluatedWithoutBeingHeld() {
    ActorRef<Worker.Command> w = worker("eval");
    TestProbe<Worker.Reply> replies = KIT.createTestProbe();
    w.tell(new Worker.Train(1, candidate(3), null, null, false, replies.getRef()));
    replies.expectMessageClass(Worker.Trained.class, Duration.ofSeconds(60));
    Worker.StateReply s = fetch(w, 3);
    w.tell(new Worker.Release(List.of(3)));
    w.tell(new Worker.Evaluate(9, 3, dev.alr.engine.spi.Split.TEST, s.state(), replies.getRef()));
    Worker.EvaluationReply e = replies.expectMessageClass(Worker.EvaluationReply.class, Duration.ofSeconds(60));
    assertNotNull(e.evaluation(), e.error());
  }
}
