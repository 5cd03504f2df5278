package org.portraitperf.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.install.InstallRecord.RecordedFile;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Locations;
import org.portraitperf.installer.platform.Os;
import org.portraitperf.installer.platform.Platform;
import org.portraitperf.installer.testing.FixtureDistribution;
import org.portraitperf.installer.testing.TreeSnapshot;

/**
 * What install, upgrade, verify and uninstall promise, on every OS's layout: each subclass supplies
 * a machine (a path fixture of its OS's file system, or a scratch root on this one) and the same
 * tests run against it. Models are left out here (they need the real model files; the integration
 * tests install them).
 */
abstract class InstallerContractTest {

  /**
   * A machine to install on.
   *
   * @param fixtures a folder outside the installation for distributions
   * @param snapshotRoot the folder whose whole tree must come back as it was
   * @param inSnapshot which entries below snapshotRoot belong to the machine (not the fixtures)
   */
  record Machine(Os os, Environment env, Root root, Path fixtures, Path snapshotRoot, Predicate<String> inSnapshot) {}

  protected abstract Machine machine() throws IOException;

  private final Installer installer = new Installer();
  private final Verifier verifier = new Verifier();
  private final Uninstaller uninstaller = new Uninstaller();
  private Machine machine;
  private Locations where;

  @BeforeEach
  void setUp() throws IOException {
    machine = machine();
    where = Locations.defaults(machine.os(), machine.env());
  }

  private Platform platform() {
    return new Platform(machine.os(), "x86_64");
  }

  private Distribution distribution(String version, String... extraAppFiles) throws IOException {
    return FixtureDistribution.write(machine.fixtures().resolve(version), platform(), version, List.of(extraAppFiles));
  }

  private InstallRequest request(Distribution distribution, Optional<Boolean> userService, String manager) {
    return new InstallRequest(distribution, where, machine.root(), machine.env(), false, Optional.empty(), List.of(),
        userService, manager);
  }

  private Installer.Outcome install(Distribution distribution) {
    return installer.install(request(distribution, Optional.empty(), InstallRecord.BY_SETUP), line -> {});
  }

  private Path placed(Path finalPath) {
    return machine.root().place(finalPath);
  }

  private Map<String, String> snapshot() throws IOException {
    return TreeSnapshot.of(machine.snapshotRoot(), machine.inSnapshot());
  }

  @Test
  void install_freshMachine_recordListsEveryFileWithItsHashAndVerifyPasses() throws IOException {
    Installer.Outcome outcome = install(distribution("1.0"));

    InstallRecord record = InstallRecord.read(placed(where.record())).orElseThrow();
    assertEquals("1.0", record.version());
    assertEquals(where.bundle(Product.BUNDLE).toString(), record.bundle());
    // 2 launchers, the app files, the plug-in binary, the application-folder file
    assertEquals(FixtureDistribution.APP_FILES.size() + 4, record.files().size());
    for (RecordedFile file : record.files()) {
      Path path = placed(where.appDir().getFileSystem().getPath(file.path()));
      assertEquals(file.size(), Files.size(path), file.path());
      assertEquals(org.portraitperf.models.Checksums.sha256(path), file.sha256(), file.path());
    }
    assertEquals(record.files().size(), outcome.changed(), "every file written");
    Verifier.Report report = verifier.verify(where, machine.root());
    assertTrue(report.ok(), report.problems().toString());
  }

  @Test
  void install_bundleNamesTheApplicationFolderRelativeToItsResources() throws IOException {
    install(distribution("1.0"));

    Path resources = where.bundle(Product.BUNDLE).resolve("Contents").resolve("Resources");
    String named = Files.readString(placed(resources.resolve(Installer.APPLICATION_FOLDER_FILE)), StandardCharsets.UTF_8);
    assertFalse(where.appDir().getFileSystem().getPath(named.strip()).isAbsolute(), named);
    assertEquals(where.appDir(), resources.resolve(named.strip()).normalize());
  }

