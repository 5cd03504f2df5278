package org.portraitperf.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadPoseEstimatorTest {

  /** Landmarks of a head model posed by hand: the eye corners and nose sit where a rigid head puts them. */
  private static Landmarks posed(double yawDeg, double pitchDeg, double rollDeg, double scale) {
    double y = Math.toRadians(yawDeg), p = Math.toRadians(pitchDeg), r = Math.toRadians(rollDeg);
    double[][] ry = {{Math.cos(y), 0, Math.sin(y)}, {0, 1, 0}, {-Math.sin(y), 0, Math.cos(y)}};
    double[][] rx = {{1, 0, 0}, {0, Math.cos(p), -Math.sin(p)}, {0, Math.sin(p), Math.cos(p)}};
    double[][] rz = {{Math.cos(r), -Math.sin(r), 0}, {Math.sin(r), Math.cos(r), 0}, {0, 0, 1}};
    double[][] rot = mul(rz, mul(ry, rx));
    // Rigid points of an average head (mm, origin at the nose tip), then a rough ring for the rest.
    double[][] model = new double[Landmarks.COUNT][];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      double angle = 2 * Math.PI * i / Landmarks.COUNT;
      model[i] = new double[] {60 * Math.cos(angle), 70 * Math.sin(angle), -40};
    }
    model[27] = new double[] {0, -40, -14};
    model[28] = new double[] {0, -27, -8};
    model[29] = new double[] {0, -14, -3};
    model[30] = new double[] {0, 0, 0};
    model[31] = new double[] {-14, 8, -14};
    model[33] = new double[] {0, 10, -8};
    model[35] = new double[] {14, 8, -14};
    model[36] = new double[] {-45, -36, -32};
    model[39] = new double[] {-15, -35, -24};
    model[42] = new double[] {15, -35, -24};
    model[45] = new double[] {45, -36, -32};
    float[] xs = new float[Landmarks.COUNT];
    float[] ys = new float[Landmarks.COUNT];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      double[] m = model[i];
      xs[i] = (float) (640 + scale * (rot[0][0] * m[0] + rot[0][1] * m[1] + rot[0][2] * m[2]));
      ys[i] = (float) (360 + scale * (rot[1][0] * m[0] + rot[1][1] * m[1] + rot[1][2] * m[2]));
    }
    return new Landmarks(xs, ys);
  }

  private static double[][] mul(double[][] a, double[][] b) {
    double[][] out = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        for (int k = 0; k < 3; k++) {
          out[r][c] += a[r][k] * b[k][c];
        }
      }
    }
    return out;
  }

  @Test
  void estimate_posedModel_recoversAnglesScaleAndOrigin() {
    HeadPose pose = HeadPoseEstimator.estimate(posed(25, -12, 8, 3.0));
    assertEquals(25, pose.yaw(), 0.01);
    assertEquals(-12, pose.pitch(), 0.01);
    assertEquals(8, pose.roll(), 0.01);
    assertEquals(3.0, pose.scale(), 1e-3);
    assertEquals(640, pose.originX(), 0.01);
    assertEquals(360, pose.originY(), 0.01);
    assertTrue(pose.residual() < 1e-3, "a rigid head fits exactly, residual " + pose.residual());
  }

  @Test
  void estimate_frontalModel_givesZeroAngles() {
    HeadPose pose = HeadPoseEstimator.estimate(posed(0, 0, 0, 2.0));
    assertEquals(0, pose.yaw(), 1e-6);
    assertEquals(0, pose.pitch(), 1e-6);
    assertEquals(0, pose.roll(), 1e-6);
  }

  @Test
  void estimate_mirroredLandmarks_negateYawAndRollKeepPitch() {
    Landmarks original = posed(18, 9, -6, 2.5);
    HeadPose pose = HeadPoseEstimator.estimate(original);
    HeadPose mirrored = HeadPoseEstimator.estimate(original.mirrored(1280));
    assertEquals(-pose.yaw(), mirrored.yaw(), 1e-6);
    assertEquals(-pose.roll(), mirrored.roll(), 1e-6);
    assertEquals(pose.pitch(), mirrored.pitch(), 1e-6);
  }

  @Test
  void estimate_faceTurnedTowardsImageRight_hasPositiveYaw() {
    Landmarks turned = posed(20, 0, 0, 2);
    // The nose tip swings towards the image's right of the eye midpoint.
    float eyeMid = (turned.x(36) + turned.x(45)) / 2;
    assertTrue(turned.x(30) > eyeMid);
    assertTrue(HeadPoseEstimator.estimate(turned).yaw() > 0);
  }
}
