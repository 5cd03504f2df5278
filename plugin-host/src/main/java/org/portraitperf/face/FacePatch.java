package org.portraitperf.face;

import org.portraitperf.media.RgbPixels;

/**
 * A small grey-level sample of the face, taken on a grid that moves, turns and scales with the
 * eyes. Comparing it with the previous frame's sample is a cheap way to notice that the landmarks
 * no longer sit on the same face (a cut, a hand in front, the face leaving the frame) without
 * running the detector on every frame.
 */
final class FacePatch {
  /** Grid points per side. */
  static final int GRID = 12;

  private FacePatch() {}

  /** Samples the grid spanning 1.6 eye spans wide and tall, centred below the eyes on the nose. */
  static float[] sample(RgbPixels image, Landmarks landmarks) {
    float[] left = landmarks.mean(36, 41);
    float[] right = landmarks.mean(42, 47);
    double ux = right[0] - left[0];
    double uy = right[1] - left[1];
    // Axis along the eyes and its perpendicular pointing down the face, both one eye-centre span long.
    double centreX = (left[0] + right[0]) / 2 - uy * 0.5;
    double centreY = (left[1] + right[1]) / 2 + ux * 0.5;
    float[] values = new float[GRID * GRID];
    for (int row = 0; row < GRID; row++) {
      double v = 1.6 * ((row + 0.5) / GRID - 0.5);
      for (int col = 0; col < GRID; col++) {
        double u = 1.6 * ((col + 0.5) / GRID - 0.5);
        int x = (int) Math.round(centreX + u * ux - v * uy);
        int y = (int) Math.round(centreY + u * uy + v * ux);
        values[row * GRID + col] = image.intensity(x, y);
      }
    }
    return values;
  }

  /**
   * Normalised cross-correlation of two samples: 1 for the same look, near 0 for unrelated
   * content; 0 when either is flat (a blank frame carries no face).
   */
  static double similarity(float[] a, float[] b) {
    double meanA = 0, meanB = 0;
    for (int i = 0; i < a.length; i++) {
      meanA += a[i];
      meanB += b[i];
    }
    meanA /= a.length;
    meanB /= b.length;
    double cross = 0, varA = 0, varB = 0;
    for (int i = 0; i < a.length; i++) {
      double da = a[i] - meanA, db = b[i] - meanB;
      cross += da * db;
      varA += da * da;
      varB += db * db;
    }
    // Less than about 2 grey levels of spread is no picture of a face.
    double flat = 4.0 * a.length;
    return varA < flat || varB < flat ? 0 : cross / Math.sqrt(varA * varB);
  }
}
