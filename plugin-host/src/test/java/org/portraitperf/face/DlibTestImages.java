package org.portraitperf.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.portraitperf.media.RgbImage;

/**
 * Test pictures from the shared test data (surefire's {@code pp.testdata}). Decoded with the JDK's
 * ImageIO so that these tests depend on the landmark code only, not on the media package's decoders.
 */
final class DlibTestImages {
  private DlibTestImages() {}

  static Path testData() {
    String folder = System.getProperty("pp.testdata");
    if (folder == null) {
      throw new IllegalStateException("system property pp.testdata is not set (surefire sets it; pass -Dpp.testdata=...)");
    }
    return Path.of(folder);
  }

  static RgbImage load(String relativePath) {
    Path file = testData().resolve(relativePath);
    try {
      BufferedImage decoded = ImageIO.read(file.toFile());
      if (decoded == null) {
        throw new IllegalStateException(file + ": no ImageIO reader for this format");
      }
      int width = decoded.getWidth(), height = decoded.getHeight();
      byte[] rgb = new byte[width * height * 3];
      int[] row = new int[width];
      for (int y = 0; y < height; y++) {
        decoded.getRGB(0, y, width, 1, row, 0, width);
        for (int x = 0; x < width; x++) {
          int p = (y * width + x) * 3;
          rgb[p] = (byte) (row[x] >> 16);
          rgb[p + 1] = (byte) (row[x] >> 8);
          rgb[p + 2] = (byte) row[x];
        }
      }
      return new RgbImage(width, height, rgb);
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }
}
