package org.portraitperf.face;

/**
 * Fits a generic rigid 3-D head to the landmarks under scaled orthographic projection, the usual
 * model for a face that is small compared with its distance from the camera.
 *
 * <p>Only landmarks that stay put on a head are used (eye corners and nose); brows, lids, lips and
 * the jaw outline move with expression or slide with the silhouette and would leak expression
 * into pose. The model is exactly left-right symmetric, so a mirrored face yields the mirrored
 * pose, and its proportions are those of an average adult head in millimetres.
 */
public final class HeadPoseEstimator {
  /** Landmark indices and their positions on the head model (x, y, z in mm, origin at the nose tip). */
  private static final int[] POINTS = {27, 28, 29, 30, 31, 33, 35, 36, 39, 42, 45};

  private static final double[][] MODEL = {
    {0, -40, -14}, // 27 top of the nose bridge, between the eyes
    {0, -27, -8}, // 28
    {0, -14, -3}, // 29
    {0, 0, 0}, // 30 nose tip
    {-14, 8, -14}, // 31 nostril wing, image left
    {0, 10, -8}, // 33 base of the nose
    {14, 8, -14}, // 35 nostril wing, image right
    {-45, -36, -32}, // 36 outer eye corner, image left
    {-15, -35, -24}, // 39 inner eye corner, image left
    {15, -35, -24}, // 42 inner eye corner, image right
    {45, -36, -32}, // 45 outer eye corner, image right
  };

  private static final double[] MODEL_CENTROID = centroid();

  /** Precomputed inverse of the model's scatter matrix, shared by every fit. */
  private static final double[][] MODEL_SCATTER_INVERSE = invert3(scatter());

  private HeadPoseEstimator() {}

  /** The pose of the face carrying these landmarks. */
  public static HeadPose estimate(Landmarks landmarks) {
    int n = POINTS.length;
    double cx = 0, cy = 0;
    for (int index : POINTS) {
      cx += landmarks.x(index);
      cy += landmarks.y(index);
    }
    cx /= n;
    cy /= n;

    // Least-squares affine camera M (2x3) with image = M * model, both centred.
    double[][] cross = new double[2][3];
    for (int i = 0; i < n; i++) {
      double u = landmarks.x(POINTS[i]) - cx;
      double v = landmarks.y(POINTS[i]) - cy;
      for (int k = 0; k < 3; k++) {
        double m = MODEL[i][k] - MODEL_CENTROID[k];
        cross[0][k] += u * m;
        cross[1][k] += v * m;
      }
    }
    double[][] affine = multiply(cross, MODEL_SCATTER_INVERSE);

    // The nearest scaled rotation: R2 = (M M^T)^(-1/2) M, scale = mean singular value.
    double a = dot(affine[0], affine[0]);
    double b = dot(affine[0], affine[1]);
    double d = dot(affine[1], affine[1]);
    double rootDet = Math.sqrt(Math.max(0, a * d - b * b));
    double rootNorm = Math.sqrt(a + d + 2 * rootDet);
    // sqrt([[a b][b d]]) = ([[a b][b d]] + rootDet I) / rootNorm; invert that 2x2.
    double s00 = (a + rootDet) / rootNorm, s01 = b / rootNorm, s11 = (d + rootDet) / rootNorm;
    double det = s00 * s11 - s01 * s01;
    double i00 = s11 / det, i01 = -s01 / det, i11 = s00 / det;
    double[] r0 = new double[3];
    double[] r1 = new double[3];
    for (int k = 0; k < 3; k++) {
      r0[k] = i00 * affine[0][k] + i01 * affine[1][k];
      r1[k] = i01 * affine[0][k] + i11 * affine[1][k];
    }
    double[] r2 = {
      r0[1] * r1[2] - r0[2] * r1[1], r0[2] * r1[0] - r0[0] * r1[2], r0[0] * r1[1] - r0[1] * r1[0]
    };
    double scale = (s00 + s11) / 2;

    double originX = cx - scale * dot(r0, MODEL_CENTROID);
    double originY = cy - scale * dot(r1, MODEL_CENTROID);
    double squaredError = 0;
    for (int i = 0; i < n; i++) {
      double px = originX + scale * dot(r0, MODEL[i]);
      double py = originY + scale * dot(r1, MODEL[i]);
      squaredError += sq(px - landmarks.x(POINTS[i])) + sq(py - landmarks.y(POINTS[i]));
    }

    double[] rotation = {r0[0], r0[1], r0[2], r1[0], r1[1], r1[2], r2[0], r2[1], r2[2]};
    return HeadPose.of(rotation, scale, originX, originY, Math.sqrt(squaredError / n));
  }

  private static double[] centroid() {
    double[] c = new double[3];
    for (double[] p : MODEL) {
      for (int k = 0; k < 3; k++) {
        c[k] += p[k] / MODEL.length;
      }
    }
    return c;
  }

  private static double[][] scatter() {
    double[][] s = new double[3][3];
    for (double[] p : MODEL) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          s[r][c] += (p[r] - MODEL_CENTROID[r]) * (p[c] - MODEL_CENTROID[c]);
        }
      }
    }
    return s;
  }

  private static double[][] invert3(double[][] m) {
    double c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
    double c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
    double c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
    double det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
    return new double[][] {
      {c00 / det, (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det, (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det},
      {c01 / det, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det, (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det},
      {c02 / det, (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det, (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det},
    };
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b[0].length];
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < b[0].length; c++) {
        for (int k = 0; k < b.length; k++) {
          out[r][c] += a[r][k] * b[k][c];
        }
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static double sq(double v) {
    return v * v;
  }
}
