package org.portraitperf.cli;

import org.portraitperf.media.Resampling;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;

/**
 * The {@code --preview side-by-side} frame: portrait | driving | result, each scaled to one common
 * height (the smallest of the three, so nothing is enlarged), every side even so that H.264 takes
 * it. A result with transparency is shown over grey, so the face layer's mask is visible.
 */
final class SideBySide {
  private static final int BACKDROP = 128;

  private final RgbImage portraitPanel;
  private final int height;
  private final int drivingWidth;
  private final int resultWidth;

  SideBySide(RgbImage portrait, int drivingWidth, int drivingHeight, int resultWidth, int resultHeight) {
    this.height = even(Math.min(portrait.height(), Math.min(drivingHeight, resultHeight)));
    this.portraitPanel = Resampling.resize(portrait, widthAt(portrait.width(), portrait.height()), height);
    this.drivingWidth = widthAt(drivingWidth, drivingHeight);
    this.resultWidth = widthAt(resultWidth, resultHeight);
  }

  int width() {
    return portraitPanel.width() + drivingWidth + resultWidth;
  }

  int height() {
    return height;
  }

  RgbImage compose(RgbImage driving, RgbaImage result) {
    RgbImage out = RgbImage.blank(width(), height);
    paste(portraitPanel, out, 0);
    paste(Resampling.resize(driving, drivingWidth, height), out, portraitPanel.width());
    paste(Resampling.resize(overGrey(result), resultWidth, height), out, portraitPanel.width() + drivingWidth);
    return out;
  }

  private int widthAt(int width, int panelHeight) {
    return even((int) Math.round((double) width * height / panelHeight));
  }

  private static int even(int size) {
    return Math.max(2, size - size % 2);
  }

  private static void paste(RgbImage panel, RgbImage out, int left) {
    int row = panel.width() * 3;
    for (int y = 0; y < panel.height(); y++) {
      System.arraycopy(panel.pixels(), y * row, out.pixels(), (y * out.width() + left) * 3, row);
    }
  }

  private static RgbImage overGrey(RgbaImage image) {
    byte[] in = image.pixels();
    byte[] out = new byte[image.width() * image.height() * 3];
    for (int p = 0, q = 0; p < out.length; p += 3, q += 4) {
      int alpha = in[q + 3] & 0xff;
      for (int c = 0; c < 3; c++) {
        out[p + c] = (byte) (((in[q + c] & 0xff) * alpha + BACKDROP * (255 - alpha) + 127) / 255);
      }
    }
    return new RgbImage(image.width(), image.height(), out);
  }
}
