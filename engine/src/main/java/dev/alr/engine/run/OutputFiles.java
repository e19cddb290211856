package dev.alr.engine.run;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writing output files so that a run never loses its result to a bad path: {@link #probeFile} and
 * {@link #probeDirectory} check an output before any training (create the missing directories,
 * write and remove a probe file, then remove what they created); {@link #write} replaces a file
 * atomically (a temporary file beside it, flushed to disk, then renamed), and
 * {@link #writeOrRescue} does so or, failing that, saves the bytes in {@code java.io.tmpdir} and
 * says where. Failures carry one plain cause ({@link #cause}: "permission denied", "afile is not a
 * directory", "no space left on device"); callers add the flag or file they concern.
 *
 * <p>Call order for an output: probe before training, write at the end. Stateless and thread-safe
 * (distinct targets; two writers of one target leave one of the two files whole).
 */
public final class OutputFiles {
  private static final int PROBE_BYTES = 4096;

  private OutputFiles() {
  }

  /** Produces a file's content onto a stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content to {@code out} (which the caller closes). */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * A write that failed; the content was saved elsewhere when {@link #rescued()} is not null.
   * The message is one line: what failed, why, and where the content is.
   */
  public static final class UnsavedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path rescued;

    UnsavedException(String message, Path rescued, IOException cause) {
      super(message, cause);
      this.rescued = rescued;
    }

    /** Where the content was saved instead, or null when it could not be saved anywhere. */
    public Path rescued() {
      return rescued;
    }
  }

  /**
   * Checks that {@code file} can be written: it is not a directory nor an existing read-only or
   * immutable file, its directory exists or can be created, and a file can be written there.
   * Leaves nothing behind.
   *
   * @throws IOException with a one-phrase cause as its message
   */
  public static void probeFile(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(file + " is a directory; give a file name");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new IOException(file + " is not writable (read-only or immutable)");
    }
    Path parent = file.getParent();
    probeDirectory(parent == null ? Path.of("") : parent);
  }

  /**
   * Checks that files can be written in {@code dir}: it is a directory or can be created, and a
   * file can be written in it. Leaves nothing behind (directories it created are removed again).
   *
   * @throws IOException with a one-phrase cause as its message
   */
  public static void probeDirectory(Path dir) throws IOException {
    Path d = dir.toString().isEmpty() ? Path.of(".") : dir;
    List<Path> missing = new ArrayList<>();
    Path existing = d;
    while (existing != null && !Files.exists(existing)) {
      missing.add(0, existing);
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new IOException(existing + " is not a directory");
    }
    List<Path> created = new ArrayList<>();
    try {
      for (Path p : missing) {
        try {
          Files.createDirectory(p);
        } catch (IOException e) {
          throw new IOException("cannot create " + p + ": " + reason(e), e);
        }
        created.add(p);
      }
      Path probe = d.resolve(".alr-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
      try {
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer b = ByteBuffer.allocate(PROBE_BYTES);
          while (b.hasRemaining()) {
            ch.write(b);
          }
          ch.force(true);
        }
      } catch (IOException e) {
        throw new IOException("cannot write in " + d + ": " + reason(e), e);
      } finally {
        Files.deleteIfExists(probe);
      }
    } finally {
      for (int i = created.size() - 1; i >= 0; i--) {
        Files.deleteIfExists(created.get(i));
      }
    }
  }

  /** Replaces {@code target} with {@code bytes} atomically, creating its directory. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /**
   * Replaces {@code target} atomically with what {@code content} writes, creating its directory:
   * a temporary file beside it, flushed to disk, then renamed. On failure {@code target} is
   * unchanged and no temporary file is left.
   */
  public static void write(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new NotDirectoryException(e.getFile());
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = open(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
        content.writeTo(out);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes {@code bytes} to {@code target} like {@link #write(Path, byte[])}; when that fails,
   * saves them to a new file in {@code java.io.tmpdir} and throws with both causes.
   *
   * @throws UnsavedException naming the target, the cause and where the bytes are
   */
  public static void writeOrRescue(Path target, byte[] bytes) throws UnsavedException {
    try {
      write(target, bytes);
    } catch (IOException e) {
      String failed = "cannot write " + target + ": " + cause(e);
      Path rescued;
      try {
        rescued = Files.createTempFile("alr-", "-" + target.getFileName());
        Files.write(rescued, bytes);
      } catch (IOException e2) {
        throw new UnsavedException(failed + "; saving it in " + System.getProperty("java.io.tmpdir")
            + " failed too: " + cause(e2), null, e);
      }
      throw new UnsavedException(failed + "; the content is saved in " + rescued + " instead", rescued, e);
    }
  }

  /**
   * A new file for writing, created exclusively; closing it flushes it to disk ({@code fsync}), so
   * a rename after the close publishes complete content.
   */
  public static OutputStream create(Path file) throws IOException {
    return open(file, StandardOpenOption.CREATE_NEW);
  }

  private static OutputStream open(Path file, StandardOpenOption mode) throws IOException {
    FileChannel ch = FileChannel.open(file, mode, StandardOpenOption.WRITE);
    return new FilterOutputStream(Channels.newOutputStream(ch)) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        try {
          ch.force(true);
        } finally {
          ch.close();
        }
      }
    };
  }

  /** Renames {@code from} to {@code to}, replacing it: atomically where the file system can. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes {@code p} and, if it is a directory, everything under it; nothing when it is absent. */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /**
   * The cause of an I/O failure as one plain phrase, e.g. "permission denied", "no space left on
   * device", "x is not a directory".
   */
  public static String cause(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException n) {
      return n.getFile() + " is not a directory";
    }
    if (e instanceof NoSuchFileException n) {
      return (n.getFile() == null ? "" : n.getFile() + ": ") + "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + " already exists";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return lower(f.getReason());
    }
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      return e.getClass().getSimpleName();
    }
    return lower(e.getMessage());
  }

  /** Like {@link #cause} but without the file name, for messages that name it already. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    return cause(e);
  }

  private static String lower(String s) {
    String first = s.substring(0, 1);
    boolean acronym = s.length() > 1 && Character.isUpperCase(s.charAt(1));
    return acronym ? s : first.toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
