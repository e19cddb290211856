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
 * momentum; setting one is ignored. {@link #SCHEDULE_FREE} and {@link #DOG} are this module's
 * learning-rate-free updaters ({@link ScheduleFree}, {@link Dog}); each takes one option, written
 * after the name ({@code schedule-free:0.9} is β, {@code dog:1e-6} is DoG's ε), and ignores the
 * momentum.
 *
 * <p>Immutable and thread-safe; the {@link IUpdater} objects it creates or changes are not.
 */
public enum UpdaterKind {
  /** Plain stochastic gradient descent. */
  SGD {
    @Override
    IUpdater create(double lr, double momentum, double option) {
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
    IUpdater create(double lr, double momentum, double option) {
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
    IUpdater create(double lr, double momentum, double option) {
      return new Adam(lr, momentum, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON);
    }

    @Override
    void setMomentum(IUpdater config, double momentum) {
      ((Adam) config).setBeta1(momentum);
    }
  },
  /** Schedule-Free SGD; option β (default 0.9); evaluated at its averaged point x. */
  SCHEDULE_FREE {
    @Override
    IUpdater create(double lr, double momentum, double option) {
      return new ScheduleFree(lr, Double.isNaN(option) ? DEFAULT_SF_BETA : option);
    }

    @Override
    void setMomentum(IUpdater config, double momentum) {
      // β is fixed for the run: the momentum of a schedule does not apply
    }
  },
  /** DoG; option ε, the relative initial movement (default 1e-6); the LR is a multiplier. */
  DOG {
    @Override
    IUpdater create(double lr, double momentum, double option) {
      return new Dog(lr, Double.isNaN(option) ? Dog.DEFAULT_EPSILON : option);
    }

    @Override
    void setMomentum(IUpdater config, double momentum) {
      // DoG has no momentum term: nothing to set
    }
  };

  /** Schedule-Free SGD's default β (the paper's). */
  public static final double DEFAULT_SF_BETA = 0.9;

  /**
   * A new updater configuration with the given learning rate, momentum (or beta1) and option
   * ({@code NaN}: the kind's default; only {@link #SCHEDULE_FREE} and {@link #DOG} have one).
   */
  abstract IUpdater create(double lr, double momentum, double option);

  /**
   * Sets the momentum (beta1 for Adam) of an updater configuration this kind created; DL4J's
   * gradient updaters read it from the configuration at every step.
   */
  abstract void setMomentum(IUpdater config, double momentum);

  /** The name used on the command line. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The allowed {@code --updater} values ({@code momentum} is an alias of {@code nesterov}). */
  public static List<String> flagValues() {
    return List.of(SGD.flagValue(), MOMENTUM_ALIAS, NESTEROV.flagValue(), ADAM.flagValue(),
        SCHEDULE_FREE.flagValue() + "[:BETA]", DOG.flagValue() + "[:EPS]");
  }

  /**
   * The {@code --updater} value of this kind with its option, e.g. {@code schedule-free:0.9};
   * {@code NaN} gives the bare name (the default option).
   */
  public String flagValue(double option) {
    return Double.isNaN(option) ? flagValue() : flagValue() + ":" + option;
  }

  /**
   * The option written after the name in an {@code --updater} value ({@code NaN} when there is
   * none), validated for the kind it names.
   *
   * @throws IllegalArgumentException naming {@code --updater}
   */
  public static double option(String value) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      return Double.NaN;
    }
    UpdaterKind kind = parse(value);
    String text = value.substring(colon + 1);
    double option;
    try {
      option = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("updater: '" + text + "' in '" + value + "' is not a number");
    }
    switch (kind) {
      case SCHEDULE_FREE -> {
        if (!(option >= 0 && option < 1)) {
          throw new IllegalArgumentException("updater: schedule-free's beta must be in [0, 1), got " + text);
        }
      }
      case DOG -> {
        if (!(option > 0) || Double.isInfinite(option)) {
          throw new IllegalArgumentException("updater: dog's eps must be finite and > 0, got " + text);
        }
      }
      default -> throw new IllegalArgumentException("updater: " + kind.flagValue() + " takes no option, got '"
          + value + "'");
    }
    return option;
  }

  private static final String MOMENTUM_ALIAS = "momentum";

  /**
   * The kind named by {@code value} (case-insensitive), ignoring any {@code :option} after it.
   *
   * @throws IllegalArgumentException naming {@code --updater} and the allowed values
   */
  public static UpdaterKind parse(String value) {
    int colon = value.indexOf(':');
    String name = colon < 0 ? value : value.substring(0, colon);
    if (MOMENTUM_ALIAS.equalsIgnoreCase(name)) {
      return NESTEROV;
    }
    for (UpdaterKind kind : values()) {
      if (kind.flagValue().equalsIgnoreCase(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("updater: unknown updater '" + name + "'; allowed: "
        + String.join(", ", flagValues()));
  }
}
