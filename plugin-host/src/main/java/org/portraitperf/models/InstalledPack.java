package org.portraitperf.models;

import java.nio.file.Path;

/**
 * A verified model pack, ready for an engine to load.
 *
 * @param manifest what the pack was installed from
 * @param folder where its files live
 */
public record InstalledPack(PackManifest manifest, Path folder) {

  /**
   * The installed file playing {@code role}.
   *
   * @throws ModelException when the pack has no file in that role
   */
  public Path path(String role) {
    return folder.resolve(file(role).name());
  }

  /** The manifest entry playing {@code role}. */
  public PackFile file(String role) {
    return manifest.file(role).orElseThrow(() -> new ModelException(manifest.id(),
        "has no file for the role '" + role + "' (format " + manifest.format() + ")"));
  }
}
