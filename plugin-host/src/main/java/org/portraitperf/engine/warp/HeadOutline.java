package org.portraitperf.engine.warp;

import java.util.Arrays;

/**
 * The head's outline in the portrait: the upright ellipse round the generic head ring, pushed out
 * in the directions where the ring reaches further, out to the hair ({@link HeadReach}), and
 * nowhere else. The warp is whole within it and fades out beyond it; growing the whole ellipse for
 * one tuft of hair would drag that much more of the background along on every side. Immutable.
 */
final class HeadOutline {
  /** Directions the reach is tabled at, evenly round the centre. */
  private static final int DIRECTIONS = 360;

  private final double centreX;
  private final double centreY;
  private final double halfWidth;
  private final double halfHeight;
  /** Per direction, how far out (in the ellipse's radii, at least 1) the outline lies. */
  private final double[] reach;
  private final double outermost;

  /**
   * @param ellipse {centre x, centre y, half width, half height}, as {@link MotionTransfer#headEllipse(org.portraitperf.face.HeadPose)}
   * @param ringX where the ring's points are on the generic head (x, then y)
   * @param reach how much further out than that (as a multiple of its distance from the ring's centre)
   *     each reaches; between them the reach is interpolated by angle
   */
  HeadOutline(double[] ellipse, double[] ringX, double[] ringY, double[] reach) {
    centreX = ellipse[0];
    centreY = ellipse[1];
    halfWidth = ellipse[2];
    halfHeight = ellipse[3];
    this.reach = new double[DIRECTIONS];
    int count = ringX.length;
    if (count == 0) {
      Arrays.fill(this.reach, 1);
      outermost = 1;
      return;
    }
    double[][] points = new double[count][];
    for (int j = 0; j < count; j++) {
      double u = (ringX[j] - centreX) / halfWidth;
      double v = (ringY[j] - centreY) / halfHeight;
      points[j] = new double[] {angle(u, v), reach[j]};
    }
    Arrays.sort(points, (a, b) -> Double.compare(a[0], b[0]));
    for (int k = 0; k < DIRECTIONS; k++) {
      double at = 2 * Math.PI * k / DIRECTIONS;
      // The ring points either side of this direction, round the circle.
      int after = 0;
      while (after < count && points[after][0] < at) {
        after++;
      }
      double[] next = points[after % count];
      double[] previous = points[(after + count - 1) % count];
      double gap = wrap(next[0] - previous[0]);
      double t = gap <= 0 ? 0 : wrap(at - previous[0]) / gap;
      this.reach[k] = previous[1] + t * (next[1] - previous[1]);
    }
    outermost = Math.max(1, Arrays.stream(reach).max().orElse(1));
  }

  /** Where a point lies in outline radii from the centre: below 1 inside, 1 on the outline. */
  double radius(double x, double y) {
    double u = (x - centreX) / halfWidth;
    double v = (y - centreY) / halfHeight;
    if (outermost == 1) {
      // The ellipse itself: the head layer reads this per grid node every frame, and needs no angle.
      return Math.hypot(u, v);
    }
    double k = angle(u, v) / (2 * Math.PI) * DIRECTIONS;
    int below = (int) k % DIRECTIONS;
    double t = k - Math.floor(k);
    double r = reach[below] + t * (reach[(below + 1) % DIRECTIONS] - reach[below]);
    return Math.hypot(u, v) / r;
  }

  /** The furthest the outline lies from the centre, in the ellipse's radii. */
  double outermost() {
    return outermost;
  }

  double centreX() {
    return centreX;
  }

  double centreY() {
    return centreY;
  }

  double halfWidth() {
    return halfWidth;
  }

  double halfHeight() {
    return halfHeight;
  }

  /** Angle of (u, v), 0 to 2π. */
  private static double angle(double u, double v) {
    double a = Math.atan2(v, u);
    return a < 0 ? a + 2 * Math.PI : a;
  }

  /** An angle brought into 0 to 2π. */
  private static double wrap(double a) {
    double w = a % (2 * Math.PI);
    return w < 0 ? w + 2 * Math.PI : w;
  }
}
