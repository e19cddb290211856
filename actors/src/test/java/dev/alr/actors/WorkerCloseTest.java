package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.TrainableModel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A stopped worker closes each model on the training thread that used it (issue 9: closing it on
 * the actor's thread left that training thread's DL4J workspaces behind, so a long-running
 * worker grew native memory with every search, and could free a model still in use).
 */
class WorkerCloseTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void stoppedWorkerClosesItsModelOnTheTrainingThread() throws InterruptedException {
    AtomicReference<String> trainedOn = new AtomicReference<>();
    AtomicReference<String> closedOn = new AtomicReference<>();
    CountDownLatch closed = new CountDownLatch(1);
    ModelFactory factory = new ModelFactory() {
      @Override
      public TrainableModel create() {
        return new ThreadRecordingModel(trainedOn, closedOn, closed);
      }

      @Override
      public int trainSize() {
        return ThreadRecordingModel.SAMPLES;
      }

      @Override
      public int validationSize() {
        return 0;
      }
    };
    ActorRef<Worker.Command> worker = KIT.spawn(Worker.create("w", () -> factory,
        new Worker.CandidateTrainerSpec(1, 4, false), 1, Worker.ThreadSetup.NONE));
    TestProbe<Worker.Reply> replies = KIT.createTestProbe();
    worker.tell(new Worker.Train(1, new Candidate(0, Candidate.ROOT, 1, 0, 1.0, 0.1, new LrRule.Fixed(0.1)), null,
        null, false, replies.ref()));
    replies.expectMessageClass(Worker.Trained.class, Duration.ofSeconds(30));
    assertEquals(1, closed.getCount(), "model closed while the worker runs");
    KIT.stop(worker, Duration.ofSeconds(60));
    assertTrue(closed.await(30, TimeUnit.SECONDS), "model not closed after the worker stopped");
    assertTrue(trainedOn.get().startsWith("alr-train-w-"), trainedOn.get());
    assertEquals(trainedOn.get(), closedOn.get());
  }

  /** A model that records the threads that trained and closed it. */
  private static final class ThreadRecordingModel implements TrainableModel {
    static final int SAMPLES = 8;
    private final AtomicReference<String> trainedOn;
    private final AtomicReference<String> closedOn;
    private final CountDownLatch closed;

    ThreadRecordingModel(AtomicReference<String> trainedOn, AtomicReference<String> closedOn,
                         CountDownLatch closed) {
      this.trainedOn = trainedOn;
      this.closedOn = closedOn;
      this.closed = closed;
    }

    @Override
    public int trainSize() {
      return SAMPLES;
    }

    @Override
    public double step(Batch batch, Hyper hyper) {
      trainedOn.set(Thread.currentThread().getName());
      return 1.0;
    }

    @Override
    public double loss(Batch batch) {
      return 1.0;
    }

    @Override
    public double[] probe(Batch gradientBatch, Batch probeBatch, double lr, double[] factors) {
      return new double[factors.length];
    }

    @Override
    public Evaluation evaluate(Split split) {
      return new Evaluation(1.0, 0.5, 1);
    }

    @Override
    public TrainableModel copy() {
      throw new UnsupportedOperationException();
    }

    @Override
    public ModelState export() {
      return new ModelState(ModelState.FORMAT_VERSION, "fake", new float[1], new float[0], 0);
    }

    @Override
    public void restore(ModelState state) {
    }

    @Override
    public void close() {
      closedOn.set(Thread.currentThread().getName());
      closed.countDown();
    }
  }
}
