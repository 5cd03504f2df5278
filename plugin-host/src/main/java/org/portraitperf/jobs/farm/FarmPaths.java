package org.portraitperf.jobs.farm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.portraitperf.jobs.CanonicalPath;

/**
 * What farm hosts can see: the shared storage they mount ({@code roots}, as this machine spells
 * them), and for storage they mount under another name, how they spell it ({@code mappings}, say a
 * workstation's {@code /Volumes/projects} that Linux hosts mount at {@code /mnt/projects}). Every
 * file a farm job reads or writes must lie inside a root; links are resolved first, so a link into
 * the storage counts as the storage.
 */
public record FarmPaths(List<Path> roots, List<Mapping> mappings) {

  /** A folder as this machine sees it and as the farm hosts see it. */
  public record Mapping(Path local, Path farm) {
    public Mapping {
      local = CanonicalPath.of(local);
      if (!farm.isAbsolute()) {
        throw new IllegalArgumentException("path map target '" + farm + "' is not an absolute path");
      }
      farm = farm.normalize();
    }

    /**
     * Reads {@code LOCAL=FARM}.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static Mapping parse(String text) {
      int equals = text.indexOf('=');
      if (equals <= 0 || equals == text.length() - 1) {
        throw new IllegalArgumentException("path map '" + text + "' is not LOCAL=FARM (e.g. /Volumes/projects=/mnt/projects)");
      }
      return new Mapping(Path.of(text.substring(0, equals)), Path.of(text.substring(equals + 1)));
    }
  }

  public FarmPaths {
    roots = roots.stream().map(CanonicalPath::of).distinct().toList();
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no farm root given: name the shared storage farm hosts mount with --farm-root"
          + " DIR (or PP_FARM_ROOTS)");
    }
    // Longest first, so a mapping of a subfolder wins over one of its parent.
    mappings = mappings.stream().sorted(Comparator.comparingInt((Mapping m) -> m.local().getNameCount()).reversed())
        .toList();
  }

  /**
   * @param what what the path is, for the message ({@code take sc12 portrait})
   * @throws FarmException when the path lies outside every root
   */
  public void requireVisible(Path path, String what) {
    Path canonical = CanonicalPath.of(path);
    if (roots.stream().noneMatch(canonical::startsWith)) {
      throw new FarmException(what + " " + path, "lies outside the farm roots (" + roots.stream().map(Path::toString)
          .collect(Collectors.joining(", ")) + "), so farm hosts cannot see it (move it there, or name its shared"
          + " storage with --farm-root)");
    }
  }

  /**
   * What keeps this machine from using {@code root} as a farm host must (a missing mount, no right
   * to write), or empty when nothing does. Writes and removes a small hidden file to find out.
   */
  public static Optional<String> problemWith(Path root) {
    if (!Files.exists(root)) {
      return Optional.of("does not exist here (is the shared storage mounted?)");
    }
    if (!Files.isDirectory(root)) {
      return Optional.of("is not a folder");
    }
    try {
      Files.delete(Files.createTempFile(root, ".pp-doctor-", ".probe"));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot be written (" + e.getMessage() + "); tasks write ranges and outputs there");
    }
  }

  /** The path as farm hosts spell it. */
  public Path onFarm(Path local) {
    Path canonical = CanonicalPath.of(local);
    for (Mapping mapping : mappings) {
      if (canonical.startsWith(mapping.local())) {
        return mapping.farm().resolve(mapping.local().relativize(canonical).toString());
      }
    }
    return canonical;
  }
}
