package org.portraitperf.installer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portraitperf.AtomicFiles;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.distribution.DistributionBuilder;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;

/**
 * The repository's own build products, as the integration tests install them: the OFX bridge and
 * its test host built by CMake, the jars built by this reactor, and a distribution built from them
 * once per test run. The face models come from this user's installed models, laid out as an
 * offline folder, so nothing is downloaded.
 */
public final class RepositoryBuild {
  private static Distribution distribution;
  private static Path offlineModels;
  private static Path frames;

  private RepositoryBuild() {}

  public static Path root() {
    return Path.of(System.getProperty("pp.repository", "..")).toAbsolutePath().normalize();
  }

  private static Path target() {
    return root().resolve("installer/target");
  }

  public static Path testHost() {
    return requireBridge(root().resolve("ofx-bridge/build/tests/test_host"));
  }

  public static Path portrait() {
    return Path.of(System.getProperty("pp.testdata", root().resolve("../shared/testdata").toString()))
        .resolve("portraits/lp_s42.jpg");
  }

  private static Path requireBridge(Path built) {
    if (!Files.exists(built)) {
      fail(built + " is missing: build the OFX bridge first (cmake -S ofx-bridge -B ofx-bridge/build"
          + " -DCMAKE_BUILD_TYPE=Release && cmake --build ofx-bridge/build); scripts/test does");
    }
    return built;
  }

  /** A distribution of this checkout, built once per test run. */
  public static synchronized Distribution distribution() throws IOException {
    if (distribution == null) {
      Path bundle = requireBridge(root().resolve("ofx-bridge/build/" + Product.BUNDLE));
      DistributionBuilder.Inputs inputs = new DistributionBuilder.Inputs(bundle,
          root().resolve("plugin-host/target/portrait-performance.jar"),
          Path.of(System.getProperty("pp.installerJar", target().resolve("portrait-performance-installer.jar").toString())),
          Path.of(System.getProperty("java.home")), Optional.empty());
      distribution = new DistributionBuilder().build(inputs, target().resolve("it-dist"), line -> {});
    }
    return distribution;
  }

  /** The face models this user installed, as files at the top of a folder (install --offline's layout). */
  public static synchronized Path offlineModels() throws IOException {
    if (offlineModels == null) {
      ModelStore installed = ModelStore.fromEnvironment();
      Path folder = target().resolve("it-offline-models");
      AtomicFiles.discard(folder);
      Files.createDirectories(folder);
      for (ModelFile file : ModelFile.values()) {
        Path source = installed.pathOf(file);
        if (!Files.isRegularFile(source)) {
          fail(source + " is missing: install the face models first (./pp models install)");
        }
        Files.createSymbolicLink(folder.resolve(file.displayName()), source);
      }
      offlineModels = folder;
    }
    return offlineModels;
  }

  /** Three driving frames and what animate renders from them, as the bridge's own tests prepare them. */
  public static synchronized Path frames() throws IOException {
    if (frames == null) {
      Path folder = target().resolve("it-frames");
      Path testdata = portrait().getParent().getParent();
      Command prepared = Command.run(List.of(root().resolve("ofx-bridge/tests/prepare.sh").toString(),
          root().resolve("plugin-host/target/portrait-performance.jar").toString(), folder.toString(),
          testdata.resolve("driving/lp_d12.mp4").toString(), portrait().toString(), "3"), Map.of(),
          Duration.ofMinutes(5));
      assertEquals(0, prepared.code(), prepared.output());
      frames = folder;
    }
    return frames;
  }
}
