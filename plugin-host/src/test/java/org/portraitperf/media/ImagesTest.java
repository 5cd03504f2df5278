package org.portraitperf.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portraitperf.testing.TestMedia.driving;
import static org.portraitperf.testing.TestMedia.portrait;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.testing.TestMedia;
import org.portraitperf.testing.ImageQuality;

class ImagesTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "lp_s9.jpg, 720, 1280",
      "lp_s12.jpg, 375, 500",
      "lp_s42.jpg, 512, 512",
      "lp_d8.jpg, 720, 720",
      "xp_source_image.png, 512, 512",
      "faceapi_sample6.jpg, 1920, 1537",
  })
  void read_portrait_hasManifestSize(String file, int width, int height) {
    RgbImage image = Images.read(portrait(file));
    assertEquals(width, image.width());
    assertEquals(height, image.height());
  }

  @Test
  void read_derivedFrameGrab_matchesOurDecodeOfTheSameFrame() {
    // derived_lp_d12_f0.png is frame 0 of lp_d12.mp4 converted by the ffmpeg command line: an
    // independent check of our matrix, range and chroma handling.
    RgbImage grab = Images.read(portrait("derived_lp_d12_f0.png"));
    RgbImage ours;
    try (VideoReader reader = VideoReader.open(driving("lp_d12.mp4"))) {
      ours = reader.next().image();
    }
    double psnr = ImageQuality.psnr(grab, ours);
    // Measured identical (infinite PSNR) with FFmpeg 7.1.1; 50 dB leaves room for rounding
    // changes in later FFmpeg versions while still catching a wrong matrix or range (< 30 dB).
    assertTrue(psnr > 50, "PSNR against ffmpeg's own conversion " + psnr + " dB, expected > 50");
  }

  @Test
  void write_thenRead_isLosslessEvenAtOnePixel() {
    for (RgbImage image : new RgbImage[] {TestPictures.noise(1, 1, 7), TestPictures.noise(33, 17, 8)}) {
      Path file = dir.resolve("img-" + image.width() + ".png");
      Images.write(file, image);
      RgbImage back = Images.read(file);
      assertEquals(image.width(), back.width());
      assertArrayEquals(image.pixels(), back.pixels());
    }
  }

  @Test
  void read_tiffWrittenByImageIo_isExact() throws IOException {
    RgbImage image = TestPictures.noise(20, 10, 3);
    Path file = dir.resolve("still.tiff");
    ImageIO.write(toBuffered(image), "tiff", file.toFile());
    assertArrayEquals(image.pixels(), Images.read(file).pixels());
  }

  @Test
  void read_jpegWithExifOrientation6_isTurnedUpright() throws IOException {
    // Stored 40x20 with red on the left, blue on the right; orientation 6 means "rotate 90
    // degrees clockwise to view", which puts the stored left side on top.
    RgbImage stored = halves(40, 20);
    Path file = dir.resolve("phone.jpg");
    Files.write(file, withExifOrientation(jpegBytes(stored), 6));
    RgbImage upright = Images.read(file);
    assertEquals(20, upright.width());
    assertEquals(40, upright.height());
    int[] top = TestPictures.rgbAt(upright, 10, 5);
    int[] bottom = TestPictures.rgbAt(upright, 10, 34);
    assertTrue(top[0] > 200 && top[2] < 60, "red on top, found " + java.util.Arrays.toString(top));
    assertTrue(bottom[2] > 200 && bottom[0] < 60, "blue below, found "
        + java.util.Arrays.toString(bottom));
  }

  @Test
  void open_directoryOfMixedStills_playsThemInNameOrder() throws IOException {
    RgbImage a = TestPictures.noise(12, 8, 1);
    RgbImage b = TestPictures.noise(12, 8, 2);
    RgbImage c = TestPictures.noise(12, 8, 3);
    // Created out of order and in two formats: the order must come from the names.
    Images.write(dir.resolve("frame_c.png"), c);
    ImageIO.write(toBuffered(b), "tiff", dir.resolve("frame_b.tif").toFile());
    Images.write(dir.resolve("frame_a.png"), a);
    try (VideoReader reader = VideoReader.open(dir)) {
      assertEquals(3, reader.info().frameCount());
      assertEquals(MediaLimits.IMAGE_SEQUENCE_RATE, reader.info().frameRate());
      assertArrayEquals(a.pixels(), reader.next().image().pixels());
      DecodedFrame second = reader.next();
      assertEquals(1, second.index());
      assertEquals(40_000, second.timestampMicros(), "25 fps");
      assertArrayEquals(b.pixels(), second.image().pixels());
      assertArrayEquals(c.pixels(), reader.next().image().pixels());
      assertNull(reader.next());
    }
  }

  @Test
  void open_singleStill_isAOneFrameSource() {
    try (VideoReader reader = VideoReader.open(portrait("lp_s42.jpg"))) {
      assertEquals(1, reader.info().frameCount());
      assertEquals("mjpeg", reader.info().codec());
      assertEquals(VideoInfo.ColorRange.FULL, reader.info().colorRange(), "JPEG is full range");
      assertEquals(512, reader.next().image().width());
      assertNull(reader.next());
      reader.seekToFrame(0);
      assertEquals(0, reader.next().index());
    }
  }

  private static RgbImage halves(int width, int height) {
    byte[] px = new byte[width * height * 3];
    for (int i = 0; i < width * height; i++) {
      boolean left = i % width < width / 2;
      px[i * 3] = (byte) (left ? 255 : 0);
      px[i * 3 + 2] = (byte) (left ? 0 : 255);
    }
    return new RgbImage(width, height, px);
  }

  private static BufferedImage toBuffered(RgbImage image) {
    BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int[] rgb = TestPictures.rgbAt(image, x, y);
        out.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
      }
    }
    return out;
  }

  private static byte[] jpegBytes(RgbImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(toBuffered(image), "jpeg", out);
    return out.toByteArray();
  }

  /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD0 entry) right after SOI. */
  private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    byte[] tiff = {
        'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
        0, 1, // one entry
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1
        0, 0, 0, 0 // no next IFD
    };
    byte[] exif = new byte[6 + tiff.length];
    System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, exif, 0, 6);
    System.arraycopy(tiff, 0, exif, 6, tiff.length);
    int length = exif.length + 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xff);
    out.write(exif, 0, exif.length);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }
}
