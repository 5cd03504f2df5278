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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.testing.LivePortraitTestPack;
import org.portraitperf.testing.PackServer;

/**
 * Installs a generated LivePortrait-shaped pack over real HTTP from a loopback server, and offline
 * from a folder and an archive, into a temporary model directory.
 */
class ModelPacksIT {
  private static final String ID = "test-liveportrait";

  @TempDir Path dir;
  private LivePortraitTestPack pack;
  private ModelPacks packs;

  @BeforeEach
  void generatePack() throws IOException {
    pack = LivePortraitTestPack.write(dir.resolve("published"));
    packs = new ModelPacks(new ModelStore(dir.resolve("models")));
  }

  @Test
  void install_fromServer_verifiesEveryFileAndMakesThePackUsable() throws IOException {
    try (PackServer server = new PackServer(pack.folder())) {
      PackManifest manifest = pack.manifest(ID, server.base());
      List<String> lines = new ArrayList<>();

      packs.install(manifest, Optional.empty(), lines(lines));

      Optional<InstalledPack> installed = packs.verified(LivePortraitTestPack.FORMAT);
      assertTrue(installed.isPresent(), lines.toString());
      assertEquals(Files.size(pack.file("warping")), Files.size(installed.get().path("warping")));
      assertEquals(PackStatus.State.VERIFIED, packs.verify(ID).state());
      assertTrue(lines.get(lines.size() - 1).contains("installed and verified"), lines.toString());
    }
  }

  @Test
  void install_checksumMismatch_isRefusedNamingTheFileAndLeavesThePackUnusable() throws IOException {
    try (PackServer server = new PackServer(pack.folder())) {
      PackManifest honest = pack.manifest(ID, server.base());
      PackFile stitching = honest.file("stitching").orElseThrow();
      PackManifest lying = replace(honest, new PackFile(stitching.role(), stitching.name(), stitching.url(), null,
          "0".repeat(64), stitching.inputs(), stitching.outputs()));

      ModelException error = assertThrows(ModelException.class,
          () -> packs.install(lying, Optional.empty(), PackProgress.SILENT));

      assertTrue(error.getMessage().contains("stitching.onnx") && error.getMessage().contains("checksum mismatch"),
          error.getMessage());
      assertTrue(packs.verified(LivePortraitTestPack.FORMAT).isEmpty());
      assertFalse(Files.exists(packs.folderOf(ID).resolve("stitching.onnx")));
      assertFalse(Files.exists(packs.folderOf(ID).resolve(".stitching.onnx.download")),
          "a damaged download is discarded, not resumed");
    }
  }

  @Test
  void install_interruptedDownload_resumesFromWhereItStopped() throws IOException {
    try (PackServer server = new PackServer(pack.folder())) {
      PackManifest manifest = pack.manifest(ID, server.base());
      long warpingSize = Files.size(pack.file("warping"));
      // The third file is the warping graph; cut the first answer for it half-way.
      PackManifest warpingFirst = reorder(manifest, "warping");
      server.cutNextAnswerAfter(warpingSize / 2);

      ModelException error = assertThrows(ModelException.class,
          () -> packs.install(warpingFirst, Optional.empty(), PackProgress.SILENT));
      assertTrue(error.getMessage().contains("run the install again to resume"), error.getMessage());
      assertTrue(packs.verified(LivePortraitTestPack.FORMAT).isEmpty());

      List<String> lines = new ArrayList<>();
      packs.install(warpingFirst, Optional.empty(), lines(lines));

      assertTrue(server.requests().contains("warping_spade.onnx bytes=" + warpingSize / 2 + "-"), server.requests().toString());
      assertTrue(lines.stream().anyMatch(l -> l.contains("resuming at " + warpingSize / 2)), lines.toString());
      assertTrue(packs.verified(LivePortraitTestPack.FORMAT).isPresent());
      assertEquals(Checksums.sha256(pack.file("warping")), Checksums.sha256(packs.folderOf(ID).resolve("warping_spade.onnx")));
    }
  }

  @Test
  void install_signatureMismatch_isRefusedNamingTheTensor() throws IOException {
    Path shortKeypoints = LivePortraitTestPack.writeMotionWithShortKeypoints(pack.file("motion"));
    try (PackServer server = new PackServer(pack.folder())) {
      // The manifest carries the broken file's real checksum, so only the signature can catch it.
      PackManifest manifest = pack.manifest(ID, server.base());

      ModelException error = assertThrows(ModelException.class,
          () -> packs.install(manifest, Optional.empty(), PackProgress.SILENT));

      assertTrue(error.getMessage().contains("signature mismatch"), error.getMessage());
      assertTrue(error.getMessage().contains("tensor 'kp' has shape [1, 62], expected [1, 63]"), error.getMessage());
      assertFalse(Files.exists(packs.folderOf(ID).resolve(shortKeypoints.getFileName())));
      assertTrue(packs.verified(LivePortraitTestPack.FORMAT).isEmpty());
    }
  }

