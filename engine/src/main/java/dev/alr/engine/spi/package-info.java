/**
 * The narrow model interface that policies and executors train through, implemented by the
 * {@code models} module over DeepLearning4J: {@link dev.alr.engine.spi.TrainableModel},
 * its factory, exported state, batches and the seeded per-epoch data order.
 *
 * <p>Nothing here names a DL4J, ND4J or Pekko type, so a policy or executor can be tested with
 * fake models.
 */
package dev.alr.engine.spi;
