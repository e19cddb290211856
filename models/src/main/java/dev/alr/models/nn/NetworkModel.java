package dev.alr.models.nn;

import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.TrainableModel;
import dev.alr.models.NativeMemory;
import dev.alr.models.data.Dataset;
import dev.alr.models.data.PartitionedDataset;
import dev.alr.models.prune.WeightArray;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A DL4J network bound to its dataset, as the engine's {@link TrainableModel}. The network type
 * is hidden behind a {@link NetworkAdapter} (one per DL4J network type); everything else — batch
 * gathering, learning-rate control, probing, evaluation, export and restore — is written once,
 * here, over DL4J's common {@code Model} API and the updater's blocks.
 *
 * <p><b>Learning rate without rebuilding.</b> At construction the model collects the updater
 * configuration objects ({@code Sgd}, {@code Nesterovs}, {@code Adam}) that the network's
 * gradient updaters hold; DL4J's gradient updaters read the learning rate (and momentum / beta1)
 * from those objects at every step. {@link #step} sets them with
 * {@code IUpdater.setLrAndSchedule(lr, null)} only when the value changes: no network rebuild,
 * no per-step allocation. Each model builds its own configuration, so no two models share
 * these objects.
 *
 * <p><b>Probe.</b> {@link #probe} computes the mean gradient once, then for each factor sets
 * θ = θ₀ − f·lr·g, scores the probe batch, and finally copies θ₀ back from a preallocated backup
 * (restoring by copy, not by adding the step back, so the parameters are bit-identical
 * afterwards). The gradient is kept: when the next call is a {@link #step} on the same batch the
 * gradient was computed on, the step applies it ({@code applyComputedGradient}) instead of
 * recomputing it, saving one forward/backward pass with bit-identical results; any other call in
 * between (another batch, a loss, an evaluation, a restore) drops it and the step recomputes.
 *
 * <p><b>Native memory.</b> Every method that runs ND4J code does so inside a
 * {@link NativeMemory#enter()} section, so no array the GC collected is freed while this model's
 * native calls may still read it (see {@link NativeMemory} for the ND4J crash this prevents).
 *
 * <p><b>Pruning mask.</b> {@link #setMask} installs a mask (one byte per parameter, 0 = pruned).
 * From then on every {@link #step} is followed by multiplying the parameters and, for each
 * updater block, every per-parameter segment of its state view (Nesterov's v, Adam's m and v) by
 * the mask: since SGD, Nesterov and Adam update each parameter from its own gradient and state
 * only, this is the same as masking the gradient, and the pruned weights and their updater state
 * are exactly zero after every step. The mask travels in {@link #export} / {@link #restore} and
 * {@link #copy}.
 *
 * <p>Lifecycle: from {@link NetworkModelFactory#create()}; any sequence of calls; {@link #close()}
 * once. Not thread-safe: one thread at a time (with one native thread, see
 * {@code NativeThreads}, results are bit-identical for the same inputs).
 */
public final class NetworkModel implements TrainableModel {
  private static final int EVALUATION_CHUNK = 256;
  private static final int MAX_BUFFER_SIZES = 8;

  private final NetworkAdapter network;
  private final Supplier<NetworkAdapter> blankNetwork;
  private final PartitionedDataset data;
  private final UpdaterKind updaterKind;
  private final String architecture;
  private final List<IUpdater> updaterConfigs;
  /** The updater blocks whose gradient updaters need their parameters, with those parameters' views. */
  private final List<HookedBlock> hookedBlocks;
  /** Whether {@link #evaluate} moves the parameters to the updater's evaluation point (schedule-free's x). */
  private final boolean movesEvaluation;
  private final Map<Integer, BatchBuffers> buffers = new HashMap<>();
  /** θ saved during a probe; also the staging buffer of {@link #restore} (never both at once). */
  private final INDArray parameterBackup;
  private final INDArray probeDirection;
  private INDArray updaterStaging;
  private Batch probedBatch;
  private double probedScore;
  private double learningRate = Double.NaN;
  private double momentum = Double.NaN;
  private boolean closed;
  /** The pruning mask (empty: dense) and its native forms over the parameters and the updater state. */
  private byte[] mask = new byte[0];
  private INDArray parameterMask;
  private INDArray updaterMask;

  /**
   * @param network      a freshly built network
   * @param blankNetwork builds another network of the same architecture (for {@link #copy()})
   * @param data         the dataset with limit and validation applied
   * @param updaterKind  the updater the network was built with
   * @param architecture the architecture string exported states carry
   */
  NetworkModel(NetworkAdapter network, Supplier<NetworkAdapter> blankNetwork, PartitionedDataset data,
               UpdaterKind updaterKind, String architecture) {
    this.network = Objects.requireNonNull(network, "network");
    this.blankNetwork = Objects.requireNonNull(blankNetwork, "blankNetwork");
    this.data = Objects.requireNonNull(data, "data");
    this.updaterKind = Objects.requireNonNull(updaterKind, "updaterKind");
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    this.updaterConfigs = collectUpdaterConfigs(network);
    INDArray params = network.model().params();
    this.hookedBlocks = hookedBlocks(network, params);
    this.movesEvaluation = hookedBlocks.stream().anyMatch(b -> b.hook().movesEvaluation());
    NativeMemory.enter();
    try {
      hookedBlocks.forEach(b -> b.hook().initialise(b.params()));
    } finally {
      NativeMemory.exit();
    }
    this.parameterBackup = Nd4j.create(DataType.FLOAT, params.shape());
    this.probeDirection = Nd4j.create(DataType.FLOAT, params.shape());
  }

  private static List<IUpdater> collectUpdaterConfigs(NetworkAdapter network) {
    List<IUpdater> configs = new ArrayList<>();
    for (UpdaterBlock block : network.updater().getUpdaterBlocks()) {
      block.init();
      IUpdater config = block.getGradientUpdater().getConfig();
      if (configs.stream().noneMatch(c -> c == config)) {
        configs.add(config);
      }
    }
    return List.copyOf(configs);
  }

  /** A block's {@link BlockHook} and the view of the block's parameters. */
  private record HookedBlock(BlockHook hook, INDArray params) {
  }

  private static List<HookedBlock> hookedBlocks(NetworkAdapter network, INDArray params) {
    List<HookedBlock> hooked = new ArrayList<>();
    for (UpdaterBlock block : network.updater().getUpdaterBlocks()) {
      if (block.getGradientUpdater() instanceof BlockHook hook) {
        hooked.add(new HookedBlock(hook, VectorViews.slice(params,
            block.getParamOffsetStart(), block.getParamOffsetEnd())));
      }
    }
    return List.copyOf(hooked);
  }

  @Override
  public int trainSize() {
    return data.trainSize();
  }

  /** The architecture string of exported states. */
  public String architecture() {
    return architecture;
  }

  /** Number of trainable parameters. */
  public long parameterCount() {
    return network.model().numParams();
  }

  @Override
  public double step(Batch batch, Hyper hyper) {
    checkOpen();
    apply(hyper);
    NativeMemory.enter();
    try {
      if (batch.equals(probedBatch)) {
        probedBatch = null;
        network.applyComputedGradient(batch.size());
        enforceMask();
        return probedScore;
      }
      probedBatch = null;
      BatchBuffers rows = trainingRows(batch);
      network.fit(rows.features(), rows.labels());
      double score = network.model().score();
      enforceMask();
      return score;
    } finally {
      NativeMemory.exit();
    }
  }

  /** The learning rate the updater uses at the next step ({@code NaN} before the first step). */
  public double learningRate() {
    return learningRate;
  }

  private void apply(Hyper hyper) {
    if (hyper.lr() != learningRate) {
      for (IUpdater config : updaterConfigs) {
        config.setLrAndSchedule(hyper.lr(), null);
      }
      learningRate = hyper.lr();
    }
    if (hyper.setsMomentum() && hyper.momentum() != momentum) {
      for (IUpdater config : updaterConfigs) {
        updaterKind.setMomentum(config, hyper.momentum());
      }
      momentum = hyper.momentum();
    }
  }

  @Override
  public double loss(Batch batch) {
    checkOpen();
    probedBatch = null;
    NativeMemory.enter();
    try {
      BatchBuffers rows = trainingRows(batch);
      return network.score(rows.features(), rows.labels());
    } finally {
      NativeMemory.exit();
    }
  }

  @Override
  public double[] probe(Batch gradientBatch, Batch probeBatch, double lr, double[] factors) {
    checkOpen();
    NativeMemory.enter();
    try {
      BatchBuffers gradientRows = trainingRows(gradientBatch);
      INDArray gradient = network.computeGradient(gradientRows.features(), gradientRows.labels());
      double gradientScore = network.model().score();
      // DL4J's gradient is summed over the batch; its updater divides by the batch size. The
      // direction is scaled once, then each probe point is reached from the previous one with one
      // axpy (one pass over the parameters) and the exact parameters come back from the backup.
      probeDirection.assign(gradient).muli(lr / gradientBatch.size());
      if (parameterMask != null) {
        probeDirection.muli(parameterMask);
      }
      INDArray params = network.model().params();
      parameterBackup.assign(params);
      BatchBuffers probeRows = trainingRows(probeBatch);
      double[] losses = new double[factors.length];
      try {
        double at = 0;
        for (int i = 0; i < factors.length; i++) {
          Nd4j.getBlasWrapper().axpy(at - factors[i], probeDirection, params);
          at = factors[i];
          losses[i] = network.score(probeRows.features(), probeRows.labels());
        }
      } finally {
        params.assign(parameterBackup);
      }
      probedBatch = gradientBatch;
      probedScore = gradientScore;
      return losses;
    } finally {
      NativeMemory.exit();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs inference in chunks of {@value #EVALUATION_CHUNK} samples; the loss is the mean
   * cross-entropy {@code -log max(p_label, 1e-10)} from the network's softmax output, as DL4J's
   * MCXENT computes it. An empty split (no {@code --val}) gives loss and accuracy {@code NaN} with
   * 0 samples. With an updater that evaluates elsewhere than at its training parameters
   * (schedule-free: at x), the parameters move there for the evaluation and are copied back
   * afterwards, bit-identical.
   */
  @Override
  public Evaluation evaluate(Split split) {
    checkOpen();
    probedBatch = null;
    if (!movesEvaluation) {
      return evaluateHere(split);
    }
    NativeMemory.enter();
    try {
      INDArray params = network.model().params();
      parameterBackup.assign(params);
      try {
        hookedBlocks.forEach(b -> b.hook().toEvaluationPoint(b.params()));
        return evaluateHere(split);
      } finally {
        params.assign(parameterBackup);
      }
    } finally {
      NativeMemory.exit();
    }
  }

  private Evaluation evaluateHere(Split split) {
    Dataset d = data.data();
    float[] features;
    byte[] labels;
    int first;
    int count;
    if (split == Split.VALIDATION) {
      features = d.trainFeatures();
      labels = d.trainLabels();
      first = data.trainSize();
      count = data.validationSize();
    } else {
      features = d.testFeatures();
      labels = d.testLabels();
      first = 0;
      count = d.testCount();
    }
    if (count == 0) {
      return new Evaluation(Double.NaN, Double.NaN, 0);
    }
    NativeMemory.enter();
    try {
      TestScore score = new TestScore();
      for (int start = 0; start < count; start += EVALUATION_CHUNK) {
        int n = Math.min(EVALUATION_CHUNK, count - start);
        BatchBuffers rows = buffers(n);
        rows.fill(features, labels, null, first + start);
        float[][] probabilities = network.output(rows.features()).toFloatMatrix();
        for (int i = 0; i < n; i++) {
          score.add(probabilities[i], labels[first + start + i]);
        }
      }
      return score.evaluation();
    } finally {
      NativeMemory.exit();
    }
  }

  @Override
  public NetworkModel copy() {
    checkOpen();
    NativeMemory.enter();
    try {
      NetworkModel copy = new NetworkModel(blankNetwork.get(), blankNetwork, data, updaterKind, architecture);
      copy.network.model().params().assign(network.model().params());
      INDArray state = network.updater().getStateViewArray();
      if (state != null) {
        copy.network.updater().getStateViewArray().assign(state);
      }
      copy.network.setIterationCount(network.iterationCount());
      copy.installMask(mask);
      if (!Double.isNaN(learningRate)) {
        copy.apply(new Hyper(learningRate, momentum));
      }
      return copy;
    } finally {
      NativeMemory.exit();
    }
  }

  @Override
  public ModelState export() {
    checkOpen();
    NativeMemory.enter();
    try {
      float[] params = network.model().params().toFloatVector();
      INDArray state = network.updater().getStateViewArray();
      float[] updater = state == null ? new float[0] : state.toFloatVector();
      return new ModelState(ModelState.FORMAT_VERSION, architecture, params, updater, network.iterationCount(),
          mask.clone());
    } finally {
      NativeMemory.exit();
    }
  }

  @Override
  public void restore(ModelState state) {
    checkOpen();
    probedBatch = null;
    if (state.formatVersion() != ModelState.FORMAT_VERSION) {
      throw new IllegalArgumentException("model state has format version " + state.formatVersion()
          + ", this build reads version " + ModelState.FORMAT_VERSION);
    }
    if (!state.architecture().equals(architecture)) {
      throw new IllegalArgumentException("model state is for architecture '" + state.architecture()
          + "', this model is '" + architecture + "'");
    }
    INDArray params = network.model().params();
    INDArray updater = network.updater().getStateViewArray();
    long updaterLength = updater == null ? 0 : updater.length();
    if (state.params().length != params.length() || state.updater().length != updaterLength) {
      throw new IllegalArgumentException("model state holds " + state.params().length + " parameters and "
          + state.updater().length + " updater values, this model has " + params.length() + " and " + updaterLength);
    }
    if (state.iteration() < 0 || state.iteration() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("model state iteration " + state.iteration() + " is out of range");
    }
    checkMask(state.mask(), params.length());
    NativeMemory.enter();
    try {
      params.assign(staged(parameterBackup, state.params()));
      if (updater != null) {
        if (updaterStaging == null) {
          updaterStaging = Nd4j.create(DataType.FLOAT, updater.shape());
        }
        updater.assign(staged(updaterStaging, state.updater()));
      }
      network.setIterationCount((int) state.iteration());
      installMask(state.mask());
    } finally {
      NativeMemory.exit();
    }
  }

  /**
   * Installs a pruning mask (one byte per parameter: 1 kept, 0 pruned; empty: dense) and zeroes
   * the pruned parameters and their updater state at once; every later step keeps them zero.
   *
   * @throws IllegalArgumentException if the mask's length is neither 0 nor the parameter count,
   *                                  or a byte is not 0 or 1
   */
  public void setMask(byte[] newMask) {
    checkOpen();
    probedBatch = null;
    checkMask(newMask, network.model().numParams());
    NativeMemory.enter();
    try {
      installMask(newMask.clone());
    } finally {
      NativeMemory.exit();
    }
  }

  /** A copy of the pruning mask (empty when dense). */
  public byte[] mask() {
    return mask.clone();
  }

  /**
   * The prunable weight arrays (DL4J parameter key ending in {@code W}: dense and convolution
   * weights; biases and normalisation parameters are not prunable), in parameter order.
   */
  public List<WeightArray> weightArrays() {
    checkOpen();
    INDArray params = network.model().params();
    List<WeightArray> arrays = new ArrayList<>();
    for (Map.Entry<String, INDArray> e : network.model().paramTable().entrySet()) {
      String key = e.getKey();
      if (key.equals("W") || key.endsWith("_W")) {
        arrays.add(new WeightArray(key, e.getValue().offset() - params.offset(), e.getValue().length()));
      }
    }
    arrays.sort(Comparator.comparingLong(WeightArray::offset));
    return List.copyOf(arrays);
  }

  private static void checkMask(byte[] m, long parameters) {
    if (m.length != 0 && m.length != parameters) {
      throw new IllegalArgumentException("pruning mask holds " + m.length + " values, this model has "
          + parameters + " parameters");
    }
    for (byte b : m) {
      if (b != 0 && b != 1) {
        throw new IllegalArgumentException("pruning mask value " + b + " is not 0 or 1");
      }
    }
  }

  /** Sets the mask and its native forms, then applies it (inside a native-memory section). */
  private void installMask(byte[] newMask) {
    if (parameterMask != null) {
      parameterMask.close();
      parameterMask = null;
    }
    if (updaterMask != null) {
      updaterMask.close();
      updaterMask = null;
    }
    mask = newMask;
    if (mask.length == 0) {
      return;
    }
    float[] values = new float[mask.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = mask[i];
    }
    parameterMask = Nd4j.createFromArray(values).reshape(network.model().params().shape());
    INDArray state = network.updater().getStateViewArray();
    if (state != null) {
      float[] stateValues = new float[(int) state.length()];
      for (UpdaterBlock block : network.updater().getUpdaterBlocks()) {
        int from = block.getParamOffsetStart();
        int n = block.getParamOffsetEnd() - from;
        int start = block.getUpdaterViewOffsetStart();
        int length = block.getUpdaterViewOffsetEnd() - start;
        if (n == 0 || length % n != 0) {
          throw new IllegalStateException("updater " + updaterKind.flagValue()
              + " keeps state that is not per parameter; it cannot be pruned");
        }
        for (int k = 0; k < length; k++) {
          stateValues[start + k] = values[from + k % n];
        }
      }
      updaterMask = Nd4j.createFromArray(stateValues).reshape(state.shape());
    }
    enforceMask();
  }

  /** Multiplies the parameters and the updater state by the mask (nothing when dense). */
  private void enforceMask() {
    if (parameterMask == null) {
      return;
    }
    INDArray params = network.model().params();
    params.muli(parameterMask);
    if (updaterMask != null) {
      network.updater().getStateViewArray().muli(updaterMask);
    }
  }

  /**
   * Copies {@code values} into a preallocated native array of the same length (no native
   * allocation per restore: native memory is only freed when the GC runs).
   */
  private static INDArray staged(INDArray staging, float[] values) {
    staging.data().asNioFloat().put(values);
    return staging;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    NativeMemory.enter();
    try {
      buffers.values().forEach(BatchBuffers::close);
      buffers.clear();
      parameterBackup.close();
      probeDirection.close();
      if (updaterStaging != null) {
        updaterStaging.close();
      }
      if (parameterMask != null) {
        parameterMask.close();
      }
      if (updaterMask != null) {
        updaterMask.close();
      }
      network.close();
    } finally {
      NativeMemory.exit();
    }
  }

  /**
   * For {@link ModelExport}: moves the parameters to the evaluation point for good (schedule-free:
   * x, its state re-expressed relative to x) and returns the DL4J network. The network then
   * belongs to the caller: this model must not be used or closed again (the rest of its native
   * memory is freed by the garbage collector).
   */
  org.deeplearning4j.nn.api.Model detachForExport() {
    checkOpen();
    NativeMemory.enter();
    try {
      hookedBlocks.forEach(b -> b.hook().rebaseToEvaluationPoint(b.params()));
      return network.model();
    } finally {
      NativeMemory.exit();
    }
  }

  private BatchBuffers trainingRows(Batch batch) {
    int[] indices = batch.indices();
    for (int index : indices) {
      if (index >= data.trainSize()) {
        throw new IllegalArgumentException("batch index " + index + " is outside the " + data.trainSize()
            + " training samples");
      }
    }
    BatchBuffers rows = buffers(indices.length);
    Dataset d = data.data();
    rows.fill(d.trainFeatures(), d.trainLabels(), indices, 0);
    return rows;
  }

  private BatchBuffers buffers(int size) {
    BatchBuffers rows = buffers.get(size);
    if (rows == null) {
      if (buffers.size() >= MAX_BUFFER_SIZES) {
        buffers.values().forEach(BatchBuffers::close);
        buffers.clear();
      }
      Dataset d = data.data();
      rows = new BatchBuffers(size, d.featureCount(), d.classes());
      buffers.put(size, rows);
    }
    return rows;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("model is closed");
    }
  }

  @Override
  public String toString() {
    return "NetworkModel[" + architecture + ", train=" + data.trainSize() + "]";
  }
}
