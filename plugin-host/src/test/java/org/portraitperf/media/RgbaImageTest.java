package org.portraitperf.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.portraitperf.testing.TestMedia;

class RgbaImageTest {

  @Test
  void opaque_fromRgb_keepsColourWithFullAlpha() {
    RgbImage rgb = TestMedia.image("portraits/lp_s42.jpg");
    RgbaImage opaque = RgbaImage.opaque(rgb);
    assertArrayEquals(rgb.pixels(), opaque.rgb().pixels(), "colour unchanged");
    assertEquals(255, minimum(opaque.alpha().pixels()), "alpha 255 everywhere");
  }

  @Test
  void opaque_ofMaskedFrame_keepsColourAndLeavesTheOriginalAlone() {
    RgbImage rgb = TestMedia.image("portraits/lp_s42.jpg");
    byte[] mask = new byte[rgb.width() * rgb.height()];
    mask[mask.length / 2] = (byte) 128;
    RgbaImage masked = RgbaImage.of(rgb, new GrayImage(rgb.width(), rgb.height(), mask));
    RgbaImage opaque = masked.opaque();
    assertArrayEquals(rgb.pixels(), opaque.rgb().pixels(), "colour unchanged");
    assertEquals(255, minimum(opaque.alpha().pixels()), "alpha 255 everywhere");
    assertArrayEquals(mask, masked.alpha().pixels(), "the source keeps its mask");
  }

  private static int minimum(byte[] plane) {
    int min = 255;
    for (byte b : plane) {
      min = Math.min(min, b & 0xff);
    }
    return min;
  }
}
