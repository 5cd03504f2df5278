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
  static double psnr(RgbImage a, RgbImage b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new AssertionError("sizes differ: " + a.width() + "x" + a.height() + " vs "
          + b.width() + "x" + b.height());
    }
    byte[] pa = a.pixels();
    byte[] pb = b.pixels();
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      int d = (pa[i] & 0xff) - (pb[i] & 0xff);
      sum += d * d;
    }
    double mse = sum / pa.length;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  /** RGB of the pixel at (x, y). */
  static int[] rgbAt(RgbImage image, int x, int y) {
    int p = (y * image.width() + x) * 3;
    byte[] px = image.pixels();
    return new int[] {px[p] & 0xff, px[p + 1] & 0xff, px[p + 2] & 0xff};
  }
}
