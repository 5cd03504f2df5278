package org.portraitperf.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the few outside programs the installer needs (dpkg-deb, getconf, the installed pp) and keeps what they said. */
public final class Processes {
  private Processes() {}

  /** How a program ended and everything it printed, both streams in order. */
  public record Result(int code, String output) {
    public boolean ok() {
      return code == 0;
    }

    /** The last non-blank line, which is where programs put their reason for failing. */
    public String lastLine() {
      List<String> lines = output.strip().lines().toList();
      return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
  }

  /**
   * Runs {@code command} with the given extra environment and waits at most {@code timeout}.
   *
   * @throws InstallerException naming the program when it cannot start or does not finish in time
   */
  public static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
    Path log = null;
    try {
      log = Files.createTempFile("pp-setup-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new InstallerException(command.get(0), "did not finish within " + timeout.toSeconds() + " s");
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InstallerException(command.get(0), "cannot be run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InstallerException(command.get(0), "interrupted", e);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException e) {
          // A leftover log in the temp folder is harmless.
        }
      }
    }
  }
}
