package org.portraitperf.engine.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.portraitperf.engine.EngineSettings.MotionMode;
import org.portraitperf.engine.EngineSettings.RegionGains;

/** The contract's §1.8 driving formulas on motions small enough to work out by hand. */
class KeypointDriverTest {
  /** Keypoint 0 at (1, 0, 0); the others at the origin. */
  private static final float[] CANONICAL = withFirst(1, 0, 0);

  private static float[] withFirst(float x, float y, float z) {
    float[] v = new float[63];
    v[0] = x;
    v[1] = y;
    v[2] = z;
    return v;
  }

  private static Motion motion(double yaw, float[] exp, double scale, float... t) {
    return new Motion(0, yaw, 0, Keypoints.rotation(0, yaw, 0), t, exp, scale, CANONICAL);
  }

  private static final Motion SOURCE = motion(0, new float[63], 1, 0, 0, 0);
  private static final Motion REFERENCE = motion(10, withFirst(0.2f, 0, 0), 2, 0.1f, 0, 0);
  private static final Motion FRAME = motion(30, withFirst(0.3f, 0, 0), 3, 0.3f, 0.2f, 5);

  @Test
  void drive_relative_addsTheChangeFromTheReferenceToTheSource() {
    KeypointDriver driver = new KeypointDriver(SOURCE, REFERENCE, MotionMode.RELATIVE, RegionGains.NEUTRAL, false);

    float[] x = driver.drive(FRAME);

    // R = R(30) R(10)^T I = R(yaw 20); exp = 0.3 - 0.2; s = 1 * 3 / 2; t = (0.3 - 0.1, 0.2, 0).
    // (1,0,0) R(yaw 20) = (cos 20, 0, -sin 20).
    double c = Math.cos(Math.toRadians(20));
    double s = Math.sin(Math.toRadians(20));
    assertArrayEquals(new float[] {(float) (1.5 * (c + 0.1) + 0.2), 0.2f, (float) (1.5 * -s)},
        Arrays.copyOf(x, 3), 1e-5f);
  }

  @Test
  void drive_absolute_takesTheDrivingPoseExpressionAndTranslationWithTheSourceScale() {
    KeypointDriver driver = new KeypointDriver(SOURCE, REFERENCE, MotionMode.ABSOLUTE, RegionGains.NEUTRAL, false);

    float[] x = driver.drive(FRAME);

    // s_s (x_c R(30) + exp_d) + (t_x, t_y, 0) with s_s = 1.
    double c = Math.cos(Math.toRadians(30));
    double s = Math.sin(Math.toRadians(30));
    assertArrayEquals(new float[] {(float) (c + 0.3 + 0.3), 0.2f, (float) -s}, Arrays.copyOf(x, 3), 1e-5f);
  }

  @Test
  void drive_referenceFrameRelative_givesTheSourceKeypoints() {
    KeypointDriver driver = new KeypointDriver(SOURCE, REFERENCE, MotionMode.RELATIVE, RegionGains.NEUTRAL, true);

    assertArrayEquals(driver.sourceKeypoints(), driver.drive(REFERENCE), 1e-6f);
  }

  @Test
  void drive_headGainZero_keepsTheSourcePoseScaleAndPlace() {
    KeypointDriver driver = new KeypointDriver(SOURCE, REFERENCE, MotionMode.RELATIVE,
        new RegionGains(0, 1, 1, 1), false);

    float[] x = driver.drive(FRAME);

    // Only the expression change (0.1 on keypoint 0's x) remains: (1 + 0.1, 0, 0).
    assertArrayEquals(new float[] {1.1f, 0, 0}, Arrays.copyOf(x, 3), 1e-6f);
  }

  @Test
  void drive_lipsGainZero_keepsTheSourceMouthRows() {
    float[] exp = new float[63];
    Arrays.fill(exp, 0.5f);
    Motion frame = motion(10, exp, 2, 0.1f, 0, 0);
    KeypointDriver driver = new KeypointDriver(SOURCE, REFERENCE, MotionMode.RELATIVE,
        new RegionGains(1, 1, 1, 0), false);

    float[] x = driver.drive(frame);
    float[] still = driver.drive(REFERENCE);

    for (int row : KeypointDriver.LIP_ROWS) {
      assertArrayEquals(Arrays.copyOfRange(still, 3 * row, 3 * row + 3), Arrays.copyOfRange(x, 3 * row, 3 * row + 3),
          1e-6f, "lip row " + row);
    }
    // An eye row moves by the full 0.5 (times the source scale 1).
    assertEquals(still[3 * 11 + 1] + 0.5f, x[3 * 11 + 1], 1e-6f);
  }

  @Test
  void drive_expressionFriendly_scalesTheMotionByTheHullRatio() {
    float[] tetrahedron = new float[63];
    float[][] corners = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int k = 0; k < 4; k++) {
      System.arraycopy(corners[k], 0, tetrahedron, 3 * k, 3);
    }
    // Absolute driving with the reference's expression equal to the canonical points doubles them:
    // the driven reference spans 8 times the source's volume, so m = sqrt(1/8).
    double[] identity = Keypoints.rotation(0, 0, 0);
    Motion source = new Motion(0, 0, 0, identity, new float[3], new float[63], 1, tetrahedron);
    Motion reference = new Motion(0, 0, 0, identity, new float[3], tetrahedron, 1, tetrahedron);
    Motion frame = new Motion(0, 0, 0, identity, new float[] {0.4f, 0, 0}, tetrahedron, 1, tetrahedron);
    KeypointDriver driver = new KeypointDriver(source, reference, MotionMode.ABSOLUTE, RegionGains.NEUTRAL, true);

    float[] x = driver.drive(frame);

    assertEquals(Math.sqrt(1.0 / 8), driver.multiplier(), 1e-9);
    // x_s + (x_d - x_ref) m: the absolute frame differs from the reference by t_x = 0.4.
    assertEquals(0.4 * Math.sqrt(1.0 / 8), x[0], 1e-6);
  }
}