  @Test
  void install_fromFolder_worksOffline() throws IOException {
    PackManifest manifest = pack.manifest(ID, java.net.URI.create("https://unreachable.invalid/"));

    packs.install(manifest, Optional.of(pack.folder()), PackProgress.SILENT);

    assertTrue(packs.verified(LivePortraitTestPack.FORMAT).isPresent());
  }

  @Test
  void install_fromZipArchive_worksOffline() throws IOException {
    PackManifest manifest = pack.manifest(ID, java.net.URI.create("https://unreachable.invalid/"));
    Path zip = dir.resolve("pack.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (PackFile file : manifest.files()) {
        out.putNextEntry(new ZipEntry("liveportrait_onnx/" + file.name()));
        Files.copy(pack.folder().resolve(file.name()), out);
        out.closeEntry();
      }
    }

    packs.install(manifest, Optional.of(zip), PackProgress.SILENT);

    assertTrue(packs.verified(LivePortraitTestPack.FORMAT).isPresent());
  }

  @Test
  void verify_fileChangedInPlace_makesThePackUnusable() throws IOException {
    PackManifest manifest = pack.manifest(ID, java.net.URI.create("https://unreachable.invalid/"));
    packs.install(manifest, Optional.of(pack.folder()), PackProgress.SILENT);
    Path installed = packs.folderOf(ID).resolve("stitching.onnx");
    byte[] bytes = Files.readAllBytes(installed);
    bytes[bytes.length - 1] ^= 1;
    Files.write(installed, bytes);

    PackStatus status = packs.verify(ID);

    assertEquals(PackStatus.State.NOT_VERIFIED, status.state());
    assertTrue(status.detail().contains("stitching.onnx has SHA-256"), status.detail());
    assertTrue(packs.verified(LivePortraitTestPack.FORMAT).isEmpty());
  }

  @Test
  void verify_packThatPasses_leavesItsRecordUntouched() throws IOException {
    PackManifest manifest = pack.manifest(ID, java.net.URI.create("https://unreachable.invalid/"));
    packs.install(manifest, Optional.of(pack.folder()), PackProgress.SILENT);
    Path marker = packs.folderOf(ID).resolve(ModelPacks.VERIFIED_MARKER);
    Object before = Files.getAttribute(marker, "unix:ino");

    assertEquals(PackStatus.State.VERIFIED, packs.verify(ID).state());

    // Not rewritten: a system-wide installation the user cannot write verifies as well.
    assertEquals(before, Files.getAttribute(marker, "unix:ino"));
  }

  @Test
  void remove_installedPack_leavesNothingBehind() throws IOException {
    PackManifest manifest = pack.manifest(ID, java.net.URI.create("https://unreachable.invalid/"));
    packs.install(manifest, Optional.of(pack.folder()), PackProgress.SILENT);

    packs.remove(ID);

    assertFalse(Files.exists(packs.folderOf(ID)));
    try (var left = Files.list(packs.folderOf(ID).getParent())) {
      assertEquals(0, left.count());
    }
    assertTrue(packs.verified(LivePortraitTestPack.FORMAT).isEmpty());
    assertThrows(ModelException.class, () -> packs.remove(ID));
  }

  @Test
  void catalog_committedManifest_listsTheSixNetworksWithPinnedChecksums() {
    PackManifest human = packs.manifest("liveportrait-onnx-human");

    assertEquals(6, human.files().size());
    assertEquals("d6ee9af4352b47e88e0521eba6b774c48204afddc8d91c671a5f7b8a0dfb4971",
        human.file("warping").orElseThrow().sha256());
    assertTrue(human.files().stream().allMatch(f -> f.url().getHost().equals("huggingface.co")));
    assertEquals(PackStatus.State.NOT_INSTALLED, packs.statuses().get(0).state());
  }

  @Test
  void readManifest_badJson_isRefusedNamingTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"id\": \"Bad Id\"}");

    ModelException error = assertThrows(ModelException.class, () -> packs.readManifest(file));

    assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
  }

  private static PackManifest replace(PackManifest manifest, PackFile replacement) {
    List<PackFile> files = manifest.files().stream()
        .map(f -> f.role().equals(replacement.role()) ? replacement : f).toList();
    return new PackManifest(manifest.id(), manifest.version(), manifest.format(), manifest.title(),
        manifest.licence(), manifest.nonCommercial(), files);
  }

  private static PackManifest reorder(PackManifest manifest, String firstRole) {
    List<PackFile> files = new ArrayList<>(manifest.files());
    files.sort((a, b) -> Boolean.compare(!a.role().equals(firstRole), !b.role().equals(firstRole)));
    return new PackManifest(manifest.id(), manifest.version(), manifest.format(), manifest.title(),
        manifest.licence(), manifest.nonCommercial(), files);
  }

  private static PackProgress lines(List<String> into) {
    return new PackProgress() {
      @Override
      public void step(String line) {
        into.add(line);
      }

      @Override
      public void bytes(String file, long done, long total) {}
    };
  }

}
