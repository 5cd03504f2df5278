package org.portraitperf.engine.warp;

import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.HeadPose;
import org.portraitperf.face.Landmarks;

/**
 * The 68 landmarks of one face taken out of its pose: in the frame of the generic head model
 * ({@link org.portraitperf.face.HeadPoseEstimator}'s millimetres, x to the face's image right, y
 * down, z towards the viewer, origin at the nose tip), so that shapes of differently posed and
 * sized faces can be compared and their differences carried from one face to another.
 *
 * <p>A picture only gives x and y; each landmark's depth comes from a generic face ({@link
 * #DEPTH}), which is what lets a pose change be applied as a true 3-D rotation.
 */
record HeadShape(double[] x, double[] y, double[] z) {

  /**
   * Depth of each landmark on an average adult face in millimetres, nose tip 0, negative away from
   * the viewer; left-right symmetric, and equal to the pose estimator's model where they share
   * points. The jaw line is the silhouette, so its ends lie about as deep as the ears.
   */
  static final double[] DEPTH = {
    // 0-16 jaw, from the image's left ear round the chin to the right ear
    -95, -90, -84, -75, -62, -48, -36, -28, -24, -28, -36, -48, -62, -75, -84, -90, -95,
    // 17-21 and 22-26 brows, outer to inner then inner to outer
    -45, -33, -25, -20, -19, -19, -20, -25, -33, -45,
    // 27-30 nose bridge to tip, 31-35 nostrils
    -14, -8, -3, 0, -14, -10, -8, -10, -14,
    // 36-41 and 42-47 eyes: corners, upper lid, corner, lower lid
    -32, -26, -25, -24, -26, -27, -24, -25, -26, -32, -27, -26,
    // 48-59 outer lips from the left corner over the top, then back along the bottom
    -28, -19, -14, -12, -14, -19, -28, -20, -15, -14, -15, -20,
    // 60-67 inner lips
    -26, -17, -15, -17, -26, -17, -16, -17,
  };

  /**
   * The skull (with its hair) as an ellipsoid in the same frame, mm: its front passes through the
   * brows and eye corners at their generic depths above, and its widest section, the outline of a
   * head seen from the front, runs past the ears at about the depth of the jaw line's ends. What
   * lies off the face (hair, the head's outline) turns with the head as if on this surface.
   */
  static final double SKULL_CENTRE_Y = -30;
  static final double SKULL_CENTRE_Z = -115;
  static final double SKULL_RADIUS_X = 85;
  static final double SKULL_RADIUS_Y = 120;
  static final double SKULL_RADIUS_Z = 100;

  /**
   * Below this, the head is turned nearly edge-on and depth cannot be read off a picture; the
   * lift then saturates instead of dividing by almost nothing.
   */
  private static final double MIN_FACING = 0.2;

  HeadShape {
    if (x.length != y.length || x.length != z.length) {
      throw new IllegalArgumentException("coordinate arrays differ in length");
    }
  }

  static HeadShape lift(FaceObservation face) {
    Landmarks l = face.landmarks();
    int n = Landmarks.COUNT;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    HeadPose pose = face.pose();
    double[] r = pose.rotation();
    for (int i = 0; i < n; i++) {
      double[] h = lift(l.x(i), l.y(i), DEPTH[i], r, pose);
      x[i] = h[0];
      y[i] = h[1];
      z[i] = h[2];
    }
    return new HeadShape(x, y, z);
  }

  /**
   * The head-frame point that shows at image position (u, v) and lies at head-frame depth
   * {@code depth}: the camera depth is chosen so that rotating back gives exactly that depth.
   */
  static double[] lift(double u, double v, double depth, double[] r, HeadPose pose) {
    double s = pose.scale();
    double px = u - pose.originX();
    double py = v - pose.originY();
    double facing = Math.abs(r[8]) < MIN_FACING ? Math.copySign(MIN_FACING, r[8]) : r[8];
    double pz = (s * depth - r[2] * px - r[5] * py) / facing;
    return new double[] {
      (r[0] * px + r[3] * py + r[6] * pz) / s, (r[1] * px + r[4] * py + r[7] * pz) / s, depth
    };
  }

  /** Eye aspect of the eye whose outer-left landmark is {@code first} (36 or 42), pose-free. */
  double eyeOpenness(int first) {
    double lids = distance(first + 1, first + 5) + distance(first + 2, first + 4);
    return lids / Math.max(1e-6, 2 * distance(first, first + 3));
  }

  /** Inner-lip gap over mouth width, pose-free. */
  double mouthOpenness() {
    double gap = (distance(61, 67) + distance(62, 66) + distance(63, 65)) / 3;
    return gap / Math.max(1e-6, distance(48, 54));
  }

  /** Distance between the outer eye corners, horizontally in the head frame. */
  double eyeSpan() {
    return x[45] - x[36];
  }

  /** Vertical distance from the eye corners' mean to the mouth corners' mean. */
  double eyeToMouth() {
    return (y[48] + y[54]) / 2 - (y[36] + y[39] + y[42] + y[45]) / 4;
  }

  private double distance(int a, int b) {
    return Math.hypot(x[a] - x[b], y[a] - y[b]);
  }
}
