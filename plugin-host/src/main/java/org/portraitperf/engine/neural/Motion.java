package org.portraitperf.engine.neural;

/**
 * What the motion extractor says about one face crop, decoded (contract §1.7).
 *
 * @param pitch head pitch in degrees, from the 66 bins
 * @param yaw head yaw in degrees
 * @param roll head roll in degrees
 * @param rotation R = (Rz Ry Rx)^T, row-major
 * @param t translation (x, y, z); z is never used
 * @param exp expression offsets, 21 x 3
 * @param scale the face's scale
 * @param canonical canonical keypoints x_c, 21 x 3
 */
record Motion(double pitch, double yaw, double roll, double[] rotation, float[] t, float[] exp, double scale,
    float[] canonical) {

  Motion {
    if (rotation.length != 9 || t.length != 3 || exp.length != Keypoints.VALUES || canonical.length != Keypoints.VALUES) {
      throw new IllegalArgumentException("motion arrays have the wrong lengths");
    }
  }

  /** Decodes the extractor's raw outputs. */
  static Motion decode(float[] pitchBins, float[] yawBins, float[] rollBins, float[] t, float[] exp, float scale,
      float[] kp) {
    double pitch = Keypoints.binsToDegrees(pitchBins);
    double yaw = Keypoints.binsToDegrees(yawBins);
    double roll = Keypoints.binsToDegrees(rollBins);
    return new Motion(pitch, yaw, roll, Keypoints.rotation(pitch, yaw, roll), t, exp, scale, kp);
  }

  /** The face's own keypoints: x = s (x_c R + exp) + t. */
  float[] keypoints() {
    return Keypoints.transform(canonical, rotation, exp, scale, t);
  }
}
