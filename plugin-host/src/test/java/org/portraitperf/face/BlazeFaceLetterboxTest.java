package org.portraitperf.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.portraitperf.media.RgbImage;

/** Resampling into the model input and mapping back: our own pixel code, checked exactly. */
class BlazeFaceLetterboxTest {
  private static final int SIZE = 256;

  @Test
  void whole_tallFrame_padsBothSidesEquallyAndMapsEdgesBack() {
    BlazeFaceLetterbox box = BlazeFaceLetterbox.whole(720, 1280, SIZE);

    assertEquals(-280f, box.imageX(0f));
    assertEquals(1000f, box.imageX(1f));
    assertEquals(0f, box.imageY(0f));
    assertEquals(1280f, box.imageY(1f));
    assertEquals(0f, box.imageX(280f / 1280f), 1e-4);
    assertEquals(640f, box.imageLength(0.5f));
  }

  @Test
  void resample_uniformTallFrame_imageColumnsWhitePaddingBlack() {
    BlazeFaceLetterbox box = BlazeFaceLetterbox.whole(720, 1280, SIZE);
    FloatBuffer input = resample(box, BlazeFaceTestImages.uniform(720, 1280, 255));

    // 280 px of padding each side at 5 image px per input px: input columns 0..55 and 200..255.
    for (int y = 0; y < SIZE; y += 51) {
      assertEquals(-1f, at(input, 55, y, 0), 1e-5);
      assertEquals(1f, at(input, 56, y, 1), 1e-5);
      assertEquals(1f, at(input, 199, y, 2), 1e-5);
      assertEquals(-1f, at(input, 200, y, 0), 1e-5);
    }
  }

  @Test
  void resample_onePixelStripesHalved_averagesToMidGrey() {
    // Alternate black and white columns: point sampling at half size would see only one of them.
    FloatBuffer input = resample(BlazeFaceLetterbox.whole(512, 512, SIZE), stripes(512, 512));

    for (int i = 0; i < SIZE * SIZE * 3; i++) {
      assertEquals(0f, input.get(i), 1e-5);
    }
  }

  @Test
  void resample_onePixelStripesAtFractionalRatio_staysNearMidGrey() {
    // 1920 px to 256: each input pixel covers 7.5 columns, so at most half a column is unpaired.
    FloatBuffer input = resample(BlazeFaceLetterbox.whole(1920, 1920, SIZE), stripes(1920, 1920));

    for (int i = 0; i < SIZE * SIZE * 3; i++) {
      assertTrue(Math.abs(input.get(i)) <= 1 / 7.5f + 1e-5, "value " + input.get(i) + " at " + i);
    }
  }

  @Test
  void resample_mirroredImage_givesMirroredInput() {
    // Odd-sized, letterboxed, downscaled: the mapping must be symmetric to the last fraction.
    RgbImage image = BlazeFaceTestImages.portrait("lp_s12.jpg");
    BlazeFaceLetterbox box = BlazeFaceLetterbox.whole(image.width(), image.height(), SIZE);

    FloatBuffer original = resample(box, image);
    FloatBuffer mirrored = resample(box, image.mirrored());

    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(at(original, x, y, c), at(mirrored, SIZE - 1 - x, y, c), 1e-4);
        }
      }
    }
  }

  private static RgbImage stripes(int width, int height) {
    RgbImage image = RgbImage.blank(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 1; x < width; x += 2) {
        int p = (y * width + x) * 3;
        image.pixels()[p] = image.pixels()[p + 1] = image.pixels()[p + 2] = (byte) 255;
      }
    }
    return image;
  }

  private static FloatBuffer resample(BlazeFaceLetterbox box, RgbImage image) {
    FloatBuffer input =
        ByteBuffer.allocateDirect(SIZE * SIZE * 3 * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    box.resample(image, input, new float[SIZE * 3]);
    return input;
  }

  private static float at(FloatBuffer input, int x, int y, int channel) {
    return input.get((y * SIZE + x) * 3 + channel);
  }
}
