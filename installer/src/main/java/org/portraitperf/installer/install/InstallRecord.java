package org.portraitperf.installer.install;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.distribution.Requirements;

/**
 * What an installation put where: every file with its size and SHA-256, every link, every folder
 * it owns. Written last and atomically, so a record exists only for a complete installation;
 * {@code uninstall} removes exactly what it lists and {@code verify} re-hashes every file against
 * it. Paths are final paths, as the machine sees them after installing (a package built in a
 * staging folder carries a record valid on the machine it is installed on).
 *
 * @param requires what the installed files need of the machine (its C library), for doctor
 * @param manager who installed it: {@value #BY_SETUP}, or {@value #BY_DPKG} for the Debian package,
 *     which only dpkg may remove
 * @param packs the model packs installed, by id
 * @param directories the folders the installation owns or created, removed at uninstall when empty
 */
public record InstallRecord(int format, String product, String version, String platform, String manager,
    String installedAt, String ofxDir, String appDir, String bundle, Requirements requires, List<String> packs,
    boolean userService, List<RecordedFile> files, List<RecordedLink> links, List<String> directories) {
  public static final int FORMAT = 1;
  public static final String BY_SETUP = "pp-setup";
  public static final String BY_DPKG = "dpkg";

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public InstallRecord {
    packs = List.copyOf(packs);
    files = List.copyOf(files);
    links = List.copyOf(links);
    directories = List.copyOf(directories);
  }

  /** One installed file. */
  public record RecordedFile(String path, long size, String sha256, boolean executable) {}

  /** One installed symbolic link and what it points at. */
  public record RecordedLink(String path, String target) {}

  /**
   * The record at {@code file}, if there is one.
   *
   * @throws InstallerException naming the file when it exists but cannot be read as a record
   */
  public static Optional<InstallRecord> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      InstallRecord record = JSON.readValue(in, InstallRecord.class);
      if (record.format() != FORMAT) {
        throw new InstallerException(file.toString(), "is an install record of format " + record.format()
            + ", this program reads format " + FORMAT);
      }
      return Optional.of(record);
    } catch (IOException e) {
      throw new InstallerException(file.toString(), "is not a readable install record: " + e.getMessage(), e);
    }
  }

  byte[] toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("an install record always serialises", e);
    }
  }
}
