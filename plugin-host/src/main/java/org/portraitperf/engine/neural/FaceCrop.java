package org.portraitperf.engine.neural;

import org.portraitperf.face.Landmarks;

/**
 * A square crop of a picture around a face, as LivePortrait frames it (contract §1.4): 512x512
 * crop pixels mapped onto the picture by a similarity transform. Crop pixel (u, v) lies at
 * centre + k ((u - 256) a + (v - 256) b) in the picture, with a and b the crop's unit x and y axes
 * and k picture pixels per crop pixel.
 *
 * @param centreX picture position of the crop's centre
 * @param centreY picture position of the crop's centre
 * @param ax the crop's x axis in the picture (unit); its y axis is (-ay, ax)
 * @param ay the crop's x axis in the picture
 * @param size the crop's side in picture pixels
 */
record FaceCrop(double centreX, double centreY, double ax, double ay, double size) {
  static final int SIDE = 512;
  private static final double HALF = SIDE / 2.0;

  /** Source framing: turned with the face (eye line level), 2.3 face sizes, raised by 0.125 of the crop. */
  static final double SOURCE_SCALE = 2.3;
  static final double SOURCE_RAISE = -0.125;
  /** Driving framing: upright, 2.2 face sizes, raised by 0.1 of the crop. */
  static final double DRIVING_SCALE = 2.2;
  static final double DRIVING_RAISE = -0.1;

  FaceCrop {
    if (!(size > 0) || Math.abs(Math.hypot(ax, ay) - 1) > 1e-6) {
      throw new IllegalArgumentException("a crop needs a positive size and a unit axis");
    }
  }

  /** The portrait's crop: rotated so that the eyes lie level in it. */
  static FaceCrop source(Landmarks landmarks) {
    return around(landmarks, true, SOURCE_SCALE, SOURCE_RAISE);
  }

  /** A driving frame's crop: upright, as LivePortrait crops driving clips. */
  static FaceCrop driving(Landmarks landmarks) {
    return around(landmarks, false, DRIVING_SCALE, DRIVING_RAISE);
  }

  /**
   * LivePortrait's rectangle from landmarks: with rotation, the y axis points from the eyes' centre
   * to the mouth's; the landmarks, turned into that frame about their mean, give a box that is made
   * square, scaled, and moved along y by {@code raise} of its side.
   */
  static FaceCrop around(Landmarks l, boolean rotate, double scale, double raise) {
    double bx = 0;
    double by = 1;
    if (rotate) {
      float[] left = l.mean(36, 41);
      float[] right = l.mean(42, 47);
      double eyeX = (left[0] + right[0]) / 2;
      double eyeY = (left[1] + right[1]) / 2;
      double lipX = (l.x(48) + l.x(54)) / 2.0;
      double lipY = (l.y(48) + l.y(54)) / 2.0;
      double length = Math.hypot(lipX - eyeX, lipY - eyeY);
      if (length > 1e-6) {
        bx = (lipX - eyeX) / length;
        by = (lipY - eyeY) / length;
      }
    }
    double ax = by;
    double ay = -bx;
    float[] mean = l.mean(0, Landmarks.COUNT - 1);
    double minU = Double.MAX_VALUE;
    double maxU = -Double.MAX_VALUE;
    double minV = Double.MAX_VALUE;
    double maxV = -Double.MAX_VALUE;
    for (int i = 0; i < Landmarks.COUNT; i++) {
      double dx = l.x(i) - mean[0];
      double dy = l.y(i) - mean[1];
      double u = dx * ax + dy * ay;
      double v = dx * bx + dy * by;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    double size = Math.max(maxU - minU, maxV - minV) * scale;
    double cu = (minU + maxU) / 2;
    double cv = (minV + maxV) / 2 + raise * size;
    return new FaceCrop(mean[0] + ax * cu + bx * cv, mean[1] + ay * cu + by * cv, ax, ay, size);
  }

  /** Picture pixels per crop pixel. */
  double pixelsPerCropPixel() {
    return size / SIDE;
  }

  double pictureX(double u, double v) {
    double k = pixelsPerCropPixel();
    return centreX + k * ((u - HALF) * ax - (v - HALF) * ay);
  }

  double pictureY(double u, double v) {
    double k = pixelsPerCropPixel();
    return centreY + k * ((u - HALF) * ay + (v - HALF) * ax);
  }

  double cropU(double x, double y) {
    return HALF + ((x - centreX) * ax + (y - centreY) * ay) / pixelsPerCropPixel();
  }

  double cropV(double x, double y) {
    return HALF + (-(x - centreX) * ay + (y - centreY) * ax) / pixelsPerCropPixel();
  }
}
