package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PolygonsTest {
  private static final int STEPS = 3;
  private static final double RADIUS = 50;

  /** Eight vertices on a circle, as an open mouth's inner-lip landmarks lie roughly on an oval. */
  private static double[][] octagon() {
    double[][] polygon = new double[2][8];
    for (int i = 0; i < 8; i++) {
      polygon[0][i] = 100 + RADIUS * Math.cos(Math.PI * i / 4);
      polygon[1][i] = 80 + RADIUS * Math.sin(Math.PI * i / 4);
    }
    return polygon;
  }

  @Test
  void rounded_passesThroughEveryVertex() {
    double[][] polygon = octagon();
    double[][] outline = Polygons.rounded(polygon, 0, 4, STEPS);
    assertEquals(8 * STEPS, outline[0].length);
    for (int i = 0; i < 8; i++) {
      assertEquals(polygon[0][i], outline[0][i * STEPS], 1e-9, "x of vertex " + i);
      assertEquals(polygon[1][i], outline[1][i * STEPS], 1e-9, "y of vertex " + i);
    }
  }

  @Test
  void rounded_betweenVerticesAwayFromTheCorners_followsTheCurveTheyLieOn() {
    double[][] outline = Polygons.rounded(octagon(), 0, 4, STEPS);
    // Segments 1-2, 2-3, 5-6 and 6-7 have a vertex beyond each end; a straight chord's middle lies
    // 7.6 % of the radius inside the circle (cos 22.5°).
    for (int segment : new int[] {1, 2, 5, 6}) {
      for (int s = 1; s < STEPS; s++) {
        int at = segment * STEPS + s;
        double r = Math.hypot(outline[0][at] - 100, outline[1][at] - 80);
        assertEquals(RADIUS, r, 0.01 * RADIUS, "point " + s + " of segment " + segment);
      }
    }
  }

  @Test
  void rounded_keepsEveryPointOfTheOutlineOnItsOwnSideOfTheCorners() {
    // A nearly closed mouth: the upper and lower runs of vertices 2 px apart must not cross.
    double[][] polygon = {
      {0, 20, 40, 60, 80, 60, 40, 20},
      {0, -1, -1, -1, 0, 1, 1, 1}
    };
    double[][] outline = Polygons.rounded(polygon, 0, 4, STEPS);
    for (int i = 1; i < 4 * STEPS; i++) {
      assertTrue(outline[1][i] < 0, "upper lip point " + i + " at y " + outline[1][i]);
    }
    for (int i = 4 * STEPS + 1; i < 8 * STEPS; i++) {
      assertTrue(outline[1][i] > 0, "lower lip point " + i + " at y " + outline[1][i]);
    }
  }
}
