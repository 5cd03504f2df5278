package org.portraitperf.installer.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.distribution.DistributionInfo;
import org.portraitperf.installer.distribution.Requirements;
import org.portraitperf.installer.platform.Os;
import org.portraitperf.installer.platform.Platform;

/**
 * A small distribution laid out as {@code pp-setup dist} lays one out, on any file system: a bundle
 * with the platform's binary folder, an application folder with launchers, a runtime and jars. Its
 * files hold text instead of programs; the installer only copies, hashes and records them.
 */
public final class FixtureDistribution {
  private FixtureDistribution() {}

  /** The files every fixture has, relative to the application folder, besides the launchers. */
  public static final List<String> APP_FILES = List.of(
      "runtime/bin/java", "runtime/lib/modules", "portrait-performance.jar", "portrait-performance-installer.jar",
      "lib/picocli-4.7.7.jar", "lib/guice-7.0.0.jar");

  public static Distribution write(Path folder, Platform platform, String version, List<String> extraAppFiles)
      throws IOException {
    Os os = platform.os();
    Path bundle = folder.resolve(Product.BUNDLE);
    write(bundle.resolve("Contents").resolve(platform.ofxBinaryFolder()).resolve("PortraitPerformance.ofx"),
        "plug-in binary " + version, true);
    Path app = folder.resolve(Distribution.APP);
    String launcher = os == Os.WINDOWS ? "pp.cmd" : "pp";
    write(app.resolve("bin").resolve(launcher), "launcher " + version, true);
    write(app.resolve("bin").resolve(os == Os.WINDOWS ? "pp-setup.cmd" : "pp-setup"), "setup " + version, true);
    for (String file : APP_FILES) {
      write(app.resolve(file), file + " " + version, file.startsWith("runtime/bin/"));
    }
    for (String file : extraAppFiles) {
      write(app.resolve(file), file + " " + version, false);
    }
    DistributionInfo info = new DistributionInfo(DistributionInfo.FORMAT, Product.ID, version, platform.id(),
        Product.BUNDLE, new Requirements("2.17", null, List.of("libc.so.6")), "2026-01-01T00:00:00Z");
    Files.write(folder.resolve(Distribution.INFO), new ObjectMapper().writeValueAsBytes(info));
    return Distribution.open(folder);
  }

  private static void write(Path file, String text, boolean executable) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }
  }
}
