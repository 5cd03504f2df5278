package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.portraitperf.media.RgbImage;

class SkinGrainTest {
  private static final int SIZE = 64;

  @Test
  void read_flatSkin_hasNoGrain() {
    SkinGrain grain = SkinGrain.read(skin(0, -1), 32, 32, 16);
    for (int y = -20; y < 20; y++) {
      for (int x = -20; x < 20; x++) {
        assertEquals(0, grain.at(x, y), 1e-6);
      }
    }
  }

  @Test
  void read_grainySkin_keepsItsGrainAndClipsAnEdgeCrossingIt() {
    // Grain of ±6 levels, and a dark hair across the patch's middle row.
    SkinGrain grain = SkinGrain.read(skin(6, 32), 32, 32, 16);
    double spread = 0;
    float largest = 0;
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        spread += Math.abs(grain.at(x, y)) / 256;
        largest = Math.max(largest, Math.abs(grain.at(x, y)));
      }
    }
    assertTrue(spread > 1.5, "mean grain " + spread + " levels");
    // Unclipped, the hair's row would stand 80 levels below the skin around it.
    assertTrue(largest < 15, "largest grain " + largest + " levels");
  }

  @Test
  void read_grainTooFaintToShow_givesNone() {
    SkinGrain grain = SkinGrain.read(skin(2, -1), 32, 32, 16);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        assertEquals(0, grain.at(x, y), 1e-6);
      }
    }
  }

  @Test
  void at_offsetsBeyondThePatch_foldBackWithoutASeam() {
    SkinGrain grain = SkinGrain.read(skin(6, -1), 32, 32, 16);
    assertEquals(grain.at(15, 3), grain.at(16, 3));
    assertEquals(grain.at(0, 3), grain.at(-1, 3));
    assertEquals(grain.at(5, 3), grain.at(5 + 32, 3));
    assertEquals(grain.at(5, 2), grain.at(5, -3));
  }

  @Test
  void read_pictureSmallerThanThePatch_givesNone() {
    SkinGrain grain = SkinGrain.read(skin(6, -1), 4, 4, 100);
    assertEquals(0, grain.at(3, 7));
  }

  /** Skin of one colour with uniform grain of the given amplitude and, on row {@code hairRow} if not -1, a dark hair. */
  private static RgbImage skin(int amplitude, int hairRow) {
    SplittableRandom random = new SplittableRandom(7);
    byte[] rgb = new byte[SIZE * SIZE * 3];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int noise = amplitude == 0 ? 0 : random.nextInt(-amplitude, amplitude + 1);
        int level = y == hairRow ? 90 : 170 + noise;
        for (int c = 0; c < 3; c++) {
          rgb[(y * SIZE + x) * 3 + c] = (byte) level;
        }
      }
    }
    return new RgbImage(SIZE, SIZE, rgb);
  }
}
