package org.portraitperf.engine.warp;

import org.portraitperf.media.RgbPixels;

/** Sub-pixel reads of an RGB picture and its mean colour over a region. */
final class Pixels {
  private Pixels() {}

  /**
   * Bilinear colour at (x, y), 0..255 per channel, into rgb; false (and nothing written) when the
   * point lies outside the picture.
   */
  static boolean sample(RgbPixels image, double x, double y, float[] rgb) {
    int w = image.width();
    int h = image.height();
    if (!(x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1)) {
      return false;
    }
    int ix = Math.min((int) x, w - 2);
    int iy = Math.min((int) y, h - 2);
    float fx = (float) (x - ix);
    float fy = (float) (y - iy);
    int i00 = (iy * w + ix) * 3;
    int i10 = i00 + w * 3;
    for (int k = 0; k < 3; k++) {
      float top = image.at(i00 + k) + fx * (image.at(i00 + 3 + k) - image.at(i00 + k));
      float bottom = image.at(i10 + k) + fx * (image.at(i10 + 3 + k) - image.at(i10 + k));
      rgb[k] = top + fy * (bottom - top);
    }
    return true;
  }

  /** Brightness of a colour (0..255 per channel), weighted as the eye weighs red, green and blue. */
  static double brightness(double r, double g, double b) {
    return 0.299 * r + 0.587 * g + 0.114 * b;
  }

  /**
   * Mean colour, {R, G, B}, of the pixels inside polygon {@code outer} and outside polygon
   * {@code hole}; null when fewer than a handful of pixels qualify.
   */
  static double[] meanColour(RgbPixels image, double[][] outer, double[][] hole) {
    double[] b = Polygons.bounds(outer[0], outer[1]);
    int x0 = Math.max(0, (int) Math.floor(b[0]));
    int y0 = Math.max(0, (int) Math.floor(b[1]));
    int x1 = Math.min(image.width() - 1, (int) Math.ceil(b[2]));
    int y1 = Math.min(image.height() - 1, (int) Math.ceil(b[3]));
    double[] sum = new double[3];
    int count = 0;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        if (Polygons.inside(x, y, outer[0], outer[1]) && !Polygons.inside(x, y, hole[0], hole[1])) {
          int i = (y * image.width() + x) * 3;
          for (int k = 0; k < 3; k++) {
            sum[k] += image.at(i + k);
          }
          count++;
        }
      }
    }
    if (count < 8) {
      return null;
    }
    return new double[] {sum[0] / count, sum[1] / count, sum[2] / count};
  }
}
