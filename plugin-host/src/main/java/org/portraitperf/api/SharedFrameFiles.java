package org.portraitperf.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.portraitperf.proto.v1.SharedRegion;

/**
 * A client's side of frames in shared memory: files it makes in the sidecar's folder (named after
 * this process, 0600), each mapped once and lent to one call at a time, then reused. A file whose
 * call did not end cleanly is abandoned rather than reused, since the sidecar may still write into
 * it. Closing removes every file. Thread-safe.
 */
final class SharedFrameFiles implements AutoCloseable {
  /** Files kept for reuse; more are made while more calls are in flight, and removed after. */
  private static final int KEPT = 8;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Path folder;
  private final Deque<Lease> free = new ArrayDeque<>();
  private final Set<Lease> all = new HashSet<>();
  private boolean closed;

  SharedFrameFiles(Path folder) {
    this.folder = folder;
  }

  /** One file, lent to one call. */
  static final class Lease {
    private final Path file;
    private final MappedByteBuffer buffer;

    private Lease(Path file, MappedByteBuffer buffer) {
      this.file = file;
      this.buffer = buffer;
    }

    int size() {
      return buffer.capacity();
    }

    /** How a message names {@code length} bytes of this file from {@code offset}. */
    SharedRegion region(int offset, int length) {
      return SharedRegion.newBuilder().setFile(file.getFileName().toString()).setOffset(offset).setLength(length).build();
    }

    /** The same bytes, to write a frame into or read an answer from. */
    ByteBuffer bytes(int offset, int length) {
      return buffer.slice(offset, length);
    }
  }

  /**
   * A file of at least {@code bytes} bytes, free for the caller until it gives it back.
   *
   * @throws UncheckedIOException when no file can be made in the folder
   */
  synchronized Lease acquire(int bytes) {
    if (closed) {
      throw new IllegalStateException("shared frame files are closed");
    }
    for (Lease lease : free) {
      if (lease.size() >= bytes) {
        free.remove(lease);
        return lease;
      }
    }
    Path file = folder.resolve(ProcessHandle.current().pid() + "-cli-" + SEQUENCE.incrementAndGet() + ".frames");
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(SidecarPaths.PRIVATE_FILE));
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        // Mapping past the end grows the file to the mapping's size.
        Lease lease = new Lease(file, channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes));
        all.add(lease);
        return lease;
      }
    } catch (IOException e) {
      deleteQuietly(file);
      throw new UncheckedIOException("cannot make a shared frame file in " + folder, e);
    }
  }

  /** Gives a file back after a call that ended with an answer. */
  synchronized void release(Lease lease) {
    if (closed || free.size() >= KEPT) {
      abandon(lease);
    } else {
      free.push(lease);
    }
  }

  /** Gives up a file whose call failed or was cancelled: the sidecar may still be writing into it. */
  synchronized void abandon(Lease lease) {
    all.remove(lease);
    deleteQuietly(lease.file);
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Lease lease : all) {
      deleteQuietly(lease.file);
    }
    all.clear();
    free.clear();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The sidecar removes files of stopped clients; nothing else to do here.
    }
  }
}
