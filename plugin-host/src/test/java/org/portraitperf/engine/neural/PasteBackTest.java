package org.portraitperf.engine.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;

/**
 * Paste-back against a direct per-pixel reading of what it should do, on a synthetic portrait
 * (smooth colour ramps) with the face of {@link FaceCropTest#face} turned by 20 degrees.
 */
class PasteBackTest {
  private static final int SIDE = FaceCrop.SIDE;
  private static final Landmarks FACE = FaceCropTest.face(20);
  private static final FaceCrop CROP = FaceCrop.source(FACE);
  private static final RgbImage PORTRAIT = smoothPortrait(480, 340);

  @Test
  void compose_generatedIsThePortraitsOwnCrop_givesBackThePortrait() {
    PasteBack paste = PasteBack.prepare(PORTRAIT, CROP, FACE, 0.15, true);

    RgbaImage frame = paste.compose(ownCrop(0), true);

    for (int i = 0; i < PORTRAIT.width() * PORTRAIT.height(); i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(PORTRAIT.pixels()[3 * i + c] & 0xff, frame.pixels()[4 * i + c] & 0xff, 1, "pixel " + i);
      }
      assertEquals(255, frame.pixels()[4 * i + 3] & 0xff, "alpha of pixel " + i);
    }
  }

  @Test
  void compose_everyPixel_isThePortraitMovedTowardTheBilinearReadByTheMask() {
    float[] generated = noise(7);
    PasteBack layer = PasteBack.prepare(PORTRAIT, CROP, FACE, 0.3, false);
    PasteBack opaque = PasteBack.prepare(PORTRAIT, CROP, FACE, 0.3, true);

    byte[] mask = layer.compose(generated, false).pixels();
    byte[] frame = opaque.compose(generated, false).pixels();

    int masked = 0;
    int soft = 0;
    for (int y = 0; y < PORTRAIT.height(); y++) {
      for (int x = 0; x < PORTRAIT.width(); x++) {
        int i = y * PORTRAIT.width() + x;
        float m = (mask[4 * i + 3] & 0xff) / 255f;
        masked += m > 0 ? 1 : 0;
        soft += m > 0 && m < 1 ? 1 : 0;
        for (int c = 0; c < 3; c++) {
          float original = PORTRAIT.pixels()[3 * i + c] & 0xff;
          double expected = original + m * (255 * read(generated, c, CROP.cropU(x, y), CROP.cropV(x, y)) - original);
          // One level of rounding, and half a level more for the mask read back from 8-bit alpha.
          assertEquals(expected, frame[4 * i + c] & 0xff, 1.5, "pixel (" + x + ", " + y + ") channel " + c);
          assertEquals(frame[4 * i + c], mask[4 * i + c], "the layer's colour is the frame's at (" + x + ", " + y + ")");
        }
      }
    }
    // Pixels at the mask's outer rim are counted by pixels() but their weight rounds to alpha 0.
    assertTrue(masked <= layer.pixels() && masked > 0.9 * layer.pixels(), masked + " of " + layer.pixels());
    assertTrue(soft > masked / 10 && soft < masked, soft + " of " + masked + " masked pixels on the soft edge");
    int centre = (Math.round(FACE.mean(0, 67)[1]) * PORTRAIT.width() + Math.round(FACE.mean(0, 67)[0])) * 4;
    assertEquals(255, mask[centre + 3] & 0xff, "the face's centre is fully generated");
    assertEquals(0, mask[3], "the corner lies outside the mask");
  }

  @Test
  void compose_generatedShiftedInColour_colourMatchTakesTheShiftOut() {
    PasteBack paste = PasteBack.prepare(PORTRAIT, CROP, FACE, 0.15, true);
    float[] redder = ownCrop(0.1f);
    int centre = (Math.round(FACE.mean(0, 67)[1]) * PORTRAIT.width() + Math.round(FACE.mean(0, 67)[0]));
    int red = PORTRAIT.pixels()[3 * centre] & 0xff;

    int matched = paste.compose(redder, true).pixels()[4 * centre] & 0xff;
    int unmatched = paste.compose(redder, false).pixels()[4 * centre] & 0xff;

    assertEquals(red, matched, 1);
    assertEquals(red + 25.5, unmatched, 1);
  }

  /** The portrait's own face crop as the generator would return it, red raised by {@code redShift}. */
  private static float[] ownCrop(float redShift) {
    float[] planes = new float[3 * SIDE * SIDE];
    for (int v = 0; v < SIDE; v++) {
      for (int u = 0; u < SIDE; u++) {
        double x = CROP.pictureX(u, v);
        double y = CROP.pictureY(u, v);
        for (int c = 0; c < 3; c++) {
          planes[c * SIDE * SIDE + v * SIDE + u] = (float) (colour(c, x, y) / 255) + (c == 0 ? redShift : 0);
        }
      }
    }
    return planes;
  }

  private static float[] noise(long seed) {
    Random random = new Random(seed);
    float[] planes = new float[3 * SIDE * SIDE];
    for (int i = 0; i < planes.length; i++) {
      planes[i] = random.nextFloat();
    }
    return planes;
  }

  /** Bilinear read of one channel of a planar 512x512 crop, clamped to its last full 2x2 cell. */
  private static double read(float[] planes, int channel, double u, double v) {
    double x = Math.max(0, Math.min(SIDE - 1.001, u));
    double y = Math.max(0, Math.min(SIDE - 1.001, v));
    int left = (int) x;
    int top = (int) y;
    double fx = x - left;
    double fy = y - top;
    int a = channel * SIDE * SIDE + top * SIDE + left;
    double upper = planes[a] * (1 - fx) + planes[a + 1] * fx;
    double lower = planes[a + SIDE] * (1 - fx) + planes[a + SIDE + 1] * fx;
    return upper * (1 - fy) + lower * fy;
  }

  /** Smooth enough that resampling it twice moves no level by more than rounding. */
  private static double colour(int channel, double x, double y) {
    return switch (channel) {
      case 0 -> 110 + 60 * Math.sin(x / 40);
      case 1 -> 120 + 50 * Math.cos(y / 35);
      default -> 40 + (x + y) / 8;
    };
  }

  private static RgbImage smoothPortrait(int width, int height) {
    byte[] px = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          px[(y * width + x) * 3 + c] = (byte) Math.round(colour(c, x, y));
        }
      }
    }
    return new RgbImage(width, height, px);
  }
}
