package org.portraitperf.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.portraitperf.media.RgbImage;

/**
 * Test pictures for the BlazeFace tests and bench: the shared third-party media read in place
 * (never copied into the repository), and pictures composed from them. Decoding here uses ImageIO
 * and JavaCV directly because the media package's decoders are written separately.
 */
final class BlazeFaceTestImages {
  private BlazeFaceTestImages() {}

  static Path testData() {
    return Path.of(System.getProperty("pp.testdata", "/work/shared/testdata"));
  }

  static RgbImage portrait(String name) {
    Path file = testData().resolve("portraits").resolve(name);
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null) {
        throw new IOException("ImageIO cannot decode " + file);
      }
      return fromBuffered(image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Frame {@code index} of a clip in the shared driving folder. */
  static RgbImage drivingFrame(String clip, int index) {
    Path file = testData().resolve("driving").resolve(clip);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      grabber.start();
      grabber.setVideoFrameNumber(index);
      Frame frame = grabber.grabImage();
      return fromBuffered(converter.convert(frame));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RgbImage fromBuffered(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] pixels = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        int i = (y * w + x) * 3;
        pixels[i] = (byte) (rgb >> 16);
        pixels[i + 1] = (byte) (rgb >> 8);
        pixels[i + 2] = (byte) rgb;
      }
    }
    return new RgbImage(w, h, pixels);
  }

  static RgbImage uniform(int width, int height, int level) {
    byte[] pixels = new byte[width * height * 3];
    Arrays.fill(pixels, (byte) level);
    return new RgbImage(width, height, pixels);
  }

  /** {@code picture} pasted unscaled into a mid-grey canvas with its top left at (left, top). */
  static RgbImage pasted(RgbImage picture, int width, int height, int left, int top) {
    RgbImage canvas = uniform(width, height, 128);
    int row = picture.width() * 3;
    for (int y = 0; y < picture.height(); y++) {
      System.arraycopy(
          picture.pixels(), y * row, canvas.pixels(), ((top + y) * width + left) * 3, row);
    }
    return canvas;
  }
}
