package org.portraitperf.installer.install;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.portraitperf.AtomicFiles;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.install.InstallRecord.RecordedFile;
import org.portraitperf.installer.install.InstallRecord.RecordedLink;
import org.portraitperf.models.Checksums;

/**
 * Puts an installation's files in place all together or not at all. Each new file is first
 * written under a hidden temporary name beside its target ({@link #put}); {@link #commit} then
 * renames them over their targets, keeping each replaced file under a hidden name until
 * {@link #finish}, so that {@link #rollback} (called on any failure, and by a shutdown hook if the
 * program is stopped mid-commit) restores the previous installation exactly. A file whose content
 * and mode are already in place is left untouched: upgrades rewrite only what changed, and hosts
 * that cache plug-ins by time and size see an unchanged binary as unchanged.
 */
final class FileTransaction {
  private static final Set<PosixFilePermission> PROGRAM = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> DATA = PosixFilePermissions.fromString("rw-r--r--");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Root root;
  /** Staged temporaries and the targets they replace, in the order they were put. */
  private final List<Staged> staged = new ArrayList<>();
  /** Targets already renamed into place, with the hidden copy of what they replaced (null: nothing). */
  private final List<Change> changes = new ArrayList<>();
  /** Folders this transaction created, as final paths, outermost first. */
  private final Set<Path> created = new LinkedHashSet<>();

  private record Staged(Path temp, Path target) {}

  private record Change(Path target, Path previous) {}

  FileTransaction(Root root) {
    this.root = root;
  }

  /** Folders this transaction created (final paths, outermost first). */
  Set<Path> createdDirectories() {
    return created;
  }

  /** How many files and links {@link #commit} will write; the rest were already in place. */
  int changedCount() {
    return staged.size();
  }

