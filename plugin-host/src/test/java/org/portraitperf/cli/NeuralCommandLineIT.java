package org.portraitperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.AtomicFiles;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoReader;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;
import org.portraitperf.models.PackFile;
import org.portraitperf.models.PackManifest;
import org.portraitperf.testing.LivePortraitTestPack;
import org.portraitperf.testing.PackServer;
import org.portraitperf.testing.TestMedia;

/**
 * The command line as users run it, in its own JVM with its own model directory: install a
 * generated LivePortrait-shaped pack from a loopback server, let {@code auto} pick the neural engine
 * and animate with it, then remove the pack and watch {@code auto} fall back.
 */
class NeuralCommandLineIT {
  private static final String ID = "test-liveportrait";

  @TempDir Path dir;

  /** One {@code pp} run with PP_MODELS_DIR pointing at the test's model directory. */
  private record Run(int code, String out) {}

  private Run pp(Path models, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "pp", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("PP_MODELS_DIR", models.toString());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("pp " + String.join(" ", args) + " did not finish");
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Outside the JUnit temp dir, whose clean-up warns about every link it deletes. */
  private Path models;

  @AfterEach
  void removeModelDirectory() {
    if (models != null) {
      AtomicFiles.discard(models);
    }
  }

  /** A model directory holding the installed face models (linked) and nothing else. */
  private Path modelDirectory() throws IOException {
    ModelStore installed = ModelStore.fromEnvironment();
    models = Files.createTempDirectory("pp-neural-cli-models");
    ModelStore fresh = new ModelStore(models);
    for (ModelFile file : ModelFile.values()) {
      Path link = fresh.pathOf(file);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, installed.require(file));
    }
    return fresh.root();
  }

  @Test
  void installAnimateRemove_generatedPack_autoPicksNeuralAndWritesAVideo() throws Exception {
    Path models = modelDirectory();
    LivePortraitTestPack pack = LivePortraitTestPack.write(dir.resolve("published"));
    try (PackServer server = new PackServer(pack.folder())) {
      Path manifest = dir.resolve("test-pack.json");
      new ObjectMapper().writeValue(manifest.toFile(), pack.manifest(ID, server.base()));

      Run install = pp(models, "models", "install", "--manifest", manifest.toString());
      assertEquals(0, install.code(), install.out());
      assertTrue(install.out().contains(ID + " 1: installed and verified"), install.out());

      Path take = dir.resolve("take.mp4");
      Run animate = pp(models, "animate", "--portrait", TestMedia.portrait("lp_s42.jpg").toString(),
          "--driving", TestMedia.driving("lp_d18.mp4").toString(), "--from", "0", "--to", "11",
          "--out", take.toString());
      assertEquals(0, animate.code(), animate.out());
      assertTrue(animate.out().contains("engine: neural (auto: picked neural, LivePortrait networks from pack " + ID),
          animate.out());
      try (VideoReader reader = VideoReader.open(take)) {
        VideoInfo info = reader.info();
        assertEquals(12, info.frameCount());
        assertEquals(512, info.width());
      }

      Run remove = pp(models, "models", "remove", ID);
      assertEquals(0, remove.code(), remove.out());
      Run doctor = pp(models, "doctor");
      assertTrue(doctor.out().contains("auto: neural is not ready (no verified LivePortrait model pack"), doctor.out());
    }
  }

  @Test
  void install_manifestWithWrongChecksum_failsWithOneLineAndExitCode4() throws Exception {
    Path models = modelDirectory();
    LivePortraitTestPack pack = LivePortraitTestPack.write(dir.resolve("published"));
    try (PackServer server = new PackServer(pack.folder())) {
      PackManifest honest = pack.manifest(ID, server.base());
      List<PackFile> files = honest.files().stream()
          .map(f -> f.role().equals("motion") ? new PackFile(f.role(), f.name(), f.url(), f.bytes(),
              "f".repeat(64), f.inputs(), f.outputs()) : f)
          .toList();
      Path manifest = dir.resolve("lying.json");
      new ObjectMapper().writeValue(manifest.toFile(), new PackManifest(honest.id(), honest.version(),
          honest.format(), honest.title(), honest.licence(), false, files));

      Run install = pp(models, "models", "install", "--manifest", manifest.toString());

      assertEquals(ExitCodes.MODEL_PROBLEM, install.code(), install.out());
      assertTrue(install.out().contains("error: " + ID + "/motion_extractor.onnx: checksum mismatch"), install.out());
    }
  }
}
