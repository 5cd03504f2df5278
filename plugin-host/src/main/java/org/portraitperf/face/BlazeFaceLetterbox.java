package org.portraitperf.face;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.portraitperf.media.RgbPixels;

/**
 * A square window on an image, resampled to the model's square input. The window may reach past
 * the image's edges; what lies outside is black, as in MediaPipe's letterboxing (their zero border
 * becomes -1 after normalisation). The same mapping is used forwards (resampling) and backwards
 * (model coordinates to image pixels), so boxes land exactly where the pixels came from.
 *
 * @param left image x of the window's left edge (negative when the window pads the left side)
 * @param top image y of the window's top edge
 * @param side the window's side in image pixels
 * @param size the model input's side in pixels
 */
record BlazeFaceLetterbox(float left, float top, float side, int size) {

  BlazeFaceLetterbox {
    if (!(side > 0) || size <= 0) {
      throw new IllegalArgumentException(
          "window side and model size must be positive, found " + side + " and " + size);
    }
  }

  /** The whole image, centred in a square of its longer side (padding the shorter one). */
  static BlazeFaceLetterbox whole(int width, int height, int size) {
    float side = Math.max(width, height);
    return new BlazeFaceLetterbox((width - side) / 2, (height - side) / 2, side, size);
  }

  /** Image x of a model-normalised x (0..1 across the input). */
  float imageX(float normalised) {
    return left + normalised * side;
  }

  /** Image y of a model-normalised y. */
  float imageY(float normalised) {
    return top + normalised * side;
  }

  /** Image length of a model-normalised length. */
  float imageLength(float normalised) {
    return normalised * side;
  }

  /**
   * Writes the window into {@code out} as [size][size][R, G, B] floats in -1..1, the range
   * MediaPipe's BlazeFace graphs were trained on.
   *
   * <p>Each input pixel is the area average of the image pixels its footprint covers (with
   * fractional weights at the footprint's edges), so a 4K frame reduced to 256 pixels is
   * low-pass filtered instead of aliased: point sampling would keep one pixel in fifteen and
   * make the thin dark features BlazeFace relies on (eyes, brows, mouth) flicker or vanish. When
   * the window is smaller than the input the footprint is one image pixel wide, which makes the
   * same weights bilinear interpolation.
   *
   * @param row scratch of at least {@code size * 3} floats, reused by the caller between frames
   */
  void resample(RgbPixels image, FloatBuffer out, float[] row) {
    Taps columns = Taps.along(image.width(), left, side, size);
    Taps rows = Taps.along(image.height(), top, side, size);
    // The image columns the window reads, copied a row at a time: the picture may be lent, not an array.
    int from = image.width();
    int to = 0;
    for (int tx = 0; tx < size; tx++) {
      if (columns.count[tx] > 0) {
        from = Math.min(from, columns.first[tx]);
        to = Math.max(to, columns.first[tx] + columns.count[tx]);
      }
    }
    byte[] pixels = new byte[Math.max(0, to - from) * 3];
    int stride = image.width() * 3;
    int rowLength = size * 3;
    for (int ty = 0; ty < size; ty++) {
      Arrays.fill(row, 0, rowLength, 0f);
      for (int ry = 0; ry < rows.count[ty]; ry++) {
        float wy = rows.weights[ty * rows.maxTaps + ry];
        image.read((rows.first[ty] + ry) * stride + from * 3, pixels, 0, pixels.length);
        for (int tx = 0; tx < size; tx++) {
          float r = 0, g = 0, b = 0;
          int tapBase = tx * columns.maxTaps;
          int p = (columns.first[tx] - from) * 3;
          for (int rx = 0; rx < columns.count[tx]; rx++, p += 3) {
            float wx = columns.weights[tapBase + rx];
            r += wx * (pixels[p] & 0xff);
            g += wx * (pixels[p + 1] & 0xff);
            b += wx * (pixels[p + 2] & 0xff);
          }
          row[tx * 3] += wy * r;
          row[tx * 3 + 1] += wy * g;
          row[tx * 3 + 2] += wy * b;
        }
      }
      int base = ty * rowLength;
      for (int i = 0; i < rowLength; i++) {
        out.put(base + i, row[i] * (2f / 255f) - 1f);
      }
    }
  }

  /**
   * For each input pixel along one axis, the image pixels it averages and their weights. Weights
   * of one input pixel sum to its coverage of the image: 1 inside, less where the footprint hangs
   * over the edge, 0 in the padding, so the padding contributes black.
   */
  private static final class Taps {
    final int[] first;
    final int[] count;
    final float[] weights;
    final int maxTaps;

    private Taps(int size, int maxTaps) {
      this.first = new int[size];
      this.count = new int[size];
      this.weights = new float[size * maxTaps];
      this.maxTaps = maxTaps;
    }

    static Taps along(int length, float start, float side, int size) {
      double step = (double) side / size;
      double footprint = Math.max(step, 1);
      Taps taps = new Taps(size, (int) Math.ceil(footprint) + 1);
      for (int i = 0; i < size; i++) {
        double centre = start + (i + 0.5) * step;
        double lo = centre - footprint / 2;
        double hi = centre + footprint / 2;
        int from = Math.max(0, (int) Math.floor(lo));
        int to = Math.min(length - 1, (int) Math.ceil(hi) - 1);
        taps.first[i] = from;
        for (int j = from; j <= to; j++) {
          double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
          if (overlap > 0) {
            // Taps are contiguous from `first`; a zero overlap can only occur at the ends.
            taps.weights[i * taps.maxTaps + (j - from)] = (float) (overlap / footprint);
            taps.count[i] = j - from + 1;
          }
        }
      }
      return taps;
    }
  }
}
