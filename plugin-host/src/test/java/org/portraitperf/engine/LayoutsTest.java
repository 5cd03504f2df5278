package org.portraitperf.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.media.RgbaImage;

class LayoutsTest {
  private static final Layouts.Size DRIVING = new Layouts.Size(640, 360);

  /** A 200x100 result in mid grey whose alpha is 0 on the left half and 255 on the right. */
  private static RgbaImage halfMasked() {
    byte[] pixels = new byte[200 * 100 * 4];
    for (int i = 0; i < 200 * 100; i++) {
      pixels[4 * i] = pixels[4 * i + 1] = pixels[4 * i + 2] = (byte) 120;
      pixels[4 * i + 3] = (byte) (i % 200 < 100 ? 0 : 255);
    }
    return new RgbaImage(200, 100, pixels);
  }

  @Test
  void size_eachLayout_portraitOrDrivingSize() {
    Layouts.Size portrait = new Layouts.Size(200, 100);
    assertEquals(portrait, Layouts.size(OutputLayout.PORTRAIT_CANVAS, portrait, DRIVING));
    assertEquals(portrait, Layouts.size(OutputLayout.FACE_LAYER, portrait, DRIVING));
    assertEquals(DRIVING, Layouts.size(OutputLayout.FIT_DRIVING, portrait, DRIVING));
  }

  @Test
  void apply_faceLayer_keepsTheMask() {
    RgbaImage result = halfMasked();
    assertSame(result, Layouts.apply(result, OutputLayout.FACE_LAYER, DRIVING));
  }

  @Test
  void apply_portraitCanvas_opaqueWithColoursKept() {
    RgbaImage out = Layouts.apply(halfMasked(), OutputLayout.PORTRAIT_CANVAS, DRIVING);
    assertEquals(200, out.width());
    assertEquals(255, out.pixels()[3] & 0xff);
    assertEquals(120, out.pixels()[0] & 0xff);
  }

  @Test
  void apply_fitDriving_wideResultFillsTheWidthWithBarsAboveAndBelow() {
    // 200x100 (2:1) into 640x360 (16:9): scaled to 640x320, 20 px of black above and below.
    RgbaImage out = Layouts.apply(halfMasked(), OutputLayout.FIT_DRIVING, DRIVING);
    assertEquals(640, out.width());
    assertEquals(360, out.height());
    assertEquals(0, out.pixels()[(10 * 640 + 320) * 4] & 0xff, "bar above");
    assertEquals(0, out.pixels()[(350 * 640 + 320) * 4] & 0xff, "bar below");
    assertEquals(120, out.pixels()[(180 * 640 + 320) * 4] & 0xff, "picture in the middle");
    assertEquals(255, out.pixels()[(10 * 640 + 320) * 4 + 3] & 0xff, "opaque everywhere");
  }

  @Test
  void applyInto_eachLayout_writesWhatApplyReturns() {
    for (OutputLayout layout : OutputLayout.values()) {
      byte[] expected = Layouts.apply(halfMasked(), layout, DRIVING).pixels();
      ByteBuffer target = ByteBuffer.allocate(expected.length);

      Layouts.applyInto(halfMasked(), layout, DRIVING, target);

      assertArrayEquals(expected, target.array(), layout.toString());
    }
  }
}
