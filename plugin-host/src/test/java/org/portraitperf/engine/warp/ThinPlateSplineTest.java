package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThinPlateSplineTest {
  // A face-sized scatter of control points, some close together as lids and lips are.
  private static final double[] X = {100, 180, 140, 120, 160, 141, 139, 60, 220, 140};
  private static final double[] Y = {100, 100, 150, 190, 190, 195, 197, 60, 60, 260};

  @Test
  void displacement_atControlPoints_matchesWhatWasAsked() {
    double[] dx = new double[X.length];
    double[] dy = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      dx[i] = Math.sin(i) * 6;
      dy[i] = Math.cos(i * 1.7) * 4;
    }
    ThinPlateSpline spline = ThinPlateSpline.fit(X, Y, dx, dy, 150);
    float[] d = new float[2];
    for (int i = 0; i < X.length; i++) {
      spline.displacement(X[i], Y[i], d, 0);
      assertEquals(dx[i], d[0], 0.05, "x at point " + i);
      assertEquals(dy[i], d[1], 0.05, "y at point " + i);
    }
  }

  @Test
  void displacement_ofAffineMotion_isThatMotionEverywhere() {
    double[] dx = new double[X.length];
    double[] dy = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      dx[i] = 3 + 0.1 * X[i] - 0.05 * Y[i];
      dy[i] = -2 + 0.02 * X[i];
    }
    ThinPlateSpline spline = ThinPlateSpline.fit(X, Y, dx, dy, 150);
    float[] d = new float[2];
    spline.displacement(400, -50, d, 0);
    assertEquals(3 + 40 + 2.5, d[0], 0.01);
    assertEquals(-2 + 8, d[1], 0.01);
  }

  @Test
  void displacement_ofNoMotion_isExactlyZero() {
    ThinPlateSpline spline = ThinPlateSpline.fit(X, Y, new double[X.length], new double[X.length], 150);
    float[] d = new float[2];
    spline.displacement(123.4, 56.7, d, 0);
    assertEquals(0f, d[0]);
    assertEquals(0f, d[1]);
  }

  @Test
  void fastLog_acrossKernelRange_agreesWithMathLog() {
    for (double v = 1e-6; v < 1e4; v *= 1.37) {
      assertEquals(Math.log(v), ThinPlateSpline.fastLog((float) v), 1e-5, "ln " + v);
    }
  }
}
