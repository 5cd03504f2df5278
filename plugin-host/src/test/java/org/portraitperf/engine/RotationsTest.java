package org.portraitperf.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RotationsTest {
  private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  @Test
  void power_half_turnsHalfAsFarAboutTheSameAxis() {
    double[] turn = Rotations.axisAngle(0.6, 0.8, 0, 0.5);
    assertArrayEquals(Rotations.axisAngle(0.6, 0.8, 0, 0.25), Rotations.power(turn, 0.5), 1e-12);
    assertEquals(Math.toDegrees(0.5), Rotations.angleDegrees(turn), 1e-9);
  }

  @Test
  void power_zero_isIdentityExactly() {
    assertArrayEquals(IDENTITY, Rotations.power(Rotations.axisAngle(0, 0, 1, 0.3), 0));
  }

  @Test
  void multiplyTransposed_ofSameRotation_isIdentity() {
    double[] r = Rotations.axisAngle(0.48, 0.6, 0.64, 1.1);
    assertArrayEquals(IDENTITY, Rotations.multiplyTransposed(r, r), 1e-12);
    assertArrayEquals(r, Rotations.multiply(Rotations.multiplyTransposed(r, IDENTITY), IDENTITY), 1e-12);
  }
}
