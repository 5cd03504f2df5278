package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.portraitperf.face.Landmarks;

/**
 * Lip coordinates on drawn mouths: a straight one open 20 px between corners 100 px apart, and a
 * smiling one whose lips bend up 30 px towards the corners.
 */
class MouthOpeningTest {

  @Test
  void lipCoordinates_thenPoint_onTheSameMouth_comeBackWhereTheyStarted() {
    MouthOpening smile = MouthOpening.of(xs(), ys(30));
    double[] sv = new double[2];
    double[] xy = new double[2];
    // Inside the smile's opening: a quarter of the way along, halfway between its lips.
    double x = 125;
    double y = 200 - 30 * bend(0.25);
    smile.lipCoordinates(x, y, sv);
    smile.point(sv[0], sv[1], xy);

    assertEquals(0.25, sv[0], 1e-9);
    assertEquals(0.5, sv[1], 1e-3);
    assertEquals(x, xy[0], 1e-6);
    assertEquals(y, xy[1], 1e-6);
  }

  @Test
  void point_straightMouthReadAtASmilesCoordinates_bendsWithTheLips() {
    // What lies just under the smile's upper lip near a corner, where that lip has risen 22 px,
    // is read just under the straight mouth's upper lip: the row of teeth follows the lips.
    MouthOpening smile = MouthOpening.of(xs(), ys(30));
    MouthOpening straight = MouthOpening.of(xs(), ys(0));
    double[] sv = new double[2];
    double[] xy = new double[2];
    double s = 0.25;
    smile.lipCoordinates(100 + 100 * s, 200 - 30 * bend(s) - 10 * gapShape(s) + 0.5, sv);
    straight.point(sv[0], sv[1], xy);

    assertEquals(125, xy[0], 1e-6);
    assertEquals(200 - 10 * gapShape(s) + 0.5, xy[1], 1e-6);
  }

  @Test
  void of_cornersMeet_isNull() {
    double[] x = xs();
    x[64] = x[60];
    assertNull(MouthOpening.of(x, ys(0)));
  }

  /** How far up the smile has bent the lips at s (0 at the middle, 1 at the corners). */
  private static double bend(double s) {
    return Math.pow(2 * s - 1, 2);
  }

  /** The opening's half-height at s, relative to its middle: 0 at the corners. */
  private static double gapShape(double s) {
    return 1 - Math.pow(2 * s - 1, 2);
  }

  /** Inner-lip x: corners at 100 and 200, the lips' points at a quarter, half and three quarters. */
  private static double[] xs() {
    double[] x = new double[Landmarks.COUNT];
    x[60] = 100;
    x[64] = 200;
    double[] along = {0.25, 0.5, 0.75};
    for (int i = 0; i < 3; i++) {
      x[61 + i] = 100 + 100 * along[i];
      x[67 - i] = 100 + 100 * along[i];
    }
    return x;
  }

  /** Inner-lip y round y 200, open 20 px in the middle, both lips bent up by {@code smile} at the corners. */
  private static double[] ys(double smile) {
    double[] y = new double[Landmarks.COUNT];
    y[60] = 200 - smile;
    y[64] = 200 - smile;
    double[] along = {0.25, 0.5, 0.75};
    for (int i = 0; i < 3; i++) {
      double s = along[i];
      y[61 + i] = 200 - smile * bend(s) - 10 * gapShape(s);
      y[67 - i] = 200 - smile * bend(s) + 10 * gapShape(s);
    }
    return y;
  }
}
