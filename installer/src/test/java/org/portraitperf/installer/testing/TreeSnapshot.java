package org.portraitperf.installer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.portraitperf.models.Checksums;

/**
 * Every entry under a folder with what it is (folder, link target, or the file's SHA-256), so that
 * "the root as it was" is one equality.
 */
public final class TreeSnapshot {
  private TreeSnapshot() {}

  public static Map<String, String> of(Path root) throws IOException {
    return of(root, path -> true);
  }

  /** Only the entries {@code include} accepts (paths relative to the root). */
  public static Map<String, String> of(Path root, Predicate<String> include) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        String name = root.relativize(path).toString();
        if (!include.test(name)) {
          continue;
        }
        if (Files.isSymbolicLink(path)) {
          entries.put(name, "link -> " + Files.readSymbolicLink(path));
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          entries.put(name, "folder");
        } else {
          entries.put(name, Checksums.sha256(path));
        }
      }
    }
    return entries;
  }
}
