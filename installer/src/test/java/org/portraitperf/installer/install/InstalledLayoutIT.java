package org.portraitperf.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.AtomicFiles;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.testing.Command;
import org.portraitperf.installer.testing.RepositoryBuild;
import org.portraitperf.installer.testing.TestHost;
import org.portraitperf.installer.testing.TreeSnapshot;
import org.portraitperf.models.Checksums;
import org.portraitperf.models.PackFile;
import org.portraitperf.models.PackManifest;

/**
 * The repository's own build, installed the way a user installs it (the distribution's pp-setup,
 * offline, into a scratch root), then used the way a host uses it: the bridge's test host loads the
 * installed bundle, which starts the sidecar from the installed application folder on its own
 * Java runtime with the installed models.
 */
class InstalledLayoutIT {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  @TempDir Path scratch;

  private Path root() {
    return scratch.resolve("root");
  }

  private Path app() {
    return root().resolve("opt/portrait-performance");
  }

  private Path bundle() {
    return root().resolve("usr/OFX/Plugins").resolve(Product.BUNDLE);
  }

  private Command setup(Path program, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(program.toString()));
    command.addAll(List.of(args));
    return Command.run(command, Map.of(), INSTALL_TIMEOUT);
  }

  private Command install(String... extra) throws IOException {
    Distribution distribution = RepositoryBuild.distribution();
    List<String> args = new ArrayList<>(List.of("install", "--root", root().toString(), "--yes"));
    args.addAll(List.of(extra));
    return setup(distribution.root().resolve("pp-setup"), args.toArray(String[]::new));
  }

  /**
   * A small model pack of two plain files with its manifest, beside the face models in an offline
   * folder (below the build folder: it links to this user's models, which a temporary folder's
   * cleanup should not be asked to walk past).
   */
  private Path offlineFolderWithPack() throws IOException {
    Path offline = RepositoryBuild.root().resolve("installer/target/it-offline-with-pack");
    AtomicFiles.discard(offline);
    Files.createDirectories(offline);
    try (var models = Files.list(RepositoryBuild.offlineModels())) {
      for (Path model : (Iterable<Path>) models::iterator) {
        Files.createSymbolicLink(offline.resolve(model.getFileName()), model.toRealPath());
      }
    }
    List<PackFile> files = new ArrayList<>();
    for (String name : List.of("first.bin", "second.bin")) {
      Path file = Files.writeString(offline.resolve(name), "pack file " + name, StandardCharsets.UTF_8);
      files.add(new PackFile(name.replace(".bin", ""), name, URI.create("https://example.invalid/" + name),
          Files.size(file), Checksums.sha256(file), List.of(), List.of()));
    }
    PackManifest manifest = new PackManifest("test-pack", "1", "test-files", "A pack for the installer's tests",
        "CC0-1.0", false, files);
    Files.write(scratch.resolve("test-pack.json"), new ObjectMapper().writeValueAsBytes(manifest));
    return offline;
  }

  @Test
  void install_renderThroughTheInstalledBundle_uninstall_rootAsItWas() throws IOException {
    Path foreign = root().resolve("usr/OFX/Plugins/Other.ofx.bundle/Contents/Linux-x86-64/Other.ofx");
    Files.createDirectories(foreign.getParent());
    Files.writeString(foreign, "another vendor's plug-in");
    Files.createDirectories(root().resolve("opt/another-tool"));
    Path offline = offlineFolderWithPack();
    var before = TreeSnapshot.of(root());

    Command installed = install("--offline", offline.toString(), "--with-pack", scratch.resolve("test-pack.json").toString());
    assertEquals(0, installed.code(), installed.output());
    assertTrue(installed.output().contains("test-pack 1: installed and verified"), installed.output());
    Command verified = setup(app().resolve("bin/pp-setup"), "verify", "--root", root().toString());
    assertEquals(0, verified.code(), verified.output());

    Path sockets = Files.createTempDirectory(Path.of("/tmp"), "pp-it-");
    TestHost host = TestHost.render(bundle(), sockets);
    try {
      assertEquals(0, host.run().code(), host.run().output());
      assertTrue(host.run().output().contains("byte-rgba: passed"), host.run().output());
      assertTrue(host.sidecarCommand().startsWith(app().resolve("runtime/bin/java") + " "),
          "the sidecar runs on the installed runtime: " + host.sidecarCommand());
      assertTrue(host.sidecarCommand().contains(app().resolve("portrait-performance.jar").toString()),
          host.sidecarCommand());
    } finally {
      host.stopSidecar();
      AtomicFiles.discard(sockets);
    }
    Command packs = setup(app().resolve("bin/pp"), "models", "list");
    assertTrue(packs.output().matches("(?s).*test-pack\\s+verified.*"), "the installed pp sees the installed pack:\n"
        + packs.output());

    Command removed = setup(app().resolve("bin/pp-setup"), "uninstall", "--root", root().toString(), "--yes");
    assertEquals(0, removed.code(), removed.output());
    assertEquals(before, TreeSnapshot.of(root()));
  }

  @Test
  void verify_tamperedInstallation_failsNamingEachFile() throws IOException {
    Command installed = install("--offline", RepositoryBuild.offlineModels().toString());
    assertEquals(0, installed.code(), installed.output());
    Path runtimeLibrary = app().resolve("runtime/lib/libjava.so");
    Files.write(runtimeLibrary, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    Path model = app().resolve("models/blazeface/face_detection_front_128x128_barracuda.onnx");
    Files.delete(model);

    Command verified = setup(app().resolve("bin/pp-setup"), "verify", "--root", root().toString());

    assertEquals(6, verified.code(), verified.output());
    assertTrue(verified.output().contains("/opt/portrait-performance/runtime/lib/libjava.so: changed"), verified.output());
    assertTrue(verified.output().contains(
        "/opt/portrait-performance/models/blazeface/face_detection_front_128x128_barracuda.onnx: missing"),
        verified.output());
    assertTrue(verified.output().contains("2 of "), verified.output());
  }

  @Test
  void doctor_freshInstallation_passesWithTheInstalledSidecarsOwnChecks() throws IOException {
    Command installed = install("--offline", RepositoryBuild.offlineModels().toString());
    assertEquals(0, installed.code(), installed.output());

    Command doctor = setup(app().resolve("bin/pp-setup"), "doctor", "--root", root().toString());

    assertEquals(0, doctor.code(), doctor.output());
    assertTrue(doctor.output().contains("doctor passed"), doctor.output());
    assertTrue(doctor.output().contains("FFmpeg"), "the installed sidecar's own report:\n" + doctor.output());
    assertFalse(doctor.output().contains("PROBLEM"), doctor.output());
  }
}
