package org.portraitperf.installer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OFX bridge's test host rendering through an installed bundle: the sidecar is whatever the
 * bundle finds in its installed layout (never PP_SIDECAR_RUNTIME), on a private socket.
 *
 * @param sidecarPid the sidecar the bridge started, still running (stop it with {@link #stopSidecar})
 */
public record TestHost(Command run, long sidecarPid) {

  public static TestHost render(Path bundle, Path socketFolder) throws IOException {
    Path socket = socketFolder.resolve("s.sock");
    Command run = Command.run(List.of(RepositoryBuild.testHost().toString(), "byte-rgba", bundle.toString(),
        RepositoryBuild.frames().toString(), RepositoryBuild.portrait().toString()),
        Map.of("PP_SIDECAR_SOCKET", socket.toString(), "PP_SIDECAR_IDLE_EXIT", "60"), Duration.ofMinutes(5));
    Path pid = socketFolder.resolve("s.sock.pid");
    long sidecar = Files.exists(pid) ? Long.parseLong(Files.readString(pid).strip()) : -1;
    return new TestHost(run, sidecar);
  }

  /** The sidecar's command line, arguments separated by spaces. */
  public String sidecarCommand() throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc", Long.toString(sidecarPid), "cmdline")), StandardCharsets.UTF_8)
        .replace('\0', ' ').strip();
  }

  /** The shared libraries the sidecar has loaded, by path. */
  public List<String> sidecarLibraries() throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(sidecarPid), "maps")).stream()
        .map(line -> line.split("\\s+"))
        .filter(fields -> fields.length >= 6 && fields[5].contains(".so"))
        .map(fields -> fields[5])
        .distinct()
        .sorted()
        .toList();
  }

  /** Stops this test's own sidecar (started by the bridge for this test) and waits for it to go. */
  public void stopSidecar() {
    if (sidecarPid > 1) {
      ProcessHandle.of(sidecarPid).ifPresent(process -> {
        process.destroy();
        try {
          process.onExit().get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
          process.destroyForcibly();
        }
      });
    }
  }
}
