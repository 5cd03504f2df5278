package org.portraitperf.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.portraitperf.media.RgbImage;

class ImageQualityTest {

  private static RgbImage texture(long seed) {
    RgbImage image = RgbImage.blank(64, 48);
    new Random(seed).nextBytes(image.pixels());
    return image;
  }

  @Test
  void psnr_uniformErrorOfOneLevel_isAbout48Db() {
    RgbImage a = RgbImage.blank(16, 16);
    RgbImage b = RgbImage.blank(16, 16);
    java.util.Arrays.fill(b.pixels(), (byte) 1);
    // 10 log10(255^2 / 1) = 48.13 dB
    assertEquals(48.13, ImageQuality.psnr(a, b), 0.01);
  }

  @Test
  void ssim_identicalPictures_isOne() {
    RgbImage a = texture(1);
    assertEquals(1.0, ImageQuality.ssim(a, a), 1e-9);
  }

  @Test
  void ssim_unrelatedNoise_isNearZero() {
    assertTrue(Math.abs(ImageQuality.ssim(texture(1), texture(2))) < 0.1);
  }

  @Test
  void ssim_brightnessShift_staysHighButBelowOne() {
    RgbImage a = texture(3);
    RgbImage b = new RgbImage(a.width(), a.height(), a.pixels().clone());
    byte[] p = b.pixels();
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) Math.min(255, (p[i] & 0xff) + 10);
    }
    double ssim = ImageQuality.ssim(a, b);
    assertTrue(ssim > 0.9 && ssim < 1, "ssim " + ssim);
  }
}
