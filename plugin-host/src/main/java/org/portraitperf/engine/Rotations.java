package org.portraitperf.engine;

/**
 * 3x3 rotations as row-major arrays of 9, the layout of {@link org.portraitperf.face.HeadPose}: the
 * head-pose arithmetic both engines share.
 */
public final class Rotations {
  private Rotations() {}

  public static double[] multiply(double[] a, double[] b) {
    double[] out = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
      }
    }
    return out;
  }

  public static double[] transpose(double[] a) {
    return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
  }

  /** a · bᵀ: for rotations, the turn that takes orientation b to orientation a. */
  public static double[] multiplyTransposed(double[] a, double[] b) {
    double[] out = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[3 * r + c] = a[3 * r] * b[3 * c] + a[3 * r + 1] * b[3 * c + 1] + a[3 * r + 2] * b[3 * c + 2];
      }
    }
    return out;
  }

  /** The angle turned by a rotation, in degrees. */
  public static double angleDegrees(double[] rotation) {
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (rotation[0] + rotation[4] + rotation[8] - 1) / 2))));
  }

  /**
   * The same turn about the same axis by {@code amount} times the angle (0 gives the identity
   * exactly, 1 the rotation itself): how a gain scales a pose change.
   */
  public static double[] power(double[] rotation, double amount) {
    if (amount == 1) {
      return rotation.clone();
    }
    double cos = Math.max(-1, Math.min(1, (rotation[0] + rotation[4] + rotation[8] - 1) / 2));
    double angle = Math.acos(cos);
    double ax = rotation[7] - rotation[5];
    double ay = rotation[2] - rotation[6];
    double az = rotation[3] - rotation[1];
    double norm = Math.sqrt(ax * ax + ay * ay + az * az);
    if (amount == 0 || norm < 1e-12) {
      // No turn to scale (or a half turn, which a head never makes between two frames).
      return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }
    return axisAngle(ax / norm, ay / norm, az / norm, angle * amount);
  }

  /** Rodrigues' formula. */
  public static double[] axisAngle(double x, double y, double z, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double t = 1 - c;
    return new double[] {
      t * x * x + c, t * x * y - s * z, t * x * z + s * y,
      t * x * y + s * z, t * y * y + c, t * y * z - s * x,
      t * x * z - s * y, t * y * z + s * x, t * z * z + c,
    };
  }
}
