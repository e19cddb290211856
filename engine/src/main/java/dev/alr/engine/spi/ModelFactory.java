package dev.alr.engine.spi;

/**
 * Creates models of one configuration on one dataset. {@link #create()} twice gives two models
 * with bit-identical initial weights (the initialisation is a function of the seed it was built
 * with).
 *
 * <p>Implementations are thread-safe: several worker threads may create models at once.
 */
public interface ModelFactory {

  /** A new model with the factory's seeded initial weights and fresh updater state. */
  TrainableModel create();

  /** Number of training samples each created model trains on. */
  int trainSize();

  /** Number of validation samples held out (0 when none). */
  int validationSize();
}
