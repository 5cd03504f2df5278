package org.portraitperf.installer.install;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.portraitperf.installer.install.InstallRecord.RecordedFile;
import org.portraitperf.installer.install.InstallRecord.RecordedLink;
import org.portraitperf.installer.platform.Locations;
import org.portraitperf.models.Checksums;

/** Re-hashes every installed file against the install record and names each one missing or changed. */
public final class Verifier {

  /** One file that is not as installed. */
  public record Problem(String path, String what) {}

  /** What verify found. */
  public record Report(InstallRecord record, int checked, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * @throws org.portraitperf.installer.InstallerException when there is no installation
   */
  public Report verify(Locations where, Root root) {
    InstallRecord record = Installations.require(where, root);
    FileSystem fs = where.appDir().getFileSystem();
    List<Problem> problems = new ArrayList<>();
    for (RecordedFile file : record.files()) {
      Path placed = root.place(fs.getPath(file.path()));
      checkFile(placed, file).ifPresent(what -> problems.add(new Problem(file.path(), what)));
    }
    for (RecordedLink link : record.links()) {
      Path placed = root.place(fs.getPath(link.path()));
      try {
        if (!Files.isSymbolicLink(placed)) {
          problems.add(new Problem(link.path(), "missing (a link to " + link.target() + ")"));
        } else if (!Files.readSymbolicLink(placed).toString().equals(link.target())) {
          problems.add(new Problem(link.path(), "points at " + Files.readSymbolicLink(placed) + ", installed pointing at "
              + link.target()));
        }
      } catch (IOException e) {
        problems.add(new Problem(link.path(), "cannot be read: " + e.getMessage()));
      }
    }
    return new Report(record, record.files().size() + record.links().size(), problems);
  }

  private static Optional<String> checkFile(Path placed, RecordedFile file) {
    try {
      if (!Files.isRegularFile(placed, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of("missing");
      }
      long size = Files.size(placed);
      if (size != file.size()) {
        return Optional.of("changed: " + size + " bytes, installed with " + file.size());
      }
      String sha256 = Checksums.sha256(placed);
      if (!sha256.equals(file.sha256())) {
        return Optional.of("changed: SHA-256 " + sha256 + ", installed with " + file.sha256());
      }
      if (FileTransaction.posix(placed.getFileSystem())
          && Files.getPosixFilePermissions(placed).contains(PosixFilePermission.OWNER_EXECUTE) != file.executable()) {
        return Optional.of(file.executable() ? "no longer executable" : "made executable");
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot be read: " + e.getMessage());
    }
  }
}
