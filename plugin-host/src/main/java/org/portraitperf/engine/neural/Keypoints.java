package org.portraitperf.engine.neural;

import org.portraitperf.engine.Rotations;

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
    return Rotations.transpose(Rotations.multiply(rz, Rotations.multiply(ry, rx)));
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
}
