package org.portraitperf.engine.warp;

import org.portraitperf.face.Polyline;

/**
 * A mouth's opening in lip coordinates: {@code s} runs from the left inner corner (0) to the right
 * (1) along the line between them, and {@code v} from the upper inner lip (0) to the lower (1)
 * across it at that {@code s}. Reading one mouth's picture at another's lip coordinates carries
 * what shows between the lips (the row of teeth under the upper lip, the tongue on the lower) and
 * bends it with the lips: an affine map cannot bend, and a driving's straight row of teeth laid
 * into a smiling portrait's curved opening was cut off towards the corners. Immutable.
 */
final class MouthOpening {
  /** Inner-lip landmarks from corner to corner along the upper lip, and along the lower. */
  private static final int[] UPPER = {60, 61, 62, 63, 64};
  private static final int[] LOWER = {60, 67, 66, 65, 64};

  private final double originX;
  private final double originY;
  /** Corner to corner. */
  private final double alongX;
  private final double alongY;
  /** Per lip landmark (as in {@link #UPPER} and {@link #LOWER}): its s, and its distance across the corners' line. */
  private final double[] upperS;
  private final double[] upperT;
  private final double[] lowerS;
  private final double[] lowerT;

  private MouthOpening(double[] x, double[] y) {
    originX = x[UPPER[0]];
    originY = y[UPPER[0]];
    alongX = x[UPPER[UPPER.length - 1]] - originX;
    alongY = y[UPPER[UPPER.length - 1]] - originY;
    upperS = new double[UPPER.length];
    upperT = new double[UPPER.length];
    lowerS = new double[LOWER.length];
    lowerT = new double[LOWER.length];
    double[] st = new double[2];
    for (int i = 0; i < UPPER.length; i++) {
      local(x[UPPER[i]], y[UPPER[i]], st);
      upperS[i] = st[0];
      upperT[i] = st[1];
      local(x[LOWER[i]], y[LOWER[i]], st);
      lowerS[i] = st[0];
      lowerT[i] = st[1];
    }
  }

  /** The opening outlined by landmarks 60 to 67 of these points; null when its corners meet. */
  static MouthOpening of(double[] x, double[] y) {
    double cornerToCorner = Math.hypot(x[UPPER[UPPER.length - 1]] - x[UPPER[0]], y[UPPER[UPPER.length - 1]] - y[UPPER[0]]);
    return cornerToCorner < 1 ? null : new MouthOpening(x, y);
  }

  /**
   * The lip coordinates of picture point (x, y), into {@code sv}: s clamped to the corners, v to
   * the lips, so a point of the opening's soft seam reads the lip's own edge.
   */
  void lipCoordinates(double x, double y, double[] sv) {
    local(x, y, sv);
    double s = Math.max(0, Math.min(1, sv[0]));
    double top = Polyline.at(upperS, upperT, s);
    double bottom = Polyline.at(lowerS, lowerT, s);
    double gap = bottom - top;
    sv[0] = s;
    sv[1] = Math.abs(gap) < 1e-9 ? 0.5 : Math.max(0, Math.min(1, (sv[1] - top) / gap));
  }

  /** The picture point at lip coordinates (s, v), into {@code xy}. */
  void point(double s, double v, double[] xy) {
    double top = Polyline.at(upperS, upperT, s);
    double t = top + v * (Polyline.at(lowerS, lowerT, s) - top);
    // Across is the along direction turned a quarter, scaled to the same length (t is in those units).
    xy[0] = originX + s * alongX - t * alongY;
    xy[1] = originY + s * alongY + t * alongX;
  }

  /** (x, y) as {s, t}: s along the corners' line (0 to 1 between them), t across it, in the same units. */
  private void local(double x, double y, double[] st) {
    double dx = x - originX;
    double dy = y - originY;
    double length2 = alongX * alongX + alongY * alongY;
    st[0] = (dx * alongX + dy * alongY) / length2;
    st[1] = (dy * alongX - dx * alongY) / length2;
  }
}
