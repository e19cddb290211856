package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.actors.wire.StatePayload;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Closing an epoch against fake workers: everything answered; a worker dying before answering the
 * evaluation, before answering a fetch, after answering; a timeout; nothing to do.
 */
class EpochCloseTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Evaluation TEST = new Evaluation(0.4, 0.85, 1000);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static ModelState state(int id) {
    return new ModelState(ModelState.FORMAT_VERSION, "test", new float[] {id, id}, new float[0], id);
  }

  /** A worker that answers every evaluation and fetch from its states, then stops when {@code stopAfter} says so. */
  private static Behavior<Worker.Command> worker(boolean stopAfterAnswering) {
    return Behaviors.receive(Worker.Command.class)
        .onMessage(Worker.Evaluate.class, m -> {
          m.replyTo().tell(new Worker.EvaluationReply(m.requestId(), m.candidateId(), TEST, null));
          return stopAfterAnswering ? Behaviors.stopped() : Behaviors.same();
        })
        .onMessage(Worker.FetchState.class, m -> {
          m.replyTo().tell(new Worker.StateReply(m.requestId(), m.candidateId(),
              new StatePayload.Inline(state(m.candidateId())), null));
          return stopAfterAnswering ? Behaviors.stopped() : Behaviors.same();
        })
        .build();
  }

  /** A worker that stops on the first request it gets, without answering. */
  private static Behavior<Worker.Command> dying() {
    return Behaviors.receive(Worker.Command.class).onAnyMessage(m -> Behaviors.stopped()).build();
  }

  private static EpochClose.Completed close(long id, EpochClose.Evaluate eval, List<EpochClose.Fetch> fetches,
                                            Duration timeout) {
    TestProbe<EpochClose.Completed> done = KIT.createTestProbe();
    KIT.spawn(EpochClose.create(id, eval, fetches, timeout, done.getRef()));
    EpochClose.Completed c = done.expectMessageClass(EpochClose.Completed.class, Duration.ofSeconds(10));
    done.expectNoMessage(Duration.ofMillis(100));
    return c;
  }

  @Test
  void repliesOnceWithTheEvaluationAndEveryCopy() {
    ActorRef<Worker.Command> a = KIT.spawn(worker(false));
    ActorRef<Worker.Command> b = KIT.spawn(worker(false));
    EpochClose.Completed c = close(1, new EpochClose.Evaluate(7, a, null),
        List.of(new EpochClose.Fetch(7, a), new EpochClose.Fetch(8, b)), Duration.ofMinutes(1));
    assertTrue(c.complete());
    assertEquals(TEST, c.test());
    assertEquals(List.of(7, 8), c.states().keySet().stream().sorted().toList());
    assertEquals(state(8), c.states().get(8));
    assertTrue(c.failures().isEmpty());
  }

  @Test
  void sendsTheStateAlongWhenTheEvaluatorDoesNotHoldIt() {
    TestProbe<Worker.Command> w = KIT.createTestProbe();
    TestProbe<EpochClose.Completed> done = KIT.createTestProbe();
    KIT.spawn(EpochClose.create(2, new EpochClose.Evaluate(7, w.getRef(), state(7)), List.of(), Duration.ofMinutes(1),
        done.getRef()));
    Worker.Evaluate e = w.expectMessageClass(Worker.Evaluate.class);
    assertEquals(new StatePayload.Inline(state(7)), e.state());
    assertEquals(Split.TEST, e.split());
    e.replyTo().tell(new Worker.EvaluationReply(e.requestId(), 7, TEST, null));
    assertEquals(TEST, done.expectMessageClass(EpochClose.Completed.class).test());
  }

  @Test
  void aWorkerDyingBeforeAnsweringTheEvaluationLosesOnlyTheEvaluation() {
    ActorRef<Worker.Command> evaluator = KIT.spawn(dying());
    ActorRef<Worker.Command> holder = KIT.spawn(worker(false));
    EpochClose.Completed c = close(3, new EpochClose.Evaluate(7, evaluator, null),
        List.of(new EpochClose.Fetch(8, holder)), Duration.ofMinutes(1));
    assertTrue(c.testMissing());
    assertNull(c.test());
    assertEquals(List.of(8), List.copyOf(c.states().keySet()));
    assertTrue(c.missingStates().isEmpty());
    assertTrue(c.failures().get(0).contains("stopped"), c.failures().toString());
    assertEquals(List.of(evaluator), c.stopped());
  }

  @Test
  void aWorkerDyingBeforeAnsweringAFetchLosesThatCopy() {
    ActorRef<Worker.Command> evaluator = KIT.spawn(worker(false));
    ActorRef<Worker.Command> holder = KIT.spawn(dying());
    EpochClose.Completed c = close(4, new EpochClose.Evaluate(7, evaluator, null),
        List.of(new EpochClose.Fetch(7, evaluator), new EpochClose.Fetch(8, holder)), Duration.ofMinutes(1));
    assertFalse(c.complete());
    assertFalse(c.testMissing());
    assertEquals(TEST, c.test());
    assertEquals(List.of(8), c.missingStates());
    assertEquals(List.of(7), List.copyOf(c.states().keySet()));
    assertEquals(List.of(holder), c.stopped());
  }

  @Test
  void aWorkerDyingAfterAnsweringChangesNothing() {
    ActorRef<Worker.Command> a = KIT.spawn(worker(true));
    ActorRef<Worker.Command> b = KIT.spawn(worker(true));
    EpochClose.Completed c = close(5, new EpochClose.Evaluate(7, a, null), List.of(new EpochClose.Fetch(8, b)),
        Duration.ofMinutes(1));
    assertTrue(c.complete(), c.failures().toString());
    assertEquals(TEST, c.test());
    assertEquals(List.of(8), List.copyOf(c.states().keySet()));
  }

  @Test
  void aTimeoutRepliesWithWhatIsMissing() {
    TestProbe<Worker.Command> silent = KIT.createTestProbe();
    ActorRef<Worker.Command> holder = KIT.spawn(worker(false));
    EpochClose.Completed c = close(6, new EpochClose.Evaluate(7, silent.getRef(), null),
        List.of(new EpochClose.Fetch(7, silent.getRef()), new EpochClose.Fetch(8, holder)), Duration.ofMillis(300));
    assertTrue(c.testMissing());
    assertEquals(List.of(7), c.missingStates());
    assertEquals(List.of(8), List.copyOf(c.states().keySet()));
    assertTrue(c.failures().get(0).contains("timed out"), c.failures().toString());
  }

  @Test
  void aStateNoLongerHeldIsMissingWithItsReason() {
    TestProbe<Worker.Command> w = KIT.createTestProbe();
    TestProbe<EpochClose.Completed> done = KIT.createTestProbe();
    KIT.spawn(EpochClose.create(7, null, List.of(new EpochClose.Fetch(9, w.getRef())), Duration.ofMinutes(1),
        done.getRef()));
    Worker.FetchState f = w.expectMessageClass(Worker.FetchState.class);
    f.replyTo().tell(new Worker.StateReply(f.requestId(), 9, null, w.getRef()));
    EpochClose.Completed c = done.expectMessageClass(EpochClose.Completed.class);
    assertEquals(List.of(9), c.missingStates());
    assertFalse(c.testMissing(), "no evaluation was asked for");
    assertTrue(c.failures().get(0).contains("no longer holds"), c.failures().toString());
  }

  @Test
  void withNothingToDoItRepliesAtOnce() {
    EpochClose.Completed c = close(8, null, List.of(), Duration.ofMinutes(1));
    assertTrue(c.complete());
    assertNull(c.test());
  }
}
