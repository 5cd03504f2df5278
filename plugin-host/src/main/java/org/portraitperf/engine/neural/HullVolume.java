package org.portraitperf.engine.neural;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Volume of the convex hull of a few 3-D points (the 21 keypoints), for the expression-friendly
 * driving option. With so few points a brute-force hull is simplest and exact: every plane through
 * three points that has all points on one side bounds the hull; each such face (found once, by the
 * set of points lying on it) adds a pyramid from an interior point, of volume area x height / 3.
 */
final class HullVolume {
  private static final double EPS = 1e-9;

  private HullVolume() {}

  /** @param xyz points as x, y, z triples */
  static double of(float[] xyz) {
    int n = xyz.length / 3;
    double[][] p = new double[n][];
    double[] centre = new double[3];
    for (int i = 0; i < n; i++) {
      p[i] = new double[] {xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]};
      for (int a = 0; a < 3; a++) {
        centre[a] += p[i][a] / n;
      }
    }
    Set<Long> faces = new HashSet<>();
    double volume = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        for (int k = j + 1; k < n; k++) {
          double[] normal = cross(sub(p[j], p[i]), sub(p[k], p[i]));
          double length = Math.sqrt(dot(normal, normal));
          if (length < EPS) {
            continue;
          }
          for (int a = 0; a < 3; a++) {
            normal[a] /= length;
          }
          double offset = dot(normal, p[i]);
          boolean above = false;
          boolean below = false;
          long onPlane = 0;
          for (int m = 0; m < n; m++) {
            double d = dot(normal, p[m]) - offset;
            if (d > EPS) {
              above = true;
            } else if (d < -EPS) {
              below = true;
            } else {
              onPlane |= 1L << m;
            }
          }
          if (above && below || !faces.add(onPlane)) {
            continue;
          }
          volume += polygonArea(p, onPlane, normal) * Math.abs(dot(normal, centre) - offset) / 3;
        }
      }
    }
    return volume;
  }

  /** Area of the convex polygon spanned by the points flagged in {@code members}, lying in a plane of unit {@code normal}. */
  private static double polygonArea(double[][] p, long members, double[] normal) {
    List<double[]> pts = new ArrayList<>();
    for (int m = 0; m < p.length; m++) {
      if ((members >>> m & 1) != 0) {
        pts.add(p[m]);
      }
    }
    double[] u = sub(pts.get(1), pts.get(0));
    double ul = Math.sqrt(dot(u, u));
    for (int a = 0; a < 3; a++) {
      u[a] /= ul;
    }
    double[] v = cross(normal, u);
    double[] origin = pts.get(0);
    // Angular order around the polygon's mean gives the convex polygon's boundary.
    double cu = 0;
    double cv = 0;
    double[][] flat = new double[pts.size()][];
    for (int i = 0; i < pts.size(); i++) {
      double[] d = sub(pts.get(i), origin);
      flat[i] = new double[] {dot(d, u), dot(d, v)};
      cu += flat[i][0] / pts.size();
      cv += flat[i][1] / pts.size();
    }
    double mu = cu;
    double mv = cv;
    java.util.Arrays.sort(flat, java.util.Comparator.comparingDouble(q -> Math.atan2(q[1] - mv, q[0] - mu)));
    double twice = 0;
    for (int i = 0; i < flat.length; i++) {
      double[] a = flat[i];
      double[] b = flat[(i + 1) % flat.length];
      twice += a[0] * b[1] - b[0] * a[1];
    }
    return Math.abs(twice) / 2;
  }

  private static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }
}
