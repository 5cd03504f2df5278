package org.portraitperf.installer.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the per-user locations depend on: the file system, the environment variables, the user's
 * home and id. When the installer runs as root through {@code sudo}, the user is the one who typed
 * sudo: host caches and a user service belong to that editor, not to root.
 *
 * @param uid the numeric user id, or -1 where the system has none (Windows)
 * @param owner the user that per-user files written as root must be handed to, when running under sudo
 */
public record Environment(FileSystem fileSystem, Map<String, String> variables, Path home, long uid,
    Optional<String> owner) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The variable's value, when set and not blank. */
  public Optional<String> variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** This process's environment. */
  public static Environment current() {
    FileSystem fs = FileSystems.getDefault();
    Map<String, String> env = System.getenv();
    String sudoUser = env.get("SUDO_USER");
    boolean underSudo = "root".equals(System.getProperty("user.name")) && sudoUser != null && !sudoUser.isBlank()
        && !sudoUser.equals("root");
    if (underSudo) {
      long uid = parseUid(env.get("SUDO_UID"));
      Path home = homeFromPasswd(fs.getPath("/etc/passwd"), sudoUser)
          .orElse(fs.getPath(Os.current() == Os.MACOS ? "/Users" : "/home", sudoUser));
      return new Environment(fs, env, home, uid, Optional.of(sudoUser));
    }
    Path home = fs.getPath(System.getProperty("user.home"));
    return new Environment(fs, env, home, currentUid(fs, home), Optional.empty());
  }

  private static long parseUid(String text) {
    try {
      return text == null ? -1 : Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The home folder {@code /etc/passwd} gives the user, if the file lists them (macOS keeps users elsewhere). */
  static Optional<Path> homeFromPasswd(Path passwd, String user) {
    try {
      List<String> lines = Files.readAllLines(passwd, StandardCharsets.UTF_8);
      for (String line : lines) {
        String[] fields = line.split(":", -1);
        if (fields.length >= 7 && fields[0].equals(user) && !fields[5].isBlank()) {
          return Optional.of(passwd.getFileSystem().getPath(fields[5]));
        }
      }
    } catch (IOException e) {
      // No readable passwd file: the caller falls back to the usual home folder.
    }
    return Optional.empty();
  }

  /** The process's uid: the owner of /proc/self on Linux, else of the home folder. */
  private static long currentUid(FileSystem fs, Path home) {
    for (Path probe : List.of(fs.getPath("/proc/self"), home)) {
      try {
        return ((Number) Files.getAttribute(probe, "unix:uid")).longValue();
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        // Not a Unix file system, or no /proc: try the next probe.
      }
    }
    return -1;
  }
}