  /** Stages one file and returns its record entry. */
  RecordedFile put(PlannedFile file) throws IOException {
    Path target = root.place(file.target());
    ensureDirectories(file.target().getParent(), file.owner());
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new InstallerException(target.toString(), "is a folder where the installation puts a file; move it away");
    }
    Path temp = AtomicFiles.temporaryBeside(target);
    try {
      String sha256;
      if (file.content() instanceof PlannedFile.FromFile source && source.movable()) {
        Files.move(source.source(), temp);
        sha256 = Checksums.sha256(temp);
      } else {
        try (InputStream in = open(file.content()); OutputStream out = Files.newOutputStream(temp)) {
          sha256 = Checksums.copyHashing(in, out);
        }
      }
      long size = Files.size(temp);
      setMode(temp, file.executable());
      setOwner(temp, file.owner());
      if (inPlace(target, size, sha256, file.executable())) {
        AtomicFiles.discard(temp);
      } else {
        staged.add(new Staged(temp, target));
      }
      return new RecordedFile(file.target().toString(), size, sha256, file.executable());
    } catch (IOException | RuntimeException e) {
      AtomicFiles.discard(temp);
      throw e;
    }
  }

  private static InputStream open(PlannedFile.Content content) throws IOException {
    if (content instanceof PlannedFile.FromFile source) {
      return Files.newInputStream(source.source());
    }
    return new ByteArrayInputStream(((PlannedFile.FromBytes) content).bytes());
  }

  /** Stages a symbolic link at final path {@code link} pointing at {@code target}. */
  RecordedLink link(Path link, Path target, Optional<String> owner) throws IOException {
    Path placed = root.place(link);
    ensureDirectories(link.getParent(), owner);
    boolean same = Files.isSymbolicLink(placed) && Files.readSymbolicLink(placed).equals(target);
    if (!same) {
      Path temp = AtomicFiles.temporaryBeside(placed);
      Files.createSymbolicLink(temp, target);
      setOwner(temp, owner);
      staged.add(new Staged(temp, placed));
    }
    return new RecordedLink(link.toString(), target.toString());
  }

  /**
   * Renames every staged file into place. On failure everything is put back as it was and the
   * failure is thrown, naming the file.
   */
  void commit() {
    Thread guard = new Thread(this::rollback, "pp-setup-rollback");
    Runtime.getRuntime().addShutdownHook(guard);
    try {
      for (Staged file : staged) {
        Path previous = null;
        if (Files.exists(file.target(), LinkOption.NOFOLLOW_LINKS)) {
          previous = hiddenBeside(file.target(), "previous");
          keepAside(file.target(), previous);
        }
        changes.add(new Change(file.target(), previous));
        AtomicFiles.commit(file.temp(), file.target());
      }
    } catch (IOException e) {
      rollback();
      throw new InstallerException(changes.isEmpty() ? "installation" : changes.get(changes.size() - 1).target()
          .toString(), "cannot be put in place: " + e.getMessage() + "; the previous state was restored", e);
    } finally {
      removeGuard(guard);
    }
  }

  /** Forgets the replaced files: the installation is complete. */
  void finish() {
    for (Change change : changes) {
      if (change.previous() != null) {
        deleteQuietly(change.previous());
      }
    }
    changes.clear();
    staged.clear();
  }

  /** Puts back every replaced file, removes every new one and every folder this transaction made. */
  void rollback() {
    for (int i = changes.size() - 1; i >= 0; i--) {
      Change change = changes.get(i);
      try {
        if (change.previous() != null && Files.exists(change.target(), LinkOption.NOFOLLOW_LINKS)
            && Files.isSameFile(change.previous(), change.target())) {
          // Never replaced (the failure came first): the hidden hard link is all there is to undo. A
          // rename onto the same file would do nothing and leave it behind.
          Files.delete(change.previous());
        } else if (change.previous() != null) {
          Files.move(change.previous(), change.target(), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.deleteIfExists(change.target());
        }
      } catch (IOException e) {
        // Keep going: every other file still goes back; this one is named by the caller's error.
      }
    }
    changes.clear();
    for (Staged file : staged) {
      AtomicFiles.discard(file.temp());
    }
    staged.clear();
    List<Path> folders = new ArrayList<>(created);
    for (int i = folders.size() - 1; i >= 0; i--) {
      deleteIfEmpty(root.place(folders.get(i)));
    }
    created.clear();
  }

  /** Creates the missing folders of a final path, remembering which it made (mode 755). */
  void ensureDirectories(Path finalDir, Optional<String> owner) throws IOException {
    if (finalDir == null) {
      return;
    }
    List<Path> missing = new ArrayList<>();
    for (Path dir = finalDir; dir != null && !Files.isDirectory(root.place(dir)); dir = dir.getParent()) {
      missing.add(0, dir);
    }
    for (Path dir : missing) {
      Path placed = root.place(dir);
      Files.createDirectory(placed);
      setMode(placed, true);
      setOwner(placed, owner);
      created.add(dir);
    }
  }

  private boolean inPlace(Path target, long size, String sha256, boolean executable) throws IOException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || Files.size(target) != size) {
      return false;
    }
    if (posix(target.getFileSystem()) && Files.isExecutable(target) != executable) {
      return false;
    }
    return Checksums.sha256(target).equals(sha256);
  }

  /**
   * Keeps the file about to be replaced under a hidden name: a hard link where the file system has
   * them (the file never leaves its place; the rename replaces it atomically), else a rename.
   */
  private static void keepAside(Path target, Path previous) throws IOException {
    try {
      Files.createLink(previous, target);
    } catch (IOException | UnsupportedOperationException e) {
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  static Path hiddenBeside(Path target, String suffix) {
    byte[] tag = new byte[6];
    RANDOM.nextBytes(tag);
    return target.resolveSibling("." + target.getFileName() + "." + HexFormat.of().formatHex(tag) + "." + suffix);
  }

  static void setMode(Path path, boolean executable) throws IOException {
    if (posix(path.getFileSystem())) {
      Files.setPosixFilePermissions(path, executable ? PROGRAM : DATA);
    }
  }

  private static void setOwner(Path path, Optional<String> owner) throws IOException {
    if (owner.isEmpty() || !posix(path.getFileSystem())) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    view.setOwner(path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner.get()));
  }

  static boolean posix(FileSystem fs) {
    return fs.supportedFileAttributeViews().contains("posix");
  }

  static boolean deleteIfEmpty(Path folder) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      if (entries.iterator().hasNext()) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    deleteQuietly(folder);
    return !Files.exists(folder, LinkOption.NOFOLLOW_LINKS);
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A hidden leftover of a finished transaction is harmless; the installation itself is complete.
    }
  }

  private static void removeGuard(Thread guard) {
    try {
      Runtime.getRuntime().removeShutdownHook(guard);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the guard is running or has run.
    }
  }
}
