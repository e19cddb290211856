package dev.alr.actors.cluster;

import dev.alr.actors.Worker;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pins a worker's training threads to one ND4J device through the backend's affinity manager,
 * as DL4J's {@code ParallelWrapper} does for its workers. On the CPU backend there is one
 * device (0) and pinning changes nothing; with the CUDA backend ({@code -Pcuda}) run one worker
 * per GPU, each with {@code --device N}. Stateless and thread-safe.
 */
public final class DevicePinning {
  private DevicePinning() {
  }

  /**
   * The thread set-up that pins each training thread to {@code device}.
   *
   * @throws IllegalArgumentException naming {@code device} when the backend has no such device
   */
  public static Worker.ThreadSetup to(int device) {
    int devices = Nd4j.getAffinityManager().getNumberOfDevices();
    if (device < 0 || device >= devices) {
      throw new IllegalArgumentException("device: must be in 0.." + (devices - 1) + " on this backend ("
          + Nd4j.getBackend().getClass().getSimpleName() + "), got " + device);
    }
    return t -> Nd4j.getAffinityManager().unsafeSetDevice(device);
  }
}
