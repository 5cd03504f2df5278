package org.portraitperf;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write-then-rename, for every output the product writes (videos, images, models, records):
 * outputs are produced under a hidden temporary name in the destination's own directory (so the
 * rename stays on one file system and is atomic) and appear under their final name only when
 * complete.
 */
public final class AtomicFiles {

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Temporaries handed out and not yet committed or deleted. A Ctrl-C or a kill ends the JVM
   * without unwinding the writers, so a shutdown hook removes what is left: an interrupted run
   * leaves neither a partial output nor its hidden temporary behind.
   */
  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(AtomicFiles::discard),
        "pp-temp-cleanup"));
  }

  private AtomicFiles() {}

  /** A fresh hidden name next to {@code target}, e.g. {@code .take.mp4.3f9a1c.partial}. */
  public static Path temporaryBeside(Path target) {
    byte[] tag = new byte[6];
    RANDOM.nextBytes(tag);
    Path absolute = target.toAbsolutePath();
    Path temp = absolute.resolveSibling(
        "." + absolute.getFileName() + "." + HexFormat.of().formatHex(tag) + ".partial");
    PENDING.add(temp);
    return temp;
  }

  /** Moves the finished temporary into place, replacing an older output of the same name. */
  public static void commit(Path temp, Path target) throws IOException {
    Files.move(temp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    PENDING.remove(temp);
  }

  /**
   * Removes a directory tree so that it leaves its name at once: it is renamed to a hidden name
   * beside it ({@link #removing}), then deleted. A process killed during the deletion leaves that
   * hidden tree behind, never part of the tree under its own name, where a later run would take
   * what is left for what there is; callers clear such leftovers with {@code discard(removing(folder))}.
   */
  public static void removeTree(Path folder) {
    Path hidden = removing(folder);
    discard(hidden);
    try {
      Files.move(folder.toAbsolutePath(), hidden, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      // A file system that cannot rename it: delete it in place.
      discard(folder);
      return;
    }
    discard(hidden);
  }

  /** The hidden name beside {@code folder} that {@link #removeTree} moves it to before deleting it. */
  public static Path removing(Path folder) {
    Path absolute = folder.toAbsolutePath();
    return absolute.resolveSibling("." + absolute.getFileName() + ".removing");
  }

  /** Removes a temporary file or directory tree; failures are ignored, it is already garbage. */
  public static void discard(Path temp) {
    PENDING.remove(temp);
    try {
      if (Files.isDirectory(temp)) {
        Files.walkFileTree(temp, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
      } else {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      // Best effort: the name is hidden and unique, so a leftover cannot be mistaken for output.
    }
  }
}
