package org.portraitperf.engine.warp;

/** Point-in-polygon and signed distance for the small landmark polygons (eyes, lips, face outline). */
final class Polygons {
  private Polygons() {}

  /** Even-odd rule, so a polygon's winding direction does not matter. */
  static boolean inside(double px, double py, double[] xs, double[] ys) {
    boolean in = false;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      if ((ys[i] > py) != (ys[j] > py)
          && px < xs[j] + (py - ys[j]) * (xs[i] - xs[j]) / (ys[i] - ys[j])) {
        in = !in;
      }
    }
    return in;
  }

  /** Distance to the outline, positive inside the polygon and negative outside. */
  static double signedDistance(double px, double py, double[] xs, double[] ys) {
    double best = Double.MAX_VALUE;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      double ex = xs[i] - xs[j];
      double ey = ys[i] - ys[j];
      double length2 = ex * ex + ey * ey;
      double t = length2 == 0 ? 0 : ((px - xs[j]) * ex + (py - ys[j]) * ey) / length2;
      t = Math.max(0, Math.min(1, t));
      double dx = px - (xs[j] + t * ex);
      double dy = py - (ys[j] + t * ey);
      best = Math.min(best, dx * dx + dy * dy);
    }
    double distance = Math.sqrt(best);
    return inside(px, py, xs, ys) ? distance : -distance;
  }

  /** Bounds {minX, minY, maxX, maxY} of a polygon. */
  static double[] bounds(double[] xs, double[] ys) {
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < xs.length; i++) {
      b[0] = Math.min(b[0], xs[i]);
      b[1] = Math.min(b[1], ys[i]);
      b[2] = Math.max(b[2], xs[i]);
      b[3] = Math.max(b[3], ys[i]);
    }
    return b;
  }

  /** The vertices {@code indices} of a point set, as {xs, ys}. */
  static double[][] pick(double[] x, double[] y, int[] indices) {
    double[] px = new double[indices.length];
    double[] py = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      px[i] = x[indices[i]];
      py[i] = y[indices[i]];
    }
    return new double[][] {px, py};
  }

  /** 0 at or below {@code edge0}, 1 at or above {@code edge1}, smooth in between. */
  static double smoothstep(double edge0, double edge1, double value) {
    double t = Math.max(0, Math.min(1, (value - edge0) / (edge1 - edge0)));
    return t * t * (3 - 2 * t);
  }
}
