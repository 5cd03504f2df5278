package org.portraitperf.engine.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.portraitperf.engine.Rotations;

/** The contract's §1.7 formulas against cases worked by hand. */
class KeypointsTest {
  private static final double EPS = 1e-9;

  @Test
  void binsToDegrees_flatLogits_giveTheMiddleBinZeroDegrees() {
    // Mean bin (0 + 65) / 2 = 32.5; 32.5 * 3 - 97.5 = 0.
    assertEquals(0, Keypoints.binsToDegrees(new float[66]), 1e-6);
  }

  @Test
  void binsToDegrees_onePeak_givesThatBinsAngle() {
    float[] logits = new float[66];
    Arrays.fill(logits, -1000);
    logits[40] = 50;
    // 40 * 3 - 97.5 = 22.5, whatever the logits' offset (the softmax subtracts the maximum).
    assertEquals(22.5, Keypoints.binsToDegrees(logits), 1e-6);
  }

  @Test
  void binsToDegrees_twoEqualPeaks_giveTheirMeanAngle() {
    float[] logits = new float[66];
    Arrays.fill(logits, -1000);
    logits[10] = 3;
    logits[20] = 3;
    // Mean bin 15: 15 * 3 - 97.5 = -52.5.
    assertEquals(-52.5, Keypoints.binsToDegrees(logits), 1e-6);
  }

  @Test
  void rotation_yaw90_isTheTransposeOfRy() {
    // Ry(90) = [[0,0,1],[0,1,0],[-1,0,0]], R = Ry^T.
    assertArrayEquals(new double[] {0, 0, -1, 0, 1, 0, 1, 0, 0}, Keypoints.rotation(0, 90, 0), EPS);
  }

  @Test
  void rotation_pitch90_isTheTransposeOfRx() {
    // Rx(90) = [[1,0,0],[0,0,-1],[0,1,0]], R = Rx^T.
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, -1, 0}, Keypoints.rotation(90, 0, 0), EPS);
  }

  @Test
  void rotation_pitchAndYaw_appliesRxFirstThenRy() {
    // Ry(90) Rx(90) = [[0,1,0],[0,0,-1],[-1,0,0]]; R is its transpose.
    assertArrayEquals(new double[] {0, 0, -1, 1, 0, 0, 0, -1, 0}, Keypoints.rotation(90, 90, 0), EPS);
  }

  @Test
  void transform_scalesRotatedPointPlusExpressionAndIgnoresTz() {
    float[] canonical = new float[63];
    canonical[0] = 1;
    canonical[1] = 2;
    canonical[2] = 3;
    float[] exp = new float[63];
    exp[0] = 0.1f;
    float[] t = {0.5f, -0.5f, 9};
    // Row vector (1,2,3) times R(yaw 90) = (3, 2, -1); plus exp (0.1, 0, 0); times 2; plus (0.5, -0.5, 0).
    float[] x = Keypoints.transform(canonical, Keypoints.rotation(0, 90, 0), exp, 2, t);

    assertArrayEquals(new float[] {6.7f, 3.5f, -2f}, Arrays.copyOf(x, 3), 1e-5f);
    // The other keypoints are 0: only t moves them, and only in x and y.
    assertArrayEquals(new float[] {0.5f, -0.5f, 0f}, Arrays.copyOfRange(x, 3, 6), 1e-6f);
  }

  @Test
  void scaleRotation_halfOfA40DegreeYaw_isA20DegreeYaw() {
    assertArrayEquals(Keypoints.rotation(0, 20, 0), Rotations.power(Keypoints.rotation(0, 40, 0), 0.5), 1e-9);
  }

  @Test
  void scaleRotation_gainZero_isTheIdentity() {
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
        Rotations.power(Keypoints.rotation(10, -25, 5), 0), 1e-9);
  }
}
