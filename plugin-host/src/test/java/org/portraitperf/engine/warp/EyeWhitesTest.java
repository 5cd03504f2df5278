package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.portraitperf.media.RgbImage;

/**
 * A drawn eye: a white almond from x 40 to 120 about the row y 60, 32 high, with a dark iris of
 * radius 16 in its middle, on peach skin.
 */
class EyeWhitesTest {
  static final int WIDTH = 160;
  static final int HEIGHT = 120;
  static final int[] PEACH = {236, 174, 150};
  static final int[] WHITE = {225, 228, 235};
  static final int[] IRIS = {40, 30, 28};

  @Test
  void find_outlineRoundTheIrisAlone_findsTheWhiteOnEitherSide() {
    EyeWhites white = EyeWhites.find(drawnEye(PEACH, WHITE), aroundTheIris(), mean(PEACH));
    assertNotNull(white);
    assertEquals(1, white.at(50, 60), 1e-9);
    assertEquals(1, white.at(110, 60), 1e-9);
    assertEquals(0, white.at(20, 60), 1e-9);
    double[][] widened = white.widen(aroundTheIris());
    // The white's ends, give or take the almond's anti-aliasing.
    assertEquals(40, widened[0][0], 2);
    assertEquals(120, widened[0][3], 2);
  }

  @Test
  void find_outlineRoundTheWholeEye_findsNone() {
    double[][] wholeEye = {{40, 67, 93, 120, 93, 67}, {60, 46, 46, 60, 74, 74}};
    assertNull(EyeWhites.find(drawnEye(PEACH, WHITE), wholeEye, mean(PEACH)));
  }

  @Test
  void find_whiteNoPalerThanTheSkin_findsNone() {
    int[] grey = {200, 200, 200};
    assertNull(EyeWhites.find(drawnEye(grey, WHITE), aroundTheIris(), mean(grey)));
  }

  /** The six eye landmarks round the iris: corners on its rim, lids on its top and bottom. */
  static double[][] aroundTheIris() {
    return new double[][] {{64, 73, 87, 96, 87, 73}, {60, 47, 47, 60, 73, 73}};
  }

  static RgbImage drawnEye(int[] skin, int[] white) {
    byte[] rgb = new byte[WIDTH * HEIGHT * 3];
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        double u = (x - 80) / 40.0;
        double v = (y - 60) / 16.0;
        int[] colour = Math.hypot(x - 80, y - 60) <= 16 ? IRIS : u * u + v * v <= 1 ? white : skin;
        for (int c = 0; c < 3; c++) {
          rgb[(y * WIDTH + x) * 3 + c] = (byte) colour[c];
        }
      }
    }
    return new RgbImage(WIDTH, HEIGHT, rgb);
  }

  private static double[] mean(int[] colour) {
    return new double[] {colour[0], colour[1], colour[2]};
  }
}
