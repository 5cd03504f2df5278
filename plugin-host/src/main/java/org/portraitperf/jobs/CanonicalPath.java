package org.portraitperf.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A path with links resolved as far as it exists, so that two spellings of one file (a link,
 * {@code ..}) count as the same file; the part that does not exist yet is kept as written.
 */
public final class CanonicalPath {
  private CanonicalPath() {}

  public static Path of(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute));
    } catch (IOException e) {
      return absolute;
    }
  }
}
