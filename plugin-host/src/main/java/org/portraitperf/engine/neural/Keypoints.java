package org.portraitperf.engine.neural;

/**
 * LivePortrait's keypoint algebra (contract §1.7): head-pose bins to degrees, the rotation
 * convention, and the keypoint transform x = s (x_c R + exp) + t. Keypoints are 21 row vectors of
 * (x, y, z), flattened to 63 floats, multiplied on the right by R. Matrices are row-major double[9].
 */
final class Keypoints {
  static final int COUNT = 21;
  static final int VALUES = COUNT * 3;
  /** Head-pose bins: 66 of 3 degrees, the first centred at -97.5. */
  static final int BINS = 66;

  private Keypoints() {}

  /** deg = (sum_i softmax(logits)_i * i) * 3 - 97.5, the softmax taken after subtracting the maximum. */
  static double binsToDegrees(float[] logits) {
    if (logits.length != BINS) {
      throw new IllegalArgumentException("expected " + BINS + " pose bins, found " + logits.length);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < BINS; i++) {
      double p = Math.exp(logits[i] - max);
      sum += p;
      weighted += p * i;
    }
    return weighted / sum * 3 - 97.5;
  }

  /**
   * R = (Rz Ry Rx)^T with x = pitch, y = yaw, z = roll, angles in degrees;
   * Rx = [[1,0,0],[0,c,-s],[0,s,c]], Ry = [[c,0,s],[0,1,0],[-s,0,c]], Rz = [[c,-s,0],[s,c,0],[0,0,1]].
   */
  static double[] rotation(double pitch, double yaw, double roll) {
    double p = Math.toRadians(pitch);
    double y = Math.toRadians(yaw);
    double r = Math.toRadians(roll);
    double[] rx = {1, 0, 0, 0, Math.cos(p), -Math.sin(p), 0, Math.sin(p), Math.cos(p)};
    double[] ry = {Math.cos(y), 0, Math.sin(y), 0, 1, 0, -Math.sin(y), 0, Math.cos(y)};
    double[] rz = {Math.cos(r), -Math.sin(r), 0, Math.sin(r), Math.cos(r), 0, 0, 0, 1};
    return transpose(multiply(rz, multiply(ry, rx)));
  }

  /** x = s (x_c R + exp) + (t_x, t_y, 0): t_z is ignored, as the contract says. */
  static float[] transform(float[] canonical, double[] r, float[] exp, double scale, float[] t) {
    float[] out = new float[VALUES];
    for (int k = 0; k < COUNT; k++) {
      int o = 3 * k;
      for (int j = 0; j < 3; j++) {
        double rotated = canonical[o] * r[j] + canonical[o + 1] * r[3 + j] + canonical[o + 2] * r[6 + j];
        out[o + j] = (float) (scale * (rotated + exp[o + j]) + (j < 2 ? t[j] : 0));
      }
    }
    return out;
  }

  static double[] multiply(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
      }
    }
    return c;
  }

  static double[] transpose(double[] a) {
    return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
  }

  /**
   * The rotation {@code q} with its angle multiplied by {@code gain} about the same axis
   * (gain 1 gives q, 0 the identity), so per-region gains can weaken or exaggerate head motion
   * without distorting it.
   */
  static double[] scaleRotation(double[] q, double gain) {
    if (gain == 1) {
      return q.clone();
    }
    double cos = Math.max(-1, Math.min(1, (q[0] + q[4] + q[8] - 1) / 2));
    double angle = Math.acos(cos);
    double sin = Math.sin(angle);
    if (sin < 1e-9) {
      // Identity (or a half turn, which faces never make): nothing to scale.
      return q.clone();
    }
    double ax = (q[7] - q[5]) / (2 * sin);
    double ay = (q[2] - q[6]) / (2 * sin);
    double az = (q[3] - q[1]) / (2 * sin);
    return axisAngle(ax, ay, az, angle * gain);
  }

  /** Rodrigues' formula for a unit axis. */
  private static double[] axisAngle(double x, double y, double z, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double t = 1 - c;
    return new double[] {
      t * x * x + c, t * x * y - s * z, t * x * z + s * y,
      t * x * y + s * z, t * y * y + c, t * y * z - s * x,
      t * x * z - s * y, t * y * z + s * x, t * z * z + c};
  }
}
