package org.portraitperf.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the real models offline from a folder built out of the models already installed for
 * the test run (CI installs them from the registries first).
 */
class ModelInstallerTest {
  private static ModelStore installed;

  @BeforeAll
  static void requireInstalledModels() {
    installed = ModelStore.fromEnvironment();
    for (ModelFile file : ModelFile.values()) {
      installed.require(file);
    }
  }

  /** A folder as a user would carry to an offline machine: loose model files. */
  private static Path offlineFolder(Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("offline"));
    for (ModelFile file : ModelFile.values()) {
      Files.copy(installed.pathOf(file), folder.resolve(file.displayName()));
    }
    return folder;
  }

  @Test
  void install_fromOfflineFolder_installsAndVerifiesEveryModel(@TempDir Path dir) throws IOException {
    ModelStore store = new ModelStore(dir.resolve("models"));
    ModelInstaller installer = new ModelInstaller(store);
    List<String> lines = new ArrayList<>();

    installer.install(Optional.of(offlineFolder(dir)), lines::add);

    for (ModelStatus status : installer.verify()) {
      assertTrue(status.ok(), status.file() + " " + status.detail());
    }
    assertEquals(ModelFile.values().length, lines.size(), "one progress line per file: " + lines);
  }

  @Test
  void install_secondTime_skipsVerifiedFiles(@TempDir Path dir) throws IOException {
    ModelInstaller installer = new ModelInstaller(new ModelStore(dir.resolve("models")));
    Path folder = offlineFolder(dir);
    installer.install(Optional.of(folder), line -> {});
    List<String> lines = new ArrayList<>();

    installer.install(Optional.of(folder), lines::add);

    assertTrue(lines.stream().allMatch(l -> l.endsWith("already installed and verified")), lines.toString());
  }

  @Test
  void install_corruptSource_failsNamingFileAndLeavesNothingInstalled(@TempDir Path dir) throws IOException {
    Path folder = offlineFolder(dir);
    Path damaged = folder.resolve(ModelFile.BLAZEFACE_FRONT.displayName());
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(damaged, bytes);
    ModelStore store = new ModelStore(dir.resolve("models"));

    ModelException error = assertThrows(ModelException.class,
        () -> new ModelInstaller(store).install(Optional.of(folder), line -> {}));

    assertEquals(ModelFile.BLAZEFACE_FRONT.displayName(), error.subject());
    assertTrue(error.problem().startsWith("checksum mismatch"), error.problem());
    assertFalse(Files.exists(store.pathOf(ModelFile.BLAZEFACE_FRONT)));
    try (Stream<Path> leftovers = Files.list(store.pathOf(ModelFile.BLAZEFACE_FRONT).getParent())) {
      assertEquals(0, leftovers.filter(p -> p.toString().endsWith(".partial")).count());
    }
  }

  @Test
  void verify_tamperedInstalledFile_reportsMismatchForThatFileOnly(@TempDir Path dir) throws IOException {
    ModelStore store = new ModelStore(dir.resolve("models"));
    ModelInstaller installer = new ModelInstaller(store);
    installer.install(Optional.of(offlineFolder(dir)), line -> {});
    Files.writeString(store.pathOf(ModelFile.BLAZEFACE_BACK), "tampered");

    for (ModelStatus status : installer.verify()) {
      boolean tampered = status.file() == ModelFile.BLAZEFACE_BACK;
      assertEquals(tampered ? ModelStatus.State.CHECKSUM_MISMATCH : ModelStatus.State.VERIFIED, status.state());
    }
  }

  @Test
  void install_folderWithoutModels_failsNamingTheFolder(@TempDir Path dir) throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    ModelException error = assertThrows(ModelException.class,
        () -> new ModelInstaller(new ModelStore(dir.resolve("models"))).install(Optional.of(empty), line -> {}));
    assertEquals(empty.toString(), error.subject());
  }

  @Test
  void require_missingModel_namesTheInstallCommand(@TempDir Path dir) {
    ModelException error = assertThrows(ModelException.class,
        () -> new ModelStore(dir).require(ModelFile.DLIB_LANDMARKS_68));
    assertTrue(error.problem().contains("./pp models install"), error.problem());
  }

  @Test
  void fromEnvironment_variableSet_usesIt(@TempDir Path dir) {
    ModelStore store = ModelStore.fromEnvironment(java.util.Map.of("PP_MODELS_DIR", dir.toString()), Path.of("/home/x"));
    assertEquals(dir.toAbsolutePath(), store.root());
  }

  @Test
  void fromEnvironment_nothingSet_usesUserDataFolder() {
    ModelStore store = ModelStore.fromEnvironment(java.util.Map.of(), Path.of("/home/x"));
    assertEquals(Path.of("/home/x/.local/share/portrait-performance/models"), store.root());
  }
}
