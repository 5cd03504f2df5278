package org.portraitperf.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portraitperf.testing.TestMedia.driving;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.testing.TestMedia;

/** Each broken input gives one clear MediaException naming the file, never a crash or a hang. */
class BadMediaTest {

  @TempDir Path dir;

  @Test
  void open_missingFile_saysNoSuchFile() {
    Path missing = dir.resolve("missing.mp4");
    MediaException e = assertThrows(MediaException.class, () -> VideoReader.open(missing));
    assertEquals(missing + ": no such file", e.getMessage());
    assertEquals(missing.toString(), e.subject());
  }

  @Test
  void open_textFileNamedMp4_saysNotAVideoFile() throws IOException {
    Path text = dir.resolve("x.mp4");
    Files.writeString(text, "this is a shopping list, not a movie\n".repeat(20));
    MediaException e = assertThrows(MediaException.class, () -> VideoReader.open(text));
    assertTrue(e.problem().startsWith("not a video file"), e.getMessage());
  }

  @Test
  void open_zeroByteFile_saysEmpty() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.mp4"));
    MediaException e = assertThrows(MediaException.class, () -> VideoReader.open(empty));
    assertEquals(empty + ": empty file (0 bytes)", e.getMessage());
  }

  @Test
  void read_zeroBytePng_saysEmpty() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.png"));
    MediaException e = assertThrows(MediaException.class, () -> Images.read(empty));
    assertEquals("empty file (0 bytes)", e.problem());
  }

  @Test
  void open_truncatedMp4WithIndexAtEnd_failsAtOpen() throws IOException {
    // lp_d0.mp4 keeps its "moov" index at the end of the file, so a cut copy has no index at all.
    Path cut = truncatedCopy("lp_d0.mp4", 0.3);
    MediaException e = assertThrows(MediaException.class, () -> VideoReader.open(cut));
    assertTrue(e.problem().contains("damaged"), e.getMessage());
  }

  @Test
  void next_truncatedMp4WithIndexAtStart_decodesGoodFramesThenFails() throws IOException {
    // tps_driving.mp4 is "fast start": the index survives, the frames after the cut do not.
    Path cut = truncatedCopy("tps_driving.mp4", 0.3);
    try (VideoReader reader = VideoReader.open(cut)) {
      assertEquals(169, reader.info().frameCount(), "the header still promises every frame");
      int decoded = 0;
      MediaException e = null;
      try {
        while (reader.next() != null) {
          decoded++;
        }
      } catch (MediaException thrown) {
        e = thrown;
      }
      assertTrue(e != null, "a truncated file must not end quietly");
      assertTrue(decoded > 10 && decoded < 169, "decoded " + decoded + " good frames first");
      assertTrue(e.problem().startsWith("truncated or corrupt"), e.getMessage());
    }
  }

  @Test
  void open_directoryWithoutImages_saysSo() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "nothing to see");
    MediaException e = assertThrows(MediaException.class, () -> VideoReader.open(dir));
    assertTrue(e.problem().startsWith("no images in the directory"), e.getMessage());
  }

  @Test
  void open_patternMatchingNothing_saysNoSuchFile() {
    Path pattern = dir.resolve("f_%04d.png");
    MediaException e = assertThrows(MediaException.class, () -> VideoReader.open(pattern));
    assertTrue(e.problem().startsWith("no such file"), e.getMessage());
  }

  @Test
  void seekToFrame_pastTheEnd_saysWhichRangeIsValid() {
    try (VideoReader reader = VideoReader.open(driving("lp_d0.mp4"))) {
      MediaException e = assertThrows(MediaException.class, () -> reader.seekToFrame(78));
      assertTrue(e.problem().contains("expected 0..77"), e.getMessage());
    }
  }

  @Test
  void requireEngineSize_beyond8k_isRefusedWithTheLimit() {
    MediaException e = assertThrows(MediaException.class,
        () -> MediaLimits.requireEngineSize("huge.png", 8192, 8192));
    assertTrue(e.problem().contains("found 8192x8192"), e.getMessage());
    MediaLimits.requireEngineSize("uhd.png", 7680, 4320); // exactly at the limit is fine
  }

  @Test
  void read_textFileNamedPng_saysNotAnImage() throws IOException {
    Path fake = dir.resolve("portrait.png");
    Files.write(fake, "not a picture".getBytes(StandardCharsets.US_ASCII));
    MediaException e = assertThrows(MediaException.class, () -> Images.read(fake));
    assertTrue(e.problem().startsWith("not an image file"), e.getMessage());
  }

  private Path truncatedCopy(String clip, double fraction) throws IOException {
    Path copy = dir.resolve("cut-" + clip);
    Files.copy(driving(clip), copy);
    try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
      file.setLength((long) (file.length() * fraction));
    }
    return copy;
  }
}
