package org.portraitperf.api;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Where a sidecar listens and keeps its token. By default a per-user Unix socket in
 * {@code $XDG_RUNTIME_DIR/portrait-performance/} (a tmpfs only this user can enter, cleared at
 * logout), else {@code ~/.cache/portrait-performance/}; the folder is made 0700 and the token file,
 * {@code <socket>.token}, 0600. A client reads the token from the same place.
 */
public final class SidecarPaths {
  private static final Logger LOG = Logger.getLogger(SidecarPaths.class.getName());
  static final String FOLDER = "portrait-performance";
  static final String SOCKET_NAME = "sidecar.sock";
  static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

  private SidecarPaths() {}

  /** The per-user default socket. */
  public static Path defaultSocket() {
    return defaultSocket(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static Path defaultSocket(Map<String, String> env, Path home) {
    String runtime = env.get("XDG_RUNTIME_DIR");
    Path base = runtime != null && !runtime.isBlank() ? Path.of(runtime) : home.resolve(".cache");
    return base.resolve(FOLDER).resolve(SOCKET_NAME);
  }

  /** The token file that goes with a socket. */
  public static Path tokenFile(Path socket) {
    return socket.resolveSibling(socket.getFileName() + ".token");
  }

  /**
   * Creates the socket's folder 0700 when it is missing, clears a stale socket left by a sidecar that
   * died, and writes a fresh random token (0600). A new token on every start means a client holding
   * an old one is refused rather than talking to a server it did not mean to.
   *
   * <p>A folder that already exists keeps its permissions: a socket the user placed in /tmp or in a
   * project folder must not lock other users (or the system's own services) out of it. Other users
   * who can enter it still reach only a 0600 socket, and no call without the 0600 token; a warning
   * says so.
   *
   * @return the token
   * @throws SidecarException when another sidecar answers on the socket, or the folder cannot be made private
   */
  static String prepare(Path socket) {
    Path folder = socket.toAbsolutePath().getParent();
    try {
      if (Files.isDirectory(folder)) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
        Set<PosixFilePermission> open = EnumSet.copyOf(permissions);
        open.removeAll(PRIVATE_FOLDER);
        if (!open.isEmpty()) {
          LOG.warning(folder + " is open to other users (" + PosixFilePermissions.toString(permissions)
              + "), and left so: the socket is made 0600 and every call needs"
              + " the token in " + tokenFile(socket) + " (0600); a folder of this user alone is safer");
        }
      } else {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PRIVATE_FOLDER));
        Files.setPosixFilePermissions(folder, PRIVATE_FOLDER);  // exactly 0700, whatever the umask
      }
      if (Files.exists(socket)) {
        if (answers(socket)) {
          throw new SidecarException(socket.toString(), "another sidecar is already serving on this socket;"
              + " use it, stop it, or pass another --socket");
        }
        // Nothing listens: a sidecar was killed without removing its socket.
        Files.delete(socket);
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = HexFormat.of().formatHex(random);
      Path tokenFile = tokenFile(socket);
      Files.deleteIfExists(tokenFile);
      Files.writeString(Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PRIVATE_FILE)), token,
          StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
      return token;
    } catch (IOException e) {
      throw new SidecarException(folder.toString(), "cannot prepare the sidecar's private folder: " + e.getMessage());
    }
  }

  /** The token a client sends, read from the file beside the socket. */
  static String readToken(Path socket) {
    Path file = tokenFile(socket);
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new SidecarException(file.toString(), "cannot read the sidecar's token (is the sidecar running? start it"
          + " with `pp serve`): " + e.getMessage());
    }
  }

  /** Whether something accepts connections on the socket. */
  private static boolean answers(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
