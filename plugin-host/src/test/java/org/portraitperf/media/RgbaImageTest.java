package org.portraitperf.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
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
  void makeOpaque_ofMaskedFrame_keepsColourInItsOwnArray() {
    RgbImage rgb = TestMedia.image("portraits/lp_s42.jpg");
    RgbaImage masked = RgbaImage.of(rgb, halfMask(rgb));
    byte[] array = masked.pixels();

    RgbaImage opaque = masked.makeOpaque();

    assertSame(array, opaque.pixels(), "no copy");
    assertArrayEquals(rgb.pixels(), opaque.rgb().pixels(), "colour unchanged");
    assertEquals(255, minimum(opaque.alpha().pixels()), "alpha 255 everywhere");
  }

  @Test
  void makeOpaque_intoTarget_writesTheOpaqueFrameFromThePositionOnly() {
    RgbImage rgb = TestMedia.image("portraits/lp_s42.jpg");
    RgbaImage masked = RgbaImage.of(rgb, halfMask(rgb));
    int bytes = masked.pixels().length;
    ByteBuffer target = ByteBuffer.allocateDirect(bytes + 2);
    target.put(0, (byte) 9).put(bytes + 1, (byte) 9).position(1);

    masked.makeOpaque(target);

    assertEquals(1, target.position(), "the position stays");
    byte[] written = new byte[bytes];
    target.get(1, written);
    assertArrayEquals(RgbaImage.opaque(rgb).pixels(), written, "colour with alpha 255");
    assertArrayEquals(written, masked.pixels(), "the frame itself is opaque too");
    assertEquals(9, target.get(0), "nothing before the position");
    assertEquals(9, target.get(bytes + 1), "nothing past the frame");
    assertThrows(IllegalArgumentException.class, () -> masked.makeOpaque(target.slice(1, bytes - 1)));
  }

  /** Alpha 0 on the left half, 128 on the right: any of it left in an "opaque" frame shows. */
  private static GrayImage halfMask(RgbImage rgb) {
    byte[] mask = new byte[rgb.width() * rgb.height()];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (byte) (i % rgb.width() < rgb.width() / 2 ? 0 : 128);
    }
    return new GrayImage(rgb.width(), rgb.height(), mask);
  }

  private static int minimum(byte[] plane) {
    int min = 255;
    for (byte b : plane) {
      min = Math.min(min, b & 0xff);
    }
    return min;
  }
}
