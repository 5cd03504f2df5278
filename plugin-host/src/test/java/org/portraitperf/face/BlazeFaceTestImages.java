package org.portraitperf.face;

import java.util.Arrays;
import org.portraitperf.media.Images;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.testing.TestMedia;

/**
 * Test pictures for the BlazeFace tests and bench: the shared third-party media read in place
 * (never copied into the repository), and pictures composed from them.
 */
final class BlazeFaceTestImages {
  private BlazeFaceTestImages() {}

  static RgbImage portrait(String name) {
    return Images.read(TestMedia.portrait(name));
  }

  /** Frame {@code index} of a clip in the shared driving folder. */
  static RgbImage drivingFrame(String clip, int index) {
    try (VideoReader reader = VideoReader.open(TestMedia.driving(clip))) {
      reader.seekToFrame(index);
      return reader.next().image();
    }
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
