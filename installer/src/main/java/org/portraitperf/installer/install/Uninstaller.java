package org.portraitperf.installer.install;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.install.InstallRecord.RecordedFile;
import org.portraitperf.installer.install.InstallRecord.RecordedLink;
import org.portraitperf.installer.platform.Locations;

/**
 * Removes exactly what the install record lists: its files and links, then the record, then the
 * folders it owns, each only once empty. Anything else found there (a pack installed later with
 * {@code pp models install}, a user's own file) is left and named.
 */
public final class Uninstaller {

  /**
   * What uninstall did.
   *
   * @param removed files and links removed
   * @param missing recorded files that were already gone
   * @param left folders kept because they hold something the installation did not put there
   */
  public record Outcome(InstallRecord record, int removed, List<String> missing, List<String> left) {}

  public Outcome uninstall(Locations where, Root root) {
    InstallRecord record = Installations.require(where, root);
    refuseDpkg(record, where);
    FileSystem fs = where.appDir().getFileSystem();
    int removed = 0;
    List<String> missing = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    record.files().stream().map(RecordedFile::path).forEach(paths::add);
    record.links().stream().map(RecordedLink::path).forEach(paths::add);
    for (String path : paths) {
      Path placed = root.place(fs.getPath(path));
      try {
        if (Files.deleteIfExists(placed)) {
          removed++;
        } else {
          missing.add(path);
        }
      } catch (IOException e) {
        throw Installer.failure(e);
      }
    }
    try {
      Files.deleteIfExists(root.place(where.record()));
    } catch (IOException e) {
      throw Installer.failure(e);
    }
    List<String> left = new ArrayList<>();
    Set<Path> kept = new HashSet<>();
    for (String folder : deepestFirst(record.directories())) {
      Path path = fs.getPath(folder);
      Path placed = root.place(path);
      if (Files.isDirectory(placed, LinkOption.NOFOLLOW_LINKS) && !FileTransaction.deleteIfEmpty(placed)) {
        kept.add(path);
        if (holdsOtherThan(placed, path, kept)) {
          left.add(folder);
        }
      }
    }
    return new Outcome(record, removed, missing, left);
  }

  /** What {@link #uninstall} would remove, without touching anything. */
  public List<String> describe(Locations where, Root root) {
    InstallRecord record = Installations.require(where, root);
    refuseDpkg(record, where);
    List<String> lines = new ArrayList<>();
    lines.add("would remove " + Product.NAME + " " + record.version() + " (installed " + record.installedAt() + ")");
    record.files().forEach(f -> lines.add("  remove   " + f.path()));
    record.links().forEach(l -> lines.add("  remove   " + l.path()));
    lines.add("  remove   " + where.record());
    deepestFirst(record.directories()).forEach(d -> lines.add("  folder   " + d + " (if empty)"));
    lines.add("nothing was removed");
    return lines;
  }

  private static void refuseDpkg(InstallRecord record, Locations where) {
    if (record.manager().equals(InstallRecord.BY_DPKG)) {
      throw new InstallerException(where.appDir().toString(), "holds the Debian package " + Product.ID + " "
          + record.version() + "; remove it with apt remove " + Product.ID + " (or dpkg -r " + Product.ID + ")");
    }
  }

  private static List<String> deepestFirst(List<String> folders) {
    return folders.stream().sorted(Comparator.comparingInt(String::length).reversed()
        .thenComparing(Comparator.reverseOrder())).toList();
  }

  /**
   * Whether a folder that could not be removed holds anything besides owned folders kept for the
   * same reason; only such folders are named, each foreign thing once.
   */
  private static boolean holdsOtherThan(Path placed, Path folder, Set<Path> kept) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(placed)) {
      for (Path entry : entries) {
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            || !kept.contains(folder.resolve(entry.getFileName().toString()))) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
