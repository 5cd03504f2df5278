package org.portraitperf.engine.warp;

/**
 * A 2-D thin-plate spline displacement field: fitted to control points that must move by given
 * amounts, it bends the plane as little as possible in between (Bookstein 1989). Used backwards:
 * control points sit where features end up, and the displacement leads back to where they came
 * from in the source picture.
 *
 * <p>Coordinates are normalised by a length (about a face size) so that the smoothing term means
 * the same at every resolution. Immutable once fitted.
 */
final class ThinPlateSpline {
  /**
   * Smoothing added to the kernel's diagonal, in normalised units. Coincident control points with
   * different displacements (the inner lips of a closed mouth) make the exact system singular;
   * this tiny amount trades a sub-pixel miss for a solvable, tame fit.
   */
  private static final double SMOOTHING = 1e-5;

  private final int count;
  private final float[] xs;
  private final float[] ys;
  private final double originX;
  private final double originY;
  private final double invUnit;
  /** Per control point, kernel weights for the x and y displacement; then the affine part. */
  private final float[] weightsX;
  private final float[] weightsY;
  private final double[] affineX;
  private final double[] affineY;

  private ThinPlateSpline(int count, float[] xs, float[] ys, double originX, double originY,
      double invUnit, double[] solutionX, double[] solutionY) {
    this.count = count;
    this.xs = xs;
    this.ys = ys;
    this.originX = originX;
    this.originY = originY;
    this.invUnit = invUnit;
    this.weightsX = new float[count];
    this.weightsY = new float[count];
    for (int i = 0; i < count; i++) {
      weightsX[i] = (float) solutionX[i];
      weightsY[i] = (float) solutionY[i];
    }
    this.affineX = new double[] {solutionX[count], solutionX[count + 1], solutionX[count + 2]};
    this.affineY = new double[] {solutionY[count], solutionY[count + 1], solutionY[count + 2]};
  }

  /**
   * Fits the field that moves each point (x[i], y[i]) by (dx[i], dy[i]).
   *
   * @param unit a length in pixels, about the size of the deformed object
   */
  static ThinPlateSpline fit(double[] x, double[] y, double[] dx, double[] dy, double unit) {
    int n = x.length;
    double ox = 0, oy = 0;
    for (int i = 0; i < n; i++) {
      ox += x[i] / n;
      oy += y[i] / n;
    }
    double inv = 1 / unit;
    float[] px = new float[n];
    float[] py = new float[n];
    for (int i = 0; i < n; i++) {
      px[i] = (float) ((x[i] - ox) * inv);
      py[i] = (float) ((y[i] - oy) * inv);
    }
    int size = n + 3;
    double[][] a = new double[size][size + 2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double u = kernel((float) (sq(px[i] - px[j]) + sq(py[i] - py[j])));
        a[i][j] = u;
        a[j][i] = u;
      }
      a[i][i] = SMOOTHING;
      a[i][n] = a[n][i] = 1;
      a[i][n + 1] = a[n + 1][i] = px[i];
      a[i][n + 2] = a[n + 2][i] = py[i];
      a[i][size] = dx[i];
      a[i][size + 1] = dy[i];
    }
    if (!LinearSystems.solveInPlace(a, size)) {
      throw new IllegalArgumentException("control points are degenerate (all on one line?)");
    }
    double[] sx = new double[size];
    double[] sy = new double[size];
    for (int i = 0; i < size; i++) {
      sx[i] = a[i][size];
      sy[i] = a[i][size + 1];
    }
    return new ThinPlateSpline(n, px, py, ox, oy, inv, sx, sy);
  }

  /** Writes the displacement at image point (x, y) into out[offset] (x) and out[offset + 1] (y). */
  void displacement(double x, double y, float[] out, int offset) {
    float u = (float) ((x - originX) * invUnit);
    float v = (float) ((y - originY) * invUnit);
    // Float sums: the weights are tame at face-size units, and a thousandth of a pixel is plenty.
    float sumX = 0;
    float sumY = 0;
    for (int i = 0; i < count; i++) {
      float du = u - xs[i];
      float dv = v - ys[i];
      float k = kernel(du * du + dv * dv);
      sumX += weightsX[i] * k;
      sumY += weightsY[i] * k;
    }
    out[offset] = (float) (affineX[0] + affineX[1] * u + affineX[2] * v + sumX);
    out[offset + 1] = (float) (affineY[0] + affineY[1] * u + affineY[2] * v + sumY);
  }

  /**
   * The radial basis r² log r (half the usual r² log r², which only rescales the weights), in
   * terms of r². No special case at 0: the logarithm below stays finite there and the product is 0.
   */
  static float kernel(float r2) {
    return 0.5f * r2 * fastLog(r2);
  }

  /**
   * Natural logarithm to about 1e-5, several times faster than {@link Math#log}: the kernel is
   * evaluated for every control point at every grid node of every frame, and a spline needs no
   * more precision than that.
   */
  static float fastLog(float value) {
    int bits = Float.floatToRawIntBits(value);
    int exponent = ((bits >>> 23) & 0xff) - 127;
    // Mantissa in [1, 2), shifted to [sqrt(1/2), sqrt(2)) so the series below stays short.
    float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000);
    if (m > 1.41421356f) {
      m *= 0.5f;
      exponent++;
    }
    // ln(m) = 2 atanh(t), t = (m - 1) / (m + 1), |t| < 0.172.
    float t = (m - 1) / (m + 1);
    float t2 = t * t;
    float series = t * (2f + t2 * (0.6666667f + t2 * (0.4f + t2 * 0.2857143f)));
    return series + exponent * 0.6931472f;
  }

  private static double sq(double v) {
    return v * v;
  }
}
