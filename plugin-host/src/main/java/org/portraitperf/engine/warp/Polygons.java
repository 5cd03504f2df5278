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

  /**
   * A closed polygon's outline drawn as two smooth curves that meet at two sharp corners (vertices
   * {@code first} and {@code second}), as lips meet at the mouth's corners: each run of vertices
   * from one corner to the other becomes a Catmull-Rom curve through them, sampled {@code steps}
   * times between each pair. At a corner the curve heads straight for the next vertex.
   */
  static double[][] rounded(double[][] polygon, int first, int second, int steps) {
    int n = polygon[0].length;
    double[] xs = new double[n * steps];
    double[] ys = new double[n * steps];
    int out = 0;
    for (int i = 0; i < n; i++) {
      int next = (i + 1) % n;
      // Within a run the neighbours are the vertices beyond; past a corner, a phantom vertex that
      // mirrors the next one through the corner.
      boolean startsAtCorner = i == first || i == second;
      boolean endsAtCorner = next == first || next == second;
      for (int k = 0; k < 2; k++) {
        double[] v = polygon[k];
        double p1 = v[i];
        double p2 = v[next];
        double p0 = startsAtCorner ? 2 * p1 - p2 : v[(i + n - 1) % n];
        double p3 = endsAtCorner ? 2 * p2 - p1 : v[(next + 1) % n];
        double[] target = k == 0 ? xs : ys;
        for (int s = 0; s < steps; s++) {
          double t = (double) s / steps;
          target[out + s] = 0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t
              + (3 * p1 - p0 - 3 * p2 + p3) * t * t * t);
        }
      }
      out += steps;
    }
    return new double[][] {xs, ys};
  }

  /** 0 at or below {@code edge0}, 1 at or above {@code edge1}, smooth in between. */
  static double smoothstep(double edge0, double edge1, double value) {
    double t = Math.max(0, Math.min(1, (value - edge0) / (edge1 - edge0)));
    return t * t * (3 - 2 * t);
  }
}
