package org.portraitperf.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.portraitperf.media.Images;
import org.portraitperf.media.RgbImage;

/** The third-party test media beside the checkout (see shared/testdata/MANIFEST.md). */
public final class TestMedia {
  private TestMedia() {}

  public static Path root() {
    String configured = System.getProperty("pp.testdata");
    Path root = configured != null ? Path.of(configured) : Path.of("../shared/testdata");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("test media not found at " + root.toAbsolutePath()
          + "; the tests expect shared/testdata beside the checkout");
    }
    return root;
  }

  public static Path portrait(String name) {
    return root().resolve("portraits").resolve(name);
  }

  public static Path driving(String name) {
    return root().resolve("driving").resolve(name);
  }

  /** A picture under the test media root, e.g. {@code portraits/lp_s42.jpg}, decoded by the media package. */
  public static RgbImage image(String relativePath) {
    return Images.read(root().resolve(relativePath));
  }

  public static List<Path> all(String folder) {
    try (Stream<Path> files = Files.list(root().resolve(folder))) {
      return files.sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