  @Test
  void uninstall_afterInstall_leavesTheMachineAsItWas() throws IOException {
    Path foreignPlugin = placed(where.ofxDir().resolve("Other.ofx.bundle").resolve("Contents").resolve("x.txt"));
    Files.createDirectories(foreignPlugin.getParent());
    Files.writeString(foreignPlugin, "another vendor's plug-in");
    Map<String, String> before = snapshot();

    install(distribution("1.0"));
    assertFalse(before.equals(snapshot()));
    Uninstaller.Outcome outcome = uninstaller.uninstall(where, machine.root());

    assertEquals(before, snapshot());
    assertEquals(outcome.record().files().size(), outcome.removed());
    assertTrue(outcome.left().isEmpty(), outcome.left().toString());
  }

  @Test
  void uninstall_fileAddedLater_keptAndItsFolderNamed() throws IOException {
    install(distribution("1.0"));
    Path added = placed(where.models().resolve("packs").resolve("mine").resolve("weights.onnx"));
    Files.createDirectories(added.getParent());
    Files.writeString(added, "a pack installed later");

    Uninstaller.Outcome outcome = uninstaller.uninstall(where, machine.root());

    assertTrue(Files.isRegularFile(added));
    assertEquals(List.of(where.appDir().toString()), outcome.left());
    assertFalse(Files.exists(placed(where.bundle(Product.BUNDLE))));
  }

  @Test
  void verify_changedAndMissingFiles_namesEach() throws IOException {
    install(distribution("1.0"));
    Path jar = where.appDir().resolve("lib").resolve("picocli-4.7.7.jar");
    Path binary = where.bundle(Product.BUNDLE).resolve("Contents").resolve(platform().ofxBinaryFolder())
        .resolve("PortraitPerformance.ofx");
    Files.writeString(placed(jar), "tampered");
    Files.delete(placed(binary));

    Verifier.Report report = verifier.verify(where, machine.root());

    assertFalse(report.ok());
    assertEquals(2, report.problems().size(), report.problems().toString());
    assertTrue(report.problems().contains(new Verifier.Problem(binary.toString(), "missing")), report.problems().toString());
    assertTrue(report.problems().stream().anyMatch(p -> p.path().equals(jar.toString()) && p.what().startsWith("changed")));
  }

  @Test
  void verify_sameSizeDifferentBytes_caughtByTheHash() throws IOException {
    install(distribution("1.0"));
    Path launcher = placed(where.launcher());
    byte[] bytes = Files.readAllBytes(launcher);
    bytes[0] ^= 1;
    Files.write(launcher, bytes);

    Verifier.Report report = verifier.verify(where, machine.root());

    assertEquals(1, report.problems().size());
    assertTrue(report.problems().get(0).what().startsWith("changed: SHA-256"), report.problems().get(0).what());
  }

  @Test
  void upgrade_removesWhatTheNewVersionLacks_rewritesOnlyWhatChanged() throws IOException {
    Distribution first = distribution("1.0", "lib/old-only.jar");
    Distribution next = distribution("2.0", "lib/new-only.jar");
    for (Distribution d : List.of(first, next)) {
      Files.writeString(d.app().resolve("lib/guice-7.0.0.jar"), "guice, the same in both versions");
    }
    install(first);
    Path oldOnly = placed(where.appDir().resolve("lib").resolve("old-only.jar"));
    Path guice = placed(where.appDir().resolve("lib").resolve("guice-7.0.0.jar"));
    FileTime guiceWritten = Files.getLastModifiedTime(guice);
    assertTrue(Files.exists(oldOnly));

    Installer.Outcome outcome = install(next);

    assertFalse(Files.exists(oldOnly));
    assertEquals(List.of(where.appDir().resolve("lib").resolve("old-only.jar").toString()), outcome.removed());
    assertTrue(Files.exists(placed(where.appDir().resolve("lib").resolve("new-only.jar"))));
    // Every file but guice and the application-folder file.
    assertEquals(outcome.record().files().size() - 2, outcome.changed());
    assertEquals(guiceWritten, Files.getLastModifiedTime(guice), "an unchanged file is not rewritten");
    assertTrue(verifier.verify(where, machine.root()).ok());
    assertEquals("2.0", InstallRecord.read(placed(where.record())).orElseThrow().version());
  }

