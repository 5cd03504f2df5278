package org.portraitperf.installer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A program run the way a user runs it, with its exit code and everything it printed. */
public record Command(int code, String output) {

  /** Variables the tests must not inherit: they would point the bridge or the sidecar elsewhere. */
  public static final Set<String> STEERING = Set.of("PP_SIDECAR_RUNTIME", "PP_MODELS_DIR", "PP_SIDECAR_SOCKET",
      "OFX_PLUGIN_PATH");

  public static Command run(List<String> command, Map<String, String> env, Duration timeout) throws IOException {
    Path log = Files.createTempFile("pp-it-", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      STEERING.forEach(builder.environment()::remove);
      builder.environment().putAll(env);
      // dpkg looks for ldconfig and start-stop-daemon, which live in the sbin folders.
      builder.environment().put("PATH", "/usr/local/sbin:/usr/sbin:/sbin:" + builder.environment().getOrDefault("PATH", "/usr/bin:/bin"));
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Command(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  public static Command run(Duration timeout, String... command) throws IOException {
    return run(List.of(command), Map.of(), timeout);
  }
}
