package org.portraitperf.installer.distribution;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.platform.Platform;

/**
 * A distribution: everything one platform's installation needs, in one folder a user can copy to a
 * machine without network.
 *
 * <pre>
 * portrait-performance-VERSION-PLATFORM/
 *   pp-setup                        runs this program on the runtime below
 *   distribution.json               {@link DistributionInfo}
 *   PortraitPerformance.ofx.bundle/ the OpenFX bundle, as hosts load it
 *   app/                            the application folder, as installed: bin/, runtime/, lib/, jars
 *   models/                         optional: the face models (and packs) for offline installs
 * </pre>
 */
public final class Distribution {
  public static final String INFO = "distribution.json";
  public static final String APP = "app";
  public static final String MODELS = "models";

  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path root;
  private final DistributionInfo info;

  private Distribution(Path root, DistributionInfo info) {
    this.root = root;
    this.info = info;
  }

  /**
   * Opens the distribution in {@code root}.
   *
   * @throws InstallerException naming the folder when it is not a complete distribution
   */
  public static Distribution open(Path root) {
    Path infoFile = root.resolve(INFO);
    if (!Files.isRegularFile(infoFile)) {
      throw new InstallerException(root.toString(), "is not a Portrait Performance distribution (no " + INFO
          + "); build one with `pp-setup dist`");
    }
    DistributionInfo info;
    try (InputStream in = Files.newInputStream(infoFile)) {
      info = JSON.readValue(in, DistributionInfo.class);
    } catch (IOException e) {
      throw new InstallerException(infoFile.toString(), "cannot be read: " + e.getMessage(), e);
    }
    if (info.format() != DistributionInfo.FORMAT || !Product.ID.equals(info.product())) {
      throw new InstallerException(infoFile.toString(), "describes format " + info.format() + " of " + info.product()
          + " (expected format " + DistributionInfo.FORMAT + " of " + Product.ID + ")");
    }
    Distribution distribution = new Distribution(root, info);
    for (Path part : new Path[] {distribution.bundle(), distribution.app()}) {
      if (!Files.isDirectory(part)) {
        throw new InstallerException(root.toString(), "is incomplete: " + part.getFileName() + " is missing");
      }
    }
    return distribution;
  }

  static void writeInfo(Path root, DistributionInfo info) throws IOException {
    Files.write(root.resolve(INFO), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(info));
  }

  public Path root() {
    return root;
  }

  public DistributionInfo info() {
    return info;
  }

  public Platform platform() {
    return Platform.parse(info.platform());
  }

  public String version() {
    return info.version();
  }

  public Path bundle() {
    return root.resolve(info.bundle());
  }

  /** The application folder, laid out as it is installed. */
  public Path app() {
    return root.resolve(APP);
  }

  /** The model files that came with it, for installs without network. */
  public Optional<Path> models() {
    Path models = root.resolve(MODELS);
    return Files.isDirectory(models) ? Optional.of(models) : Optional.empty();
  }
}
