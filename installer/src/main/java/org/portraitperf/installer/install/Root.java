package org.portraitperf.installer.install;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an installation's final paths land on disk: the paths themselves, or the same paths under
 * a scratch root (a package's staging folder, a test's temporary folder, a chroot being prepared).
 * Records and generated files always hold final paths; only reads and writes go through a root.
 */
public record Root(Optional<Path> folder) {

  /** The machine's own file system root. */
  public static Root system() {
    return new Root(Optional.empty());
  }

  public static Root at(Path folder) {
    return new Root(Optional.of(folder.toAbsolutePath().normalize()));
  }

  /**
   * Where a final path lands: itself, or below the root ({@code /opt/x} under {@code /tmp/r} is
   * {@code /tmp/r/opt/x}; a Windows drive becomes a folder, {@code C:\x} under {@code D:\r} is
   * {@code D:\r\C\x}).
   */
  public Path place(Path finalPath) {
    if (folder.isEmpty()) {
      return finalPath;
    }
    Path rootOfPath = finalPath.getRoot();
    Path rest = rootOfPath.relativize(finalPath);
    String drive = rootOfPath.toString().replaceAll("[\\\\/:]", "");
    Path base = drive.isEmpty() ? folder.get() : folder.get().resolve(drive);
    return rest.toString().isEmpty() ? base : base.resolve(rest.toString());
  }

  public boolean isSystem() {
    return folder.isEmpty();
  }
}
