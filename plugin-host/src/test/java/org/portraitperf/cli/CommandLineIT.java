package org.portraitperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.media.Images;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoReader;
import org.portraitperf.testing.TestMedia;

/** The command line as a user meets it: real clips, real models, exit codes and messages. */
class CommandLineIT {

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  /** One clear line, naming the input, and nothing that looks like a stack trace. */
  private static void assertOneLineError(CommandRun outcome, int expectedCode, String input) {
    assertEquals(expectedCode, outcome.code(), outcome.err());
    String[] lines = outcome.err().strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("error: ") && last.contains(input), "error line: " + last);
    assertFalse(outcome.err().contains("Exception") || outcome.err().contains("\tat "), outcome.err());
  }

  @Test
  void analyse_drivingClip_writesOverlayWithSameFramesAndRateAndJsonTrack(@TempDir Path dir) throws IOException {
    Path clip = TestMedia.driving("lp_d0.mp4");
    Path overlay = dir.resolve("tracked.mp4");
    Path json = dir.resolve("track.json");

    CommandRun outcome = run("analyse", "--video", clip.toString(), "--overlay", overlay.toString(), "--json", json.toString());

    assertEquals(ExitCodes.OK, outcome.code(), outcome.err());
    assertTrue(outcome.out().contains("face tracked on"), outcome.out());
    VideoInfo input;
    try (VideoReader reader = VideoReader.open(clip)) {
      input = reader.info();
    }
    int overlayFrames = 0;
    try (VideoReader reader = VideoReader.open(overlay)) {
      assertEquals(input.frameRate(), reader.info().frameRate());
      assertEquals(input.width(), reader.info().width());
      while (reader.next() != null) {
        overlayFrames++;
      }
    }
    assertEquals(input.frameCount(), overlayFrames);
    JsonNode track = new ObjectMapper().readTree(json.toFile());
    assertEquals(input.frameCount(), track.get("frames").size());
    JsonNode first = track.get("frames").get(0);
    assertTrue(first.get("tracked").asBoolean());
    assertEquals(68, first.get("landmarks").size());
    try (var leftovers = Files.list(dir)) {
      assertEquals(2, leftovers.count(), "no temporary files left beside the outputs");
    }
  }

  @Test
  void analyse_groupPhoto_reportsFourFaces() {
    CommandRun outcome = run("analyse", "--video", TestMedia.portrait("faceapi_sample6.jpg").toString());
    assertEquals(ExitCodes.OK, outcome.code(), outcome.err());
    assertTrue(outcome.out().contains("4 faces found"), outcome.out());
  }

  @Test
  void analyse_missingFile_failsWithOneLine(@TempDir Path dir) {
    Path missing = dir.resolve("nothing-here.mp4");
    assertOneLineError(run("analyse", "--video", missing.toString()), ExitCodes.BAD_INPUT, missing.toString());
  }

  @Test
  void analyse_textFileNamedMp4_failsWithOneLine(@TempDir Path dir) throws IOException {
    Path fake = Files.writeString(dir.resolve("notes.mp4"), "these are my notes, not a video\n");
    assertOneLineError(run("analyse", "--video", fake.toString()), ExitCodes.BAD_INPUT, fake.toString());
  }

  @Test
  void analyse_truncatedMp4_failsWithOneLine(@TempDir Path dir) throws IOException {
    byte[] whole = Files.readAllBytes(TestMedia.driving("lp_d12.mp4"));
    Path truncated = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length * 3 / 10));
    assertOneLineError(run("analyse", "--video", truncated.toString()), ExitCodes.BAD_INPUT, truncated.toString());
  }

  @Test
  void analyse_imageWithoutFace_failsWithOneLine(@TempDir Path dir) {
    RgbImage sky = RgbImage.blank(320, 240);
    byte[] p = sky.pixels();
    for (int i = 0; i < p.length; i += 3) {
      p[i] = 90;
      p[i + 1] = (byte) 140;
      p[i + 2] = (byte) (180 + (i / 3) % 320 / 8);
    }
    Path image = dir.resolve("sky.png");
    Images.write(image, sky);
    assertOneLineError(run("analyse", "--video", image.toString()), ExitCodes.BAD_INPUT, image.toString());
  }

  @Test
  void analyse_onePixelImage_failsWithOneLine(@TempDir Path dir) {
    Path image = dir.resolve("dot.png");
    Images.write(image, RgbImage.blank(1, 1));
    assertOneLineError(run("analyse", "--video", image.toString()), ExitCodes.BAD_INPUT, image.toString());
  }

  @Test
  void analyse_badFaceSelection_isUsageError() {
    CommandRun outcome = run("analyse", "--video", "x.mp4", "--face", "tallest");
    assertEquals(ExitCodes.USAGE, outcome.code());
    assertTrue(outcome.err().contains("largest, index:N, at:X,Y"), outcome.err());
  }

  @Test
  void modelsVerify_installedModels_succeeds() {
    CommandRun outcome = run("models", "verify");
    assertEquals(ExitCodes.OK, outcome.code(), outcome.out());
    assertTrue(outcome.out().contains("verified"), outcome.out());
  }

  @Test
  void doctor_healthyMachine_reportsRuntimeCodecsAndModels() {
    CommandRun outcome = run("doctor");
    assertEquals(ExitCodes.OK, outcome.code(), outcome.out() + outcome.err());
    assertTrue(outcome.out().contains("ONNX Runtime"), outcome.out());
    assertTrue(outcome.out().contains("libx264"), outcome.out());
    assertTrue(outcome.out().contains("ready   warp"), outcome.out());
  }
}
