package org.portraitperf.face;

/** A polyline given as values at increasing positions, read in between. */
public final class Polyline {
  private Polyline() {}

  /** The polyline's value at {@code u}: linear between its points, held flat beyond its ends. */
  public static double at(double[] us, double[] vs, double u) {
    if (u <= us[0]) {
      return vs[0];
    }
    for (int i = 1; i < us.length; i++) {
      if (u <= us[i]) {
        double span = us[i] - us[i - 1];
        double t = span > 0 ? (u - us[i - 1]) / span : 1;
        return vs[i - 1] + t * (vs[i] - vs[i - 1]);
      }
    }
    return vs[vs.length - 1];
  }
}
