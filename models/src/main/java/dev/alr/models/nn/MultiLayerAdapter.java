package dev.alr.models.nn;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@link NetworkAdapter} for DL4J's {@link MultiLayerNetwork} (the {@code mlp} and {@code cnn}
 * models). Not thread-safe.
 */
final class MultiLayerAdapter implements NetworkAdapter {
  private final MultiLayerNetwork network;

  /** Adapts an initialised network. */
  MultiLayerAdapter(MultiLayerNetwork network) {
    this.network = network;
  }

  @Override
  public Model model() {
    return network;
  }

  @Override
  public void fit(INDArray features, INDArray labels) {
    network.fit(features, labels);
  }

  @Override
  public double score(INDArray features, INDArray labels) {
    return network.score(new DataSet(features, labels), false);
  }

  @Override
  public INDArray output(INDArray features) {
    return network.output(features, false);
  }

  @Override
  public INDArray computeGradient(INDArray features, INDArray labels) {
    network.setInput(features);
    network.setLabels(labels);
    network.computeGradientAndScore();
    return network.getFlattenedGradients();
  }

  @Override
  public BaseMultiLayerUpdater<?> updater() {
    return (BaseMultiLayerUpdater<?>) network.getUpdater(true);
  }

  @Override
  public void applyComputedGradient(int batchSize) {
    Gradient g = network.gradient();
    network.getUpdater().update(network, g, network.getIterationCount(), network.getEpochCount(), batchSize,
        LayerWorkspaceMgr.noWorkspaces());
    network.params().subi(g.gradient());
    setIterationCount(network.getIterationCount() + 1);
  }

  @Override
  public int iterationCount() {
    return network.getIterationCount();
  }

  @Override
  public void setIterationCount(int iteration) {
    network.setIterationCount(iteration);
  }

  @Override
  public void close() {
    network.close();
  }
}
