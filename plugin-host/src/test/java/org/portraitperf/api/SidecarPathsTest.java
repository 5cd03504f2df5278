package org.portraitperf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarPathsTest {
  @Test
  void defaultSocket_runtimeDirSet_livesThere_elseUnderCache() {
    Path home = Path.of("/home/u");

    assertEquals(Path.of("/run/user/7/portrait-performance/sidecar.sock"),
        SidecarPaths.defaultSocket(Map.of("XDG_RUNTIME_DIR", "/run/user/7"), home));
    assertEquals(Path.of("/home/u/.cache/portrait-performance/sidecar.sock"), SidecarPaths.defaultSocket(Map.of(), home));
  }

  @Test
  void prepare_newFolder_isPrivateAndTheTokenFileOwnerOnly(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("pp/sidecar.sock");

    String token = SidecarPaths.prepare(socket);

    assertEquals(SidecarPaths.PRIVATE_FOLDER, Files.getPosixFilePermissions(socket.getParent()));
    assertEquals(SidecarPaths.PRIVATE_FILE, Files.getPosixFilePermissions(SidecarPaths.tokenFile(socket)));
    assertEquals(token, SidecarPaths.readToken(socket));
    assertEquals(64, token.length());
    assertNotEquals(token, SidecarPaths.prepare(socket), "every start writes a new token");
  }

  @Test
  void prepare_existingSharedFolder_keepsItsPermissions(@TempDir Path dir) throws Exception {
    // A socket placed in a folder others use (/tmp, a project folder): locking them out would break
    // their work, or the system's own services when the sidecar runs as root.
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path socket = shared.resolve("sidecar.sock");

    String token = SidecarPaths.prepare(socket);

    assertEquals(PosixFilePermissions.fromString("rwxrwxrwx"), Files.getPosixFilePermissions(shared));
    assertEquals(SidecarPaths.PRIVATE_FILE, Files.getPosixFilePermissions(SidecarPaths.tokenFile(socket)),
        "the token stays the owner's alone");
    assertEquals(token, SidecarPaths.readToken(socket));
  }

  @Test
  void prepare_staleSocketOfADeadSidecar_isRemoved(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("sidecar.sock");
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket));
    }
    assertTrue(Files.exists(socket), "closing a Java server leaves its socket file behind, as a crash does");

    SidecarPaths.prepare(socket);

    assertFalse(Files.exists(socket));
  }

  @Test
  void prepare_socketAnotherSidecarServes_isRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("sidecar.sock");
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(socket));

      SidecarException refused = assertThrows(SidecarException.class, () -> SidecarPaths.prepare(socket));

      assertTrue(refused.getMessage().contains("another sidecar is already serving"), refused.getMessage());
      assertTrue(Files.exists(socket));
    }
  }
}
