package org.portraitperf.engine.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.portraitperf.media.RgbImage;

/** The networks' 256x256 input against a direct bilinear reading of a noise picture. */
class CropSamplerTest {
  private static final int SIDE = CropSampler.SIDE;
  private static final RgbImage NOISE = noise(600, 500, 3);

  @Test
  void sample_onePicturePixelPerCropPixel_isTheMeanOfEach2x2Block() {
    // Upright and 512 picture pixels wide: crop pixel (u, v) lies at picture (u + 44, v - 6), so the
    // top and bottom rows read partly outside.
    FaceCrop crop = new FaceCrop(300, 250, 1, 0, FaceCrop.SIDE);

    float[] input = CropSampler.sample(NOISE, crop);

    for (int b = 0; b < SIDE; b += 17) {
      for (int a = 0; a < SIDE; a += 13) {
        for (int c = 0; c < 3; c++) {
          int x = 44 + 2 * a;
          int y = -6 + 2 * b;
          double mean = (level(x, y, c) + level(x + 1, y, c) + level(x, y + 1, c) + level(x + 1, y + 1, c)) / 4.0 / 255;
          assertEquals(mean, input[c * SIDE * SIDE + b * SIDE + a], 1e-6, "input (" + a + ", " + b + ") channel " + c);
        }
      }
    }
  }

  @Test
  void sample_uprightCropOverThePictureEdge_readsBlackOutside() {
    checkAgainstDirectReading(new FaceCrop(40, 470, 1, 0, 700));
  }

  @Test
  void sample_turnedCropOverThePictureEdge_readsBlackOutside() {
    double turn = Math.toRadians(30);
    checkAgainstDirectReading(new FaceCrop(520, 60, Math.cos(turn), Math.sin(turn), 450));
  }

  /** Every input pixel is the bilinear read at the centre of its 2x2 crop block, black outside. */
  private static void checkAgainstDirectReading(FaceCrop crop) {
    float[] input = CropSampler.sample(NOISE, crop);

    int black = 0;
    for (int b = 0; b < SIDE; b++) {
      for (int a = 0; a < SIDE; a++) {
        double x = crop.pictureX(2 * a + 0.5, 2 * b + 0.5);
        double y = crop.pictureY(2 * a + 0.5, 2 * b + 0.5);
        for (int c = 0; c < 3; c++) {
          float value = input[c * SIDE * SIDE + b * SIDE + a];
          assertEquals(bilinear(x, y, c) / 255, value, 1e-5, "input (" + a + ", " + b + ") channel " + c);
          black += value == 0 ? 1 : 0;
        }
      }
    }
    assertTrue(black > SIDE * 3, "the crop reaches outside the picture: " + black + " black values");
  }

  private static double bilinear(double x, double y, int c) {
    int left = (int) Math.floor(x);
    int top = (int) Math.floor(y);
    double fx = x - left;
    double fy = y - top;
    return (1 - fx) * (1 - fy) * level(left, top, c) + fx * (1 - fy) * level(left + 1, top, c)
        + (1 - fx) * fy * level(left, top + 1, c) + fx * fy * level(left + 1, top + 1, c);
  }

  private static int level(int x, int y, int c) {
    if (x < 0 || y < 0 || x >= NOISE.width() || y >= NOISE.height()) {
      return 0;
    }
    return NOISE.pixels()[(y * NOISE.width() + x) * 3 + c] & 0xff;
  }

  private static RgbImage noise(int width, int height, long seed) {
    byte[] px = new byte[width * height * 3];
    new Random(seed).nextBytes(px);
    return new RgbImage(width, height, px);
  }
}
