package org.portraitperf.media;

/** Synthetic pictures and comparisons shared by the media tests. */
final class TestPictures {

  private TestPictures() {}

  /** Smooth diagonal gradients that drift with {@code t}: easy on a codec, sensitive to shifts. */
  static RgbImage smooth(int width, int height, int t) {
    byte[] px = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = (y * width + x) * 3;
        px[p] = (byte) (40 + (x + 2 * t) * 170 / (width + 2 * t + 1));
        px[p + 1] = (byte) (30 + (y + t) * 190 / (height + t + 1));
        px[p + 2] = (byte) (200 - (x + y) * 150 / (width + height));
      }
    }
    return new RgbImage(width, height, px);
  }

  /** Deterministic noise: any lossy step would change it. */
  static RgbImage noise(int width, int height, long seed) {
    byte[] px = new byte[width * height * 3];
    new java.util.Random(seed).nextBytes(px);
    return new RgbImage(width, height, px);
  }

  /** Peak signal-to-noise ratio in dB over all channels. */
  /** RGB of the pixel at (x, y). */
  static int[] rgbAt(RgbImage image, int x, int y) {
    int p = (y * image.width() + x) * 3;
    byte[] px = image.pixels();
    return new int[] {px[p] & 0xff, px[p + 1] & 0xff, px[p + 2] & 0xff};
  }
}
