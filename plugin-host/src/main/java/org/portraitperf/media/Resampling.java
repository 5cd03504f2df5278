package org.portraitperf.media;

import java.util.Arrays;

/**
 * Resizes pictures with a separable triangle (tent) filter whose width follows the scale: bilinear
 * when enlarging, and averaging over every source pixel a target pixel covers when shrinking, so a
 * 4K portrait shrunk for a preview panel does not alias.
 */
public final class Resampling {
  private Resampling() {}

  /** {@code image} scaled to {@code width} x {@code height}. */
  public static RgbImage resize(RgbImage image, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("target size must be positive, found " + width + "x" + height);
    }
    if (width == image.width() && height == image.height()) {
      return image;
    }
    Taps columns = Taps.of(image.width(), width);
    Taps rows = Taps.of(image.height(), height);
    byte[] src = image.pixels();
    // Horizontal pass into floats, then vertical, rounding once at the end.
    int rowLength = width * 3;
    float[] across = new float[rowLength * image.height()];
    for (int y = 0; y < image.height(); y++) {
      int srcRow = y * image.width() * 3;
      int dstRow = y * rowLength;
      for (int x = 0; x < width; x++) {
        for (int k = columns.start[x]; k < columns.start[x + 1]; k++) {
          int p = srcRow + columns.index[k] * 3;
          float w = columns.weight[k];
          across[dstRow + x * 3] += w * (src[p] & 0xff);
          across[dstRow + x * 3 + 1] += w * (src[p + 1] & 0xff);
          across[dstRow + x * 3 + 2] += w * (src[p + 2] & 0xff);
        }
      }
    }
    byte[] out = new byte[rowLength * height];
    float[] sum = new float[rowLength];
    for (int y = 0; y < height; y++) {
      Arrays.fill(sum, 0);
      for (int k = rows.start[y]; k < rows.start[y + 1]; k++) {
        int srcRow = rows.index[k] * rowLength;
        float w = rows.weight[k];
        for (int i = 0; i < rowLength; i++) {
          sum[i] += w * across[srcRow + i];
        }
      }
      int dstRow = y * rowLength;
      for (int i = 0; i < rowLength; i++) {
        out[dstRow + i] = (byte) Math.min(255, Math.max(0, Math.round(sum[i])));
      }
    }
    return new RgbImage(width, height, out);
  }

  /**
   * For each target position along one axis, the source positions it reads and their weights
   * (normalised to 1), packed: target i uses entries {@code start[i]} to {@code start[i + 1] - 1}.
   */
  private record Taps(int[] start, int[] index, float[] weight) {

    static Taps of(int sourceLength, int targetLength) {
      double scale = (double) sourceLength / targetLength;
      double radius = Math.max(1, scale);
      int perTarget = (int) Math.ceil(2 * radius) + 1;
      int[] start = new int[targetLength + 1];
      int[] index = new int[targetLength * perTarget];
      float[] weight = new float[targetLength * perTarget];
      int used = 0;
      for (int i = 0; i < targetLength; i++) {
        start[i] = used;
        double centre = (i + 0.5) * scale - 0.5;
        int first = (int) Math.floor(centre - radius) + 1;
        int last = (int) Math.floor(centre + radius);
        double total = 0;
        for (int s = first; s <= last; s++) {
          double w = 1 - Math.abs(s - centre) / radius;
          if (w > 0) {
            index[used] = Math.min(sourceLength - 1, Math.max(0, s));
            weight[used] = (float) w;
            total += w;
            used++;
          }
        }
        for (int k = start[i]; k < used; k++) {
          weight[k] = (float) (weight[k] / total);
        }
      }
      start[targetLength] = used;
      return new Taps(start, index, weight);
    }
  }
}
