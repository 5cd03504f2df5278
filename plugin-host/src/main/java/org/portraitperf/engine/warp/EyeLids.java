package org.portraitperf.engine.warp;

import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;

/**
 * Draws the lid over an eye that the warp has nearly closed. Squeezing the eye's opening towards
 * the lid line leaves a thin dark band of iris and lashes, which reads as a squint rather than a
 * blink; a closed eye shows lid skin. So as the target lid gap falls below half the portrait's,
 * the inside of the eye is blended towards the colour of the portrait's own upper lid. Immutable.
 */
final class EyeLids {
  private static final int[][] EYES = {{36, 37, 38, 39, 40, 41}, {42, 43, 44, 45, 46, 47}};
  /** Lid gap, relative to the portrait's, at which the lid starts to show and at which it covers the eye. */
  private static final double LID_STARTS = 0.5;
  private static final double LID_COVERS = 0.15;
  /** A lid over an eye is in the eye socket's shade: a little darker than the skin above it. */
  private static final double LID_SHADE = 0.88;

  private final double[] portraitOpenness = new double[2];
  /** Per eye, the mean colour of the skin just above the upper lid. */
  private final double[][] lidColour = new double[2][];

  EyeLids(RgbImage portrait, Landmarks landmarks, HeadShape shape) {
    double[] x = MouthInterior.toDoubles(landmarks.xs());
    double[] y = MouthInterior.toDoubles(landmarks.ys());
    for (int e = 0; e < 2; e++) {
      int first = EYES[e][0];
      portraitOpenness[e] = shape.eyeOpenness(first);
      // The band between the upper lid and a copy of it raised by the eye's height.
      double[][] eye = Polygons.pick(x, y, EYES[e]);
      double[] b = Polygons.bounds(eye[0], eye[1]);
      double lift = Math.max(2, b[3] - b[1]);
      int[] upper = {first, first + 1, first + 2, first + 3};
      double[] bx = new double[8];
      double[] by = new double[8];
      for (int i = 0; i < 4; i++) {
        bx[i] = x[upper[i]];
        by[i] = y[upper[i]];
        bx[7 - i] = x[upper[i]];
        by[7 - i] = y[upper[i]] - lift;
      }
      double[] stats = Pixels.stats(portrait, new double[][] {bx, by}, new double[][] {new double[0], new double[0]});
      lidColour[e] = stats == null ? null : new double[] {stats[0], stats[1], stats[2]};
    }
  }

  /** Paints lids into the RGBA output over eyes whose target gap is small; seam in pixels. */
  void paint(byte[] rgba, int width, int height, MotionTransfer.Targets targets, double seam) {
    for (int e = 0; e < 2; e++) {
      double gap = targets.shape().eyeOpenness(EYES[e][0]) / Math.max(1e-6, portraitOpenness[e]);
      double amount = Polygons.smoothstep(LID_STARTS, LID_COVERS, gap);
      if (amount > 0 && lidColour[e] != null) {
        paintEye(rgba, width, height, Polygons.pick(targets.x(), targets.y(), EYES[e]), lidColour[e], amount, seam);
      }
    }
  }

  private static void paintEye(byte[] rgba, int width, int height, double[][] eye, double[] colour, double amount,
      double seam) {
    double[] b = Polygons.bounds(eye[0], eye[1]);
    int x0 = Math.max(0, (int) Math.floor(b[0] - seam));
    int y0 = Math.max(0, (int) Math.floor(b[1] - seam));
    int x1 = Math.min(width - 1, (int) Math.ceil(b[2] + seam));
    int y1 = Math.min(height - 1, (int) Math.ceil(b[3] + seam));
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        // Centred on the lid line: half the seam outside, half inside.
        double inside = Polygons.signedDistance(x, y, eye[0], eye[1]);
        double alpha = amount * Polygons.smoothstep(-seam / 2, seam / 2, inside);
        if (alpha <= 0) {
          continue;
        }
        int p = (y * width + x) * 4;
        for (int k = 0; k < 3; k++) {
          double old = rgba[p + k] & 0xff;
          rgba[p + k] = (byte) MouthInterior.clampByte(old + alpha * (LID_SHADE * colour[k] - old));
        }
      }
    }
  }
}
