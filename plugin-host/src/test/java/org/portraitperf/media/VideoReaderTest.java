package org.portraitperf.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portraitperf.testing.TestMedia.driving;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.portraitperf.testing.TestMedia;

/** Decodes the third-party driving clips; expected figures come from testdata/MANIFEST.md. */
class VideoReaderTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "lp_d0.mp4, 512, 512, 25, 78, false",
      "lp_d3.mp4, 512, 512, 30, 354, true",
      "lp_d12.mp4, 512, 512, 25, 183, true",
      "lp_d13.mp4, 720, 1280, 30, 352, false",
      "lp_d18.mp4, 480, 480, 30, 216, true",
      "tps_driving.mp4, 410, 412, 25, 169, true",
  })
  void open_drivingClip_decodesEveryFrameAtManifestFigures(String file, int width, int height,
      int fps, int frames, boolean audio) {
    try (VideoReader reader = VideoReader.open(driving(file))) {
      VideoInfo info = reader.info();
      assertEquals(width, info.width(), "width");
      assertEquals(height, info.height(), "height");
      assertEquals(fps, info.frameRate().toDouble(), 0.01, "fps " + info.frameRate());
      assertEquals(frames, info.frameCount(), "frame count in the header");
      assertFalse(info.frameCountEstimated());
      assertEquals(audio, info.hasAudio(), "audio");
      int count = 0;
      long lastTs = -1;
      for (DecodedFrame f = reader.next(); f != null; f = reader.next()) {
        assertEquals(count, f.index());
        assertEquals(width, f.image().width());
        assertEquals(height, f.image().height());
        assertTrue(f.timestampMicros() > lastTs, "timestamps increase");
        lastTs = f.timestampMicros();
        count++;
      }
      assertEquals(frames, count, "decoded frames");
      assertNull(reader.next(), "stays at end");
    }
  }

  @Test
  void seekToFrame_middleOfClip_returnsSamePixelsAsSequentialDecode() {
    Path clip = driving("lp_d12.mp4");
    byte[] sequential = null;
    try (VideoReader reader = VideoReader.open(clip)) {
      for (int i = 0; i <= 100; i++) {
        sequential = reader.next().image().pixels();
      }
    }
    try (VideoReader reader = VideoReader.open(clip)) {
      reader.next();
      reader.seekToFrame(100);
      DecodedFrame frame = reader.next();
      assertNotNull(frame);
      assertEquals(100, frame.index());
      assertEquals(4_000_000, frame.timestampMicros(), 1000, "frame 100 at 25 fps is at 4 s");
      assertTrue(Arrays.equals(sequential, frame.image().pixels()), "identical pixels");
      assertEquals(101, reader.next().index());
      reader.seekToFrame(3); // backwards too
      assertEquals(3, reader.next().index());
    }
  }
}
