package dev.alr.models.nn;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@link NetworkAdapter} for DL4J's {@link ComputationGraph} with one input and one output (the
 * {@code resnet} model). Not thread-safe.
 */
final class GraphAdapter implements NetworkAdapter {
  private final ComputationGraph network;

  /** Adapts an initialised single-input, single-output graph. */
  GraphAdapter(ComputationGraph network) {
    this.network = network;
  }

  @Override
  public Model model() {
    return network;
  }

  @Override
  public void fit(INDArray features, INDArray labels) {
    network.fit(new INDArray[] {features}, new INDArray[] {labels});
  }

  @Override
  public double score(INDArray features, INDArray labels) {
    return network.score(new DataSet(features, labels), false);
  }

  @Override
  public INDArray output(INDArray features) {
    return network.output(false, features)[0];
  }

  @Override
  public INDArray computeGradient(INDArray features, INDArray labels) {
    network.setInputs(features);
    network.setLabels(labels);
    network.computeGradientAndScore();
    return network.getFlattenedGradients();
  }

  @Override
  public BaseMultiLayerUpdater<?> updater() {
    return network.getUpdater(true);
  }

  @Override
  public void applyComputedGradient(int batchSize) {
    Gradient g = network.gradient();
    network.getUpdater().update(g, network.getIterationCount(), network.getEpochCount(), batchSize,
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
    network.getConfiguration().setIterationCount(iteration);
  }

  @Override
  public void close() {
    network.close();
  }
}