  @Test
  void install_targetBlockedByAFolder_previousInstallationUntouched() throws IOException {
    install(distribution("1.0"));
    Map<String, String> before = snapshot();
    Files.createDirectories(placed(where.appDir().resolve("lib").resolve("blocked.jar")));
    Map<String, String> blocked = snapshot();

    InstallerException error = assertThrows(InstallerException.class,
        () -> install(distribution("2.0", "lib/blocked.jar")));

    assertTrue(error.getMessage().contains("blocked.jar"), error.getMessage());
    assertEquals(blocked, snapshot(), "nothing written, nothing left behind");
    Files.delete(placed(where.appDir().resolve("lib").resolve("blocked.jar")));
    assertEquals(before, snapshot());
    assertTrue(verifier.verify(where, machine.root()).ok());
  }

  @Test
  void describe_listsTheFilesAndWritesNothing() throws IOException {
    Map<String, String> before = snapshot();

    List<String> lines = installer.describe(request(distribution("1.0"), Optional.of(true), InstallRecord.BY_SETUP));

    assertEquals(before, snapshot());
    assertTrue(lines.stream().anyMatch(l -> l.contains(where.launcher().toString())), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains(where.record().toString())), lines.toString());
  }

  @Test
  void userService_installedOnRequestKeptOnUpgradeRemovedWithTheRest() throws IOException {
    Map<String, String> before = snapshot();
    Installer.Outcome first = installer.install(request(distribution("1.0"), Optional.of(true), InstallRecord.BY_SETUP),
        line -> {});
    Path definition = first.service().orElseThrow().files().get(0).path();
    assertTrue(Files.isRegularFile(placed(definition)));
    assertTrue(first.record().userService());

    Installer.Outcome upgrade = install(distribution("2.0"));
    assertTrue(upgrade.record().userService(), "kept when not asked otherwise");
    assertTrue(Files.isRegularFile(placed(definition)));
    first.service().get().link().ifPresent(link ->
        assertTrue(Files.isSymbolicLink(placed(link.path())), "enabled by its link"));

    uninstaller.uninstall(where, machine.root());
    assertEquals(before, snapshot());
  }

  @Test
  void install_overTheDebianPackagesFiles_refused() throws IOException {
    installer.install(request(distribution("1.0"), Optional.empty(), InstallRecord.BY_DPKG), line -> {});

    InstallerException install = assertThrows(InstallerException.class, () -> install(distribution("2.0")));
    InstallerException remove = assertThrows(InstallerException.class, () -> uninstaller.uninstall(where, machine.root()));

    assertTrue(install.getMessage().contains("Debian package"), install.getMessage());
    assertTrue(remove.getMessage().contains("apt remove portrait-performance"), remove.getMessage());
    assertTrue(verifier.verify(where, machine.root()).ok(), "verify still works on the package's files");
  }

  @Test
  void verify_nothingInstalled_namesWhereItLooked() {
    InstallerException error = assertThrows(InstallerException.class, () -> verifier.verify(where, machine.root()));
    assertTrue(error.getMessage().contains(placed(where.record()).toString()), error.getMessage());
  }

  @Test
  void hostCaches_onlyThoseNamingThePlugin_clearedOnlyWithConsent() throws IOException {
    Path resolve = placed(org.portraitperf.installer.platform.HostCache.known(machine.os(), machine.env()).get(0).folder()
        .resolve("OFXPluginCacheV2.xml"));
    Files.createDirectories(resolve.getParent());
    Files.writeString(resolve, "<plugin identifier=\"" + Product.PLUGIN_IDENTIFIER + "\" skip=\"1\"/>");

    List<PluginCaches.Remembering> found = PluginCaches.find(machine.os(), machine.env(), machine.root());
    assertEquals(1, found.size());
    assertTrue(PluginCaches.clear(found, question -> false, line -> {}).isEmpty());
    assertTrue(Files.exists(resolve), "kept without a yes");
    assertEquals(List.of(resolve), PluginCaches.clear(found, question -> question.contains("DaVinci Resolve"), line -> {}));
    assertFalse(Files.exists(resolve, LinkOption.NOFOLLOW_LINKS));
  }
}
