package org.portraitperf.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The per-user model directory. Chosen, in order, by the {@code PP_MODELS_DIR} environment
 * variable, then {@code $XDG_DATA_HOME/portrait-performance/models}, then
 * {@code ~/.local/share/portrait-performance/models}.
 */
public final class ModelStore {
  static final String DIR_VARIABLE = "PP_MODELS_DIR";

  private final Path root;

  public ModelStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The store the environment points at. */
  public static ModelStore fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static ModelStore fromEnvironment(Map<String, String> env, Path home) {
    String explicit = env.get(DIR_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      return new ModelStore(Path.of(explicit));
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path dataHome = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share");
    return new ModelStore(dataHome.resolve("portrait-performance/models"));
  }

  public Path root() {
    return root;
  }

  /** Where the file lives when installed, whether or not it is there. */
  public Path pathOf(ModelFile file) {
    return root.resolve(file.relativePath());
  }

  /**
   * The installed file, or an error that names the model and the command that installs it.
   * Presence is checked here; the checksum is checked by {@code models verify} and at install,
   * since hashing 100 MB on every start would cost more than the start itself.
   */
  public Path require(ModelFile file) {
    Path path = pathOf(file);
    if (!Files.isRegularFile(path)) {
      throw new ModelException(
          file.displayName(),
          "not installed (looked in " + path + "); run `./pp models install` to fetch it");
    }
    return path;
  }
}
