package org.portraitperf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.portraitperf.media.RgbImage;

class TakeRenderTest {

  @Test
  void evenSided_oddPicture_repeatsLastColumnAndRow() {
    RgbImage odd = RgbImage.blank(3, 3);
    odd.pixels()[(2 * 3 + 2) * 3] = (byte) 200;
    RgbImage even = TakeRender.evenSided(odd);
    assertEquals(4, even.width());
    assertEquals(4, even.height());
    assertEquals(200, even.pixels()[(3 * 4 + 3) * 3] & 0xff, "corner copied into the new corner");
  }

  @Test
  void evenSided_evenPicture_isTheSamePicture() {
    RgbImage even = RgbImage.blank(4, 2);
    assertSame(even, TakeRender.evenSided(even));
  }
}
