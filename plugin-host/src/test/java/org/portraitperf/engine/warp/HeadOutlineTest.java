package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The outline round an ellipse 100 px wide and 160 high at (100, 100), ring points every 45°. */
class HeadOutlineTest {
  private static final double[] ELLIPSE = {100, 100, 50, 80};

  @Test
  void radius_reachOfOneEverywhere_isTheEllipse() {
    HeadOutline outline = outline(new double[] {1, 1, 1, 1, 1, 1, 1, 1});

    assertEquals(1, outline.radius(150, 100), 1e-9);
    assertEquals(1, outline.radius(100, 20), 1e-9);
    assertEquals(0.5, outline.radius(100 + 25 * Math.sqrt(0.5), 100 + 40 * Math.sqrt(0.5)), 1e-9);
    assertEquals(1, outline.outermost(), 1e-9);
  }

  @Test
  void radius_onePointReachingFurther_pushesTheOutlineOutThereAndNowhereElse() {
    // The point to the right (angle 0) reaches half as far again.
    HeadOutline outline = outline(new double[] {1.5, 1, 1, 1, 1, 1, 1, 1});

    assertEquals(1, outline.radius(175, 100), 1e-9);
    assertEquals(1 / 1.5, outline.radius(150, 100), 1e-9);
    // Halfway to the next ring point, halfway out.
    double half = Math.PI / 8;
    assertEquals(1, outline.radius(100 + 1.25 * 50 * Math.cos(half), 100 + 1.25 * 80 * Math.sin(half)), 1e-3);
    // Beyond the neighbouring points, the ellipse itself.
    assertEquals(1, outline.radius(100, 180), 1e-9);
    assertEquals(1, outline.radius(50, 100), 1e-9);
    assertEquals(1.5, outline.outermost(), 1e-9);
  }

  private static HeadOutline outline(double[] reach) {
    double[] x = new double[8];
    double[] y = new double[8];
    for (int j = 0; j < 8; j++) {
      x[j] = ELLIPSE[0] + ELLIPSE[2] * Math.cos(Math.PI * j / 4);
      y[j] = ELLIPSE[1] + ELLIPSE[3] * Math.sin(Math.PI * j / 4);
    }
    return new HeadOutline(ELLIPSE, x, y, reach);
  }
}
