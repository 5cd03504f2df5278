package org.portraitperf.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplingTest {

  private static RgbImage filled(int width, int height, int level) {
    byte[] pixels = new byte[width * height * 3];
    java.util.Arrays.fill(pixels, (byte) level);
    return new RgbImage(width, height, pixels);
  }

  @Test
  void resize_flatPicture_staysFlatAtEverySize() {
    for (int[] size : new int[][] {{37, 11}, {400, 300}, {3, 900}}) {
      RgbImage out = Resampling.resize(filled(120, 90, 77), size[0], size[1]);
      assertEquals(size[0], out.width());
      for (byte b : out.pixels()) {
        assertEquals(77, b & 0xff);
      }
    }
  }

  @Test
  void resize_fineStripesShrunk_averageToGreyInsteadOfAliasing() {
    // One-pixel black and white columns, shrunk 7:1: each target pixel covers both kinds.
    RgbImage stripes = RgbImage.blank(700, 10);
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 700; x += 2) {
        int p = (y * 700 + x) * 3;
        stripes.pixels()[p] = stripes.pixels()[p + 1] = stripes.pixels()[p + 2] = (byte) 255;
      }
    }
    RgbImage out = Resampling.resize(stripes, 100, 10);
    for (byte b : out.pixels()) {
      assertTrue(Math.abs((b & 0xff) - 128) < 20, "grey, found " + (b & 0xff));
    }
  }

  @Test
  void resize_sameSize_returnsThePicture() {
    RgbImage image = filled(8, 8, 3);
    assertSame(image, Resampling.resize(image, 8, 8));
  }
}
