package org.portraitperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pp serve} as the command line runs it, on a socket in a temporary folder. */
class ServeCommandTest {
  @Test
  void serve_idleExit_printsItsEndpointThenStopsByItselfAndCleansUp(@TempDir Path dir) {
    Path socket = dir.resolve("sidecar.sock");

    CommandRun run = CommandRun.of("serve", "--socket", socket.toString(), "--idle-exit", "1");

    assertEquals(ExitCodes.OK, run.code(), run.err());
    assertTrue(run.out().contains("listening on unix:" + socket), run.out());
    assertTrue(run.out().contains("token in " + socket + ".token"), run.out());
    assertFalse(Files.exists(socket), "socket removed");
    assertFalse(Files.exists(dir.resolve("sidecar.sock.token")), "token removed");
  }

  @Test
  void serve_tcpOnANonLoopbackAddressWithoutTls_isRefusedNamingWhatItNeeds(@TempDir Path dir) {
    CommandRun run = CommandRun.of("serve", "--socket", dir.resolve("s.sock").toString(), "--tcp", "0", "--bind", "0.0.0.0");

    assertEquals(ExitCodes.BAD_INPUT, run.code(), run.err());
    assertTrue(run.err().contains("error: 0.0.0.0: not a loopback address")
        && run.err().contains("--allow-remote") && run.err().contains("--tls-cert"), run.err());
    assertFalse(Files.exists(dir.resolve("s.sock")), "nothing listens");
  }
}
