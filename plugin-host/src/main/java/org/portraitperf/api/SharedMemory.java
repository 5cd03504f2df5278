package org.portraitperf.api;

import com.google.inject.Singleton;
import io.grpc.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portraitperf.proto.v1.Frame;
import org.portraitperf.proto.v1.SharedRegion;

/**
 * The sidecar's side of frames in shared memory. A client on this machine writes a frame into a
 * file of the folder GetInfo names and sends only the file's name, offset and length; the sidecar
 * maps the file and reads (or writes the answer) in place, so 8 MB of pixels never cross the socket
 * twice per call. Only plain files directly inside the private folder are ever mapped: a name with a
 * folder part, a link or anything else is refused, so a caller cannot make the sidecar read or write
 * elsewhere.
 *
 * <p>Mappings are kept per file (the last {@link #MAX_MAPPINGS}) and made again when the file under a
 * name changes; the JVM unmaps a dropped one once it is unreachable. Clients name their files
 * {@code <pid>-...}, so files left by a client that died are removed at start and at housekeeping.
 * Thread-safe.
 */
@Singleton
final class SharedMemory {
  private static final Logger LOG = Logger.getLogger(SharedMemory.class.getName());
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
  /**
   * A client's file: {@code <pid>-<client>-<n>.frames}. Nothing else is ever removed, whatever else
   * the folder holds.
   */
  private static final Pattern OWNER = Pattern.compile("(\\d+)-[a-z]+-\\d+\\.frames");
  /** Files kept mapped at once: a few per editor render thread, for a few editors. */
  static final int MAX_MAPPINGS = 64;

  private record Mapping(Object fileKey, long size, MappedByteBuffer buffer) {}

  private final Map<String, Mapping> mappings = new LinkedHashMap<>(16, 0.75f, true);
  private Path folder;

  /**
   * Where frames go for a sidecar on {@code socket}: a folder beside the socket named after it, like
   * its token and log ({@code <socket>.frames}), when the socket's folder is a RAM file system
   * ({@code $XDG_RUNTIME_DIR}), else a private folder in {@code /dev/shm} when there is one, else
   * beside the socket anyway (a disk file works, through the page cache). Named after the socket so
   * that a socket placed in a shared folder such as /tmp never takes over a folder of the user's.
   */
  static Path folderFor(Path socket) {
    Path absolute = socket.toAbsolutePath();
    Path beside = absolute.resolveSibling(absolute.getFileName() + ".frames");
    Path shm = Path.of("/dev/shm");
    if (isRam(absolute.getParent()) || !Files.isDirectory(shm) || !isRam(shm)) {
      return beside;
    }
    return shm.resolve(SidecarPaths.FOLDER + "-" + System.getProperty("user.name"));
  }

  private static boolean isRam(Path path) {
    try {
      FileStore store = Files.getFileStore(path);
      return store.type().equals("tmpfs");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Offers shared memory in {@code folder}, made 0700 if new, and removes files of clients that
   * died. A folder another user owns, or that others can enter, is not used: the sidecar then offers
   * no shared memory and clients send pixels in messages.
   */
  synchronized void open(Path folder) {
    try {
      Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(SidecarPaths.PRIVATE_FOLDER));
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
          || !Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
        LOG.warning(folder + " is not a folder of this user: frames travel in messages");
        return;
      }
      Files.setPosixFilePermissions(folder, SidecarPaths.PRIVATE_FOLDER);
      this.folder = folder;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.WARNING, "cannot use " + folder + " for shared frames: frames travel in messages", e);
      return;
    }
    removeOrphans();
  }

  /** The folder clients put frame files in, when shared memory is on. */
  synchronized Optional<Path> folder() {
    return Optional.ofNullable(folder);
  }

  /**
   * A sent frame's pixels: the region of shared memory it names, else the message's own bytes.
   *
   * @throws ApiError INVALID_ARGUMENT (reason SHARED_MEMORY) for a region that cannot be used
   */
  ByteBuffer pixelsOf(Frame frame, String name) {
    if (!frame.hasShared()) {
      return frame.getPixels().asReadOnlyByteBuffer();
    }
    if (!frame.getPixels().isEmpty()) {
      throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_FRAME,
          name + ": has both pixels and a shared region (expected one of them)");
    }
    return map(frame.getShared(), name).asReadOnlyBuffer();
  }

  /** The region's bytes, to write an answer into. */
  ByteBuffer writable(SharedRegion region, String name) {
    return map(region, name);
  }

  private ByteBuffer map(SharedRegion region, String name) {
    String file = region.getFile();
    if (!NAME.matcher(file).matches()) {
      throw refused(name, "shared file name '" + file + "' is not a plain name (letters, digits, '.', '_', '-'; not starting with '.')");
    }
    Mapping mapping = mapping(file, name);
    long offset = region.getOffset();
    long length = region.getLength();
    if (offset < 0 || length < 0 || offset + length > mapping.size() || offset + length < offset) {
      throw refused(name, "region " + offset + "+" + length + " lies outside shared file '" + file + "' ("
          + mapping.size() + " bytes)");
    }
    return mapping.buffer().slice((int) offset, (int) length);
  }

  private synchronized Mapping mapping(String file, String name) {
    if (folder == null) {
      throw refused(name, "this sidecar offers no shared memory; send the pixels in the message");
    }
    Path path = folder.resolve(file);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      mappings.remove(file);
      throw refused(name, "shared file '" + file + "' is not in " + folder);
    }
    if (!attributes.isRegularFile()) {
      throw refused(name, "shared file '" + file + "' is not a plain file");
    }
    Mapping known = mappings.get(file);
    if (known != null && known.fileKey().equals(attributes.fileKey()) && known.size() == attributes.size()) {
      return known;
    }
    if (attributes.size() > Integer.MAX_VALUE) {
      throw refused(name, "shared file '" + file + "' is " + attributes.size() + " bytes, over the 2 GiB a mapping may hold");
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      // The mapping outlives the channel; the file's pages are shared with the client's mapping.
      Mapping made = new Mapping(attributes.fileKey(), attributes.size(),
          channel.map(FileChannel.MapMode.READ_WRITE, 0, attributes.size()));
      mappings.put(file, made);
      while (mappings.size() > MAX_MAPPINGS) {
        mappings.remove(mappings.keySet().iterator().next());
      }
      return made;
    } catch (IOException e) {
      throw refused(name, "cannot map shared file '" + file + "': " + e.getMessage());
    }
  }

  /**
   * Removes the files of clients that are no longer running, so a crashed editor does not leave
   * frames in memory until the next reboot.
   *
   * @return how many files were removed
   */
  synchronized int removeOrphans() {
    if (folder == null) {
      return 0;
    }
    int removed = 0;
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Matcher owner = OWNER.matcher(file.getFileName().toString());
        if (owner.matches() && !running(owner.group(1))) {
          mappings.remove(file.getFileName().toString());
          Files.deleteIfExists(file);
          removed++;
        }
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot tidy " + folder, e);
    }
    return removed;
  }

  private static boolean running(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true; // not a process id: not ours to judge
    }
  }

  private static ApiError refused(String name, String problem) {
    return new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.SHARED_MEMORY, name + ": " + problem);
  }
}
