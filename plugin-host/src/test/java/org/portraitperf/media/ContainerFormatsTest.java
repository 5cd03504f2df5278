package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_RAWVIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_UYYVYY411;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clips made in the test by JavaCV's own recorder (not our writer), in codecs and containers our
 * writer does not produce, decoded by our reader.
 */
class ContainerFormatsTest {

  private static final int[] RED = {255, 0, 0};
  private static final int[] GREEN = {0, 255, 0};
  private static final int[] BLUE = {0, 0, 255};
  private static final int[] WHITE = {255, 255, 255};

  /**
   * Colours come back within a few code values when the matrix and range are right (untagged SD
   * is read as BT.601, as the recorder wrote it); a wrong matrix or range is off by 20 or more.
   */
  private static final int TOLERANCE = 12;

  @TempDir Path dir;

  /** Options for one recorder run: container, encoder, pixel format, extras. */
  private record Recording(String format, String codec, int pixelFormat, Map<String, String> options,
      double rotation, double sampleAspect) {}

  @Test
  void hevcInMp4_decodesAllFramesWithColoursInPlace() throws Exception {
    Path clip = record("hevc.mp4", new Recording("mp4", "libx265", AV_PIX_FMT_YUV420P,
        Map.of("x265-params", "log-level=error"), 0, 1), 128, 96, 10);
    assertDecodes(clip, "hevc", 128, 96, 10);
  }

