package org.portraitperf.engine.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The contract's §1.9 layouts and composition, and the hull volume of §1.8, by hand. */
class StitchingTest {
  @Test
  void applyStitching_addsTheDeltaAndMovesEveryKeypointByTheLastTwo() {
    float[] driven = new float[63];
    driven[0] = 1;
    float[] delta = new float[65];
    delta[0] = 0.5f;
    delta[5] = 0.25f;
    delta[63] = 0.1f;
    delta[64] = -0.2f;

    float[] out = Stitching.applyStitching(driven, delta);

    assertArrayEquals(new float[] {1.6f, -0.2f, 0}, Arrays.copyOf(out, 3), 1e-6f);
    assertArrayEquals(new float[] {0.1f, -0.2f, 0.25f}, Arrays.copyOfRange(out, 3, 6), 1e-6f);
  }

  @Test
  void inputs_layOutSourceKeypointsThenConditions() {
    float[] source = new float[63];
    source[62] = 7;
    float[] driven = new float[63];
    driven[0] = 3;

    assertEquals(3, Stitching.stitchingInput(source, driven)[63]);
    assertArrayEquals(new float[] {7, 0.3f, 0.25f, 0.1f},
        Arrays.copyOfRange(Stitching.eyeInput(source, 0.3, 0.25, 0.1), 62, 66), 1e-6f);
    assertArrayEquals(new float[] {7, 0.05f, 0.4f},
        Arrays.copyOfRange(Stitching.lipInput(source, 0.05, 0.4), 62, 65), 1e-6f);
  }

  @Test
  void toward_halfStrength_isHalfWay() {
    assertArrayEquals(new float[] {1, 3}, Stitching.toward(new float[] {0, 2}, new float[] {2, 4}, 0.5), 1e-6f);
  }

  @Test
  void hullVolume_unitCubeWithCoplanarFacesAndAnInteriorPoint_isOne() {
    float[] cube = new float[27];
    for (int i = 0; i < 8; i++) {
      cube[3 * i] = i & 1;
      cube[3 * i + 1] = (i >> 1) & 1;
      cube[3 * i + 2] = (i >> 2) & 1;
    }
    cube[24] = 0.5f;
    cube[25] = 0.5f;
    cube[26] = 0.5f;

    assertEquals(1, HullVolume.of(cube), 1e-9);
  }

  @Test
  void hullVolume_cornerTetrahedron_isOneSixth() {
    assertEquals(1.0 / 6, HullVolume.of(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}), 1e-9);
  }
}
