package dev.alr.models.nn;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimizers a workload may name with {@code --updater}, and how each one's momentum is set
 * between steps.
 *
 * <p>DL4J has no plain (heavy-ball) momentum updater, only Nesterov momentum, so {@link #MOMENTUM}
 * and {@link #NESTEROV} both map to DL4J's {@code Nesterovs}. For {@link #ADAM} the workload's
 * momentum is Adam's beta1 (beta2 = 0.999, epsilon = 1e-8), taken literally. {@link #SGD} has no
 * momentum; setting one is ignored.
 *
 * <p>Immutable and thread-safe; the {@link IUpdater} objects it creates or changes are not.
 */
public enum UpdaterKind {
  /** Plain stochastic gradient descent. */
  SGD {
    @Override
    IUpdater create(double lr, double momentum) {
      return new Sgd(lr);
    }

    @Override
    void setMomentum(IUpdater config, double momentum) {
      // plain SGD has no momentum term: nothing to set
    }
  },
  /** Nesterov momentum SGD; also the {@code momentum} updater (DL4J has no heavy-ball updater). */
  NESTEROV {
    @Override
    IUpdater create(double lr, double momentum) {
      return new Nesterovs(lr, momentum);
    }

    @Override
    void setMomentum(IUpdater config, double momentum) {
      ((Nesterovs) config).setMomentum(momentum);
    }
  },
  /** Adam with beta1 = the workload's momentum. */
  ADAM {
    @Override
    IUpdater create(double lr, double momentum) {
      return new Adam(lr, momentum, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON);
    }

    @Override
    void setMomentum(IUpdater config, double momentum) {
      ((Adam) config).setBeta1(momentum);
    }
  };

  /** A new updater configuration with the given learning rate and momentum (or beta1). */
  abstract IUpdater create(double lr, double momentum);

  /**
   * Sets the momentum (beta1 for Adam) of an updater configuration this kind created; DL4J's
   * gradient updaters read it from the configuration at every step.
   */
  abstract void setMomentum(IUpdater config, double momentum);

  /** The name used on the command line. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The allowed {@code --updater} values ({@code momentum} is an alias of {@code nesterov}). */
  public static List<String> flagValues() {
    return List.of(SGD.flagValue(), MOMENTUM_ALIAS, NESTEROV.flagValue(), ADAM.flagValue());
  }

  private static final String MOMENTUM_ALIAS = "momentum";

  /**
   * The kind named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming {@code --updater} and the allowed values
   */
  public static UpdaterKind parse(String name) {
    if (MOMENTUM_ALIAS.equalsIgnoreCase(name)) {
      return NESTEROV;
    }
    for (UpdaterKind kind : values()) {
      if (kind.flagValue().equalsIgnoreCase(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("--updater: unknown updater '" + name + "'; allowed: "
        + String.join(", ", flagValues()));
  }
}
