package org.portraitperf.testing;

import org.portraitperf.media.RgbImage;

/**
 * Full-reference picture quality, as quality benchmarks report it: PSNR over all RGB samples and
 * SSIM (Wang, Bovik, Sheikh and Simoncelli, 2004) on BT.601 luma with 8x8 uniform windows at
 * stride 4 and the paper's constants.
 */
public final class ImageQuality {
  private static final int WINDOW = 8, STRIDE = 4;
  private static final double C1 = Math.pow(0.01 * 255, 2), C2 = Math.pow(0.03 * 255, 2);

  private ImageQuality() {}

  public static double psnr(RgbImage a, RgbImage b) {
    requireSameSize(a, b);
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

  /** Mean SSIM over the windows, 1 for identical pictures. */
  public static double ssim(RgbImage a, RgbImage b) {
    requireSameSize(a, b);
    double[] x = luma(a);
    double[] y = luma(b);
    int w = a.width(), h = a.height();
    double total = 0;
    int windows = 0;
    for (int top = 0; top + WINDOW <= h; top += STRIDE) {
      for (int left = 0; left + WINDOW <= w; left += STRIDE) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int r = top; r < top + WINDOW; r++) {
          for (int c = left, i = r * w + left; c < left + WINDOW; c++, i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
          }
        }
        int n = WINDOW * WINDOW;
        double mx = sx / n, my = sy / n;
        double vx = sxx / n - mx * mx, vy = syy / n - my * my, cov = sxy / n - mx * my;
        total += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
        windows++;
      }
    }
    return total / windows;
  }

  private static double[] luma(RgbImage image) {
    byte[] p = image.pixels();
    double[] out = new double[image.width() * image.height()];
    for (int i = 0, j = 0; i < out.length; i++, j += 3) {
      out[i] = 0.299 * (p[j] & 0xff) + 0.587 * (p[j + 1] & 0xff) + 0.114 * (p[j + 2] & 0xff);
    }
    return out;
  }

  private static void requireSameSize(RgbImage a, RgbImage b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException("sizes differ: " + a.width() + "x" + a.height() + " vs "
          + b.width() + "x" + b.height());
    }
  }
}
