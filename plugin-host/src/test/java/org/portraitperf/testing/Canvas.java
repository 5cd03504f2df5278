package org.portraitperf.testing;

import org.portraitperf.media.RgbImage;

/** Test pictures at a chosen frame size, for benches that need a portrait of a given resolution. */
public final class Canvas {
  private Canvas() {}

  /** The picture scaled (bilinearly) to the canvas height and centred, edges repeated sideways. */
  public static RgbImage centred(RgbImage image, int width, int height) {
    double scale = (double) image.height() / height;
    int offset = (width - image.width() * height / image.height()) / 2;
    byte[] out = new byte[width * height * 3];
    byte[] src = image.pixels();
    for (int y = 0; y < height; y++) {
      double sy = Math.min(image.height() - 1.001, y * scale);
      int iy = (int) sy;
      double fy = sy - iy;
      for (int x = 0; x < width; x++) {
        double sx = Math.max(0, Math.min(image.width() - 1.001, (x - offset) * scale));
        int ix = (int) sx;
        double fx = sx - ix;
        int a = (iy * image.width() + ix) * 3;
        int b = a + image.width() * 3;
        for (int k = 0; k < 3; k++) {
          double top = (src[a + k] & 0xff) * (1 - fx) + (src[a + 3 + k] & 0xff) * fx;
          double bottom = (src[b + k] & 0xff) * (1 - fx) + (src[b + 3 + k] & 0xff) * fx;
          out[(y * width + x) * 3 + k] = (byte) Math.round(top * (1 - fy) + bottom * fy);
        }
      }
    }
    return new RgbImage(width, height, out);
  }
}