  @Test
  void dnxhrInMxf_decodesAllFramesWithColoursInPlace() throws Exception {
    // DNxHR declares BT.709 while the recorder's own RGB conversion is BT.601, so the test hands
    // the recorder BT.709 4:2:2 planes it computed itself, making the file say what it holds.
    Path clip = dir.resolve("dnxhr.mxf");
    int w = 256;
    int h = 144;
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(clip.toFile(), w, h, 0)) {
      recorder.setFormat("mxf");
      recorder.setVideoCodecName("dnxhd");
      recorder.setPixelFormat(AV_PIX_FMT_YUV422P);
      recorder.setVideoOption("profile", "dnxhr_hq");
      recorder.setFrameRate(25);
      recorder.start();
      ByteBuffer planes = quadrantsBt709Yuv422(w, h);
      for (int i = 0; i < 6; i++) {
        recorder.recordImage(w, h, Frame.DEPTH_UBYTE, 1, w, AV_PIX_FMT_YUV422P, planes);
      }
      recorder.stop();
    }
    assertDecodes(clip, "dnxhd", w, h, 6);
  }

  @Test
  void h264InMkv_decodesAllFramesWithColoursInPlace() throws Exception {
    Path clip = record("clip.mkv", new Recording("matroska", "libx264", AV_PIX_FMT_YUV420P,
        Map.of("preset", "ultrafast"), 0, 1), 96, 64, 8);
    assertDecodes(clip, "h264", 96, 64, 8);
  }

  @Test
  void displayMatrix90_framesComeOutUprightWithSwappedSides() throws Exception {
    Path clip = record("rotated.mp4", new Recording("mp4", "libx264", AV_PIX_FMT_YUV420P,
        Map.of("preset", "ultrafast"), -90, 1), 128, 64, 3);
    try (VideoReader reader = VideoReader.open(clip)) {
      VideoInfo info = reader.info();
      assertEquals(90, info.rotation());
      assertEquals(64, info.width(), "displayed width is the coded height");
      assertEquals(128, info.height());
      assertEquals(128, info.codedWidth());
      RgbImage frame = reader.next().image();
      assertEquals(64, frame.width());
      assertEquals(128, frame.height());
      // A quarter turn clockwise moves the stored top-left (red) quadrant to the top right.
      assertColour(BLUE, frame, 16, 32);
      assertColour(RED, frame, 48, 32);
      assertColour(WHITE, frame, 16, 96);
      assertColour(GREEN, frame, 48, 96);
    }
  }

  @Test
  void anamorphicPixels_areResampledToSquare() throws Exception {
    // 2:1 pixels: a 64x64 coded picture is shown 128 wide.
    Path clip = record("wide.mkv", new Recording("matroska", "libx264", AV_PIX_FMT_YUV420P,
        Map.of("preset", "ultrafast"), 0, 2.0), 64, 64, 2);
    try (VideoReader reader = VideoReader.open(clip)) {
      assertEquals(new Rational(2, 1), reader.info().sampleAspectRatio());
      assertEquals(128, reader.info().width());
      RgbImage frame = reader.next().image();
      assertEquals(128, frame.width());
      assertEquals(64, frame.height());
      assertColour(RED, frame, 32, 16);
      assertColour(GREEN, frame, 96, 16);
    }
  }

  @Test
  void unsupportedPixelFormat_isRefusedNamingTheFormat() throws Exception {
    // Raw 4:1:1 packed video (uyyvyy411) decodes, but FFmpeg's scaler cannot read it.
    Path clip = dir.resolve("odd.nut");
    int w = 64;
    int h = 16;
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(clip.toFile(), w, h, 0)) {
      recorder.setFormat("nut");
      recorder.setVideoCodec(AV_CODEC_ID_RAWVIDEO);
      recorder.setPixelFormat(AV_PIX_FMT_UYYVYY411);
      recorder.setFrameRate(25);
      recorder.start();
      int stride = w * 3 / 2;
      recorder.recordImage(w, h, Frame.DEPTH_UBYTE, 1, stride, AV_PIX_FMT_UYYVYY411,
          ByteBuffer.allocateDirect(stride * h));
      recorder.stop();
    }
    try (VideoReader reader = VideoReader.open(clip)) {
      MediaException e = assertThrows(MediaException.class, reader::next);
      assertTrue(e.problem().startsWith("unsupported pixel format uyyvyy411"), e.getMessage());
    }
  }

  private void assertDecodes(Path clip, String codec, int width, int height, int frames) {
    try (VideoReader reader = VideoReader.open(clip)) {
      VideoInfo info = reader.info();
      assertEquals(codec, info.codec());
      assertEquals(width, info.width());
      assertEquals(height, info.height());
      int count = 0;
      for (DecodedFrame f = reader.next(); f != null; f = reader.next()) {
        assertEquals(count++, f.index());
        RgbImage image = f.image();
        assertColour(RED, image, width / 4, height / 4);
        assertColour(GREEN, image, 3 * width / 4, height / 4);
        assertColour(BLUE, image, width / 4, 3 * height / 4);
        assertColour(WHITE, image, 3 * width / 4, 3 * height / 4);
      }
      assertEquals(frames, count);
      reader.seekToFrame(frames - 1);
      assertEquals(frames - 1, reader.next().index());
    }
  }

  private static void assertColour(int[] expected, RgbImage image, int x, int y) {
    int[] actual = TestPictures.rgbAt(image, x, y);
    for (int c = 0; c < 3; c++) {
      assertEquals(expected[c], actual[c], TOLERANCE, "channel " + c + " at " + x + "," + y + ": expected "
          + java.util.Arrays.toString(expected) + ", found " + java.util.Arrays.toString(actual));
    }
  }

  /** Four solid quadrants: red, green / blue, white. */
  private static int[] quadrantColour(int x, int y, int width, int height) {
    return y < height / 2 ? (x < width / 2 ? RED : GREEN) : (x < width / 2 ? BLUE : WHITE);
  }

  /** The quadrants in BGR, the recorder's native order. */
  private static Frame quadrants(int width, int height) {
    Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
    ByteBuffer buffer = (ByteBuffer) frame.image[0];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] rgb = quadrantColour(x, y, width, height);
        int p = y * frame.imageStride + x * 3;
        buffer.put(p, (byte) rgb[2]).put(p + 1, (byte) rgb[1]).put(p + 2, (byte) rgb[0]);
      }
    }
    return frame;
  }

  /** The quadrants as BT.709 limited-range planar 4:2:2: Y, then Cb, then Cr. */
  private static ByteBuffer quadrantsBt709Yuv422(int width, int height) {
    int chromaWidth = width / 2;
    ByteBuffer planes = ByteBuffer.allocateDirect(width * height * 2);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] rgb = quadrantColour(x, y, width, height);
        double r = rgb[0] / 255.0;
        double g = rgb[1] / 255.0;
        double b = rgb[2] / 255.0;
        double luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        planes.put(y * width + x, (byte) Math.round(16 + 219 * luma));
        if (x % 2 == 0) {
          int c = y * chromaWidth + x / 2;
          planes.put(width * height + c, (byte) Math.round(128 + 224 * (b - luma) / 1.8556));
          planes.put(width * height + chromaWidth * height + c,
              (byte) Math.round(128 + 224 * (r - luma) / 1.5748));
        }
      }
    }
    return planes;
  }

  private Path record(String name, Recording r, int width, int height, int frames) throws Exception {
    Path clip = dir.resolve(name);
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(clip.toFile(), width, height, 0)) {
      recorder.setFormat(r.format());
      recorder.setVideoCodecName(r.codec());
      recorder.setPixelFormat(r.pixelFormat());
      recorder.setFrameRate(25);
      recorder.setVideoOptions(r.options());
      recorder.setDisplayRotation(r.rotation());
      recorder.setAspectRatio(r.sampleAspect());
      recorder.start();
      Frame frame = quadrants(width, height);
      for (int i = 0; i < frames; i++) {
        recorder.record(frame);
      }
      recorder.stop();
    }
    return clip;
  }
}
