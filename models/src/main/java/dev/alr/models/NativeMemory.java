package dev.alr.models;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.deallocation.DeallocatableReference;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Frees the native memory of garbage-collected ND4J arrays only while no model is running native
 * code, which closes a use-after-free in ND4J 1.0.0-M2.1 that crashes the JVM.
 *
 * <p><b>The bug.</b> ND4J frees the native buffer of an array on a deallocator thread once the GC
 * finds the array's Java object unreachable. Its legacy op path hands native code only the raw
 * buffer handles: {@code BaseNDArray.addiRowVector} (DL4J adds every layer's bias with it) builds a
 * temporary {@code BroadcastAddOp} whose dimension array ({@code [1]}) is referenced by that op
 * alone, and {@code NativeOpExecutioner.exec(BroadcastOp)} does not use the op after reading its
 * handles, so the JIT treats the op as dead during the {@code execBroadcast} JNI call. A GC at
 * that moment (another thread allocating, or this one inside {@code addressPointer()}) lets the
 * deallocator thread delete the dimension buffer while {@code execBroadcast} reads it:
 * {@code SIGSEGV} in {@code sd::DataBuffer::primary()} or, when the freed block still yields a
 * pointer, in {@code sd::TadDescriptor::TadDescriptor} ({@code SEGV_MAPERR} at a small address).
 * Any op built as a temporary with arrays only it holds is exposed the same way.
 *
 * <p><b>The fix.</b> {@link #install()} replaces ND4J's deallocator service with one that frees
 * collected buffers under the write side of a read–write lock; model code runs its native work
 * inside {@link #enter()} sections (the read side). A buffer that became unreachable during a
 * section is therefore freed only after every section open at that moment has ended, when no
 * native call can still be using it. Sections are cheap and reentrant; the deallocator waits for
 * a gap between sections (at most one training step), then frees everything queued.
 *
 * <p>Call order: {@link #install()} before the first array is created (model factories do);
 * then any number of {@link #enter()}/{@link #exit()} sections on any threads. Arrays created before installation
 * stay with ND4J's own deallocator. Thread-safe.
 */
public final class NativeMemory {
  private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();
  private static volatile GuardedDeallocatorService service;

  private NativeMemory() {
  }

  /**
   * Makes ND4J free collected arrays only between {@link #enter()} sections. Idempotent.
   *
   * @throws IllegalStateException when this ND4J version does not have the expected internals
   */
  public static void install() {
    if (service != null) {
      return;
    }
    synchronized (Nd4j.class) {
      if (service != null) {
        return;
      }
      GuardedDeallocatorService guarded = new GuardedDeallocatorService();
      try {
        Field field = Nd4j.class.getDeclaredField("deallocatorService");
        field.setAccessible(true);
        field.set(null, guarded);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException("cannot install the guarded ND4J deallocator (ND4J "
            + "internals changed?): " + e, e);
      }
      guarded.start();
      service = guarded;
    }
  }

  /** Whether {@link #install()} has replaced ND4J's deallocator in this JVM. */
  public static boolean installed() {
    return service != null && Nd4j.getDeallocatorService() == service;
  }

  /**
   * Opens a section in which native code may use arrays: until {@link #exit()} on the same thread,
   * no collected array's native memory is freed. Sections nest; use
   * {@code enter(); try { ... } finally { exit(); }}.
   */
  public static void enter() {
    LOCK.readLock().lock();
  }

  /** Closes the innermost section this thread opened with {@link #enter()}. */
  public static void exit() {
    LOCK.readLock().unlock();
  }

  /** Whether the deallocator has collected buffers to free and waits for open sections to end. */
  static boolean deallocatorWaiting() {
    return LOCK.hasQueuedThreads();
  }

  /** Buffers freed by the guarded deallocator so far (for tests and diagnostics). */
  public static long freed() {
    GuardedDeallocatorService s = service;
    return s == null ? 0 : s.freed;
  }

  /**
   * ND4J's deallocator service with its queue drained by one thread under the write lock. The
   * superclass's own threads stay idle: every buffer registers here instead.
   */
  private static final class GuardedDeallocatorService extends DeallocatorService {
    private final ReferenceQueue<Deallocatable> queue = new ReferenceQueue<>();
    /** Keeps each reference reachable until its buffer is freed (as ND4J's service does). */
    private final Map<String, DeallocatableReference> pending = new ConcurrentHashMap<>();
    private final boolean disabled = Boolean.parseBoolean(System.getProperty("org.nd4j.noarraygc", "false"))
        || Boolean.parseBoolean(System.getProperty("org.bytedeco.javacpp.nopointergc", "false"));
    private volatile long freed;
    private volatile long failed;

    void start() {
      Thread t = new Thread(this::drain, "alr-nd4j-deallocator");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void pickObject(Deallocatable deallocatable) {
      if (disabled) {
        return;
      }
      DeallocatableReference ref = new DeallocatableReference(deallocatable, queue);
      pending.put(ref.getId(), ref);
    }

    private void drain() {
      while (true) {
        Reference<? extends Deallocatable> first;
        try {
          first = queue.remove();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        LOCK.writeLock().lock();
        try {
          for (Reference<? extends Deallocatable> r = first; r != null; r = queue.poll()) {
            DeallocatableReference ref = (DeallocatableReference) r;
            pending.remove(ref.getId());
            try {
              ref.getDeallocator().deallocate();
              freed++;
            } catch (RuntimeException e) {
              // One buffer that cannot be freed is leaked, as ND4J would; the thread goes on.
              failed++;
            }
          }
        } finally {
          LOCK.writeLock().unlock();
        }
      }
    }
  }
}
