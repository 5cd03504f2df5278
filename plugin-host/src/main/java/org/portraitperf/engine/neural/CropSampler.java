package org.portraitperf.engine.neural;

import org.portraitperf.media.RgbPixels;

/**
 * The networks' 256x256 input from a face crop. LivePortrait warps the picture bilinearly to
 * 512x512 and then area-averages 2x2 blocks down to 256x256; here each input pixel is one bilinear
 * read of the picture at the centre of its 2x2 block. Where the crop holds about one picture pixel
 * per crop pixel (a 512 px driving clip) that read is exactly the block's mean; on larger pictures
 * it is slightly sharper, and it costs a quarter of the four reads (the bench's budget is 5 ms for
 * everything but the networks). Outside the picture reads black, as the warp's constant border does.
 * Planar RGB, scaled to [0, 1].
 */
final class CropSampler {
  static final int SIDE = LivePortraitNets.INPUT_SIDE;

  private CropSampler() {}

  static float[] sample(RgbPixels image, FaceCrop crop) {
    float[] out = new float[3 * SIDE * SIDE];
    // Picture coordinates are affine in the crop's: x = x0 + u xu + v xv, and likewise y. The sums
    // over u are the same for every row, so they are made once; the sums keep that order.
    double x0 = crop.pictureX(0, 0);
    double y0 = crop.pictureY(0, 0);
    double xu = crop.pictureX(1, 0) - x0;
    double yu = crop.pictureY(1, 0) - y0;
    double xv = crop.pictureX(0, 1) - x0;
    double yv = crop.pictureY(0, 1) - y0;
    double[] columnX = new double[SIDE];
    double[] columnY = new double[SIDE];
    for (int a = 0; a < SIDE; a++) {
      double u = 2 * a + 0.5;
      columnX[a] = x0 + u * xu;
      columnY[a] = y0 + u * yu;
    }
    if (xv == 0 && yu == 0) {
      upright(image, columnX, y0, yv, out);
    } else {
      turned(image, columnX, columnY, xv, yv, out);
    }
    return out;
  }

  /**
   * A crop turned in the picture (the portrait's, once per session): each input pixel's position
   * worked out on its own.
   */
  private static void turned(RgbPixels image, double[] columnX, double[] columnY, double xv, double yv, float[] out) {
    int w = image.width();
    int h = image.height();
    int row = 3 * w;
    int plane = SIDE * SIDE;
    for (int b = 0; b < SIDE; b++) {
      double v = 2 * b + 0.5;
      double rowX = v * xv;
      double rowY = v * yv;
      for (int a = 0; a < SIDE; a++) {
        double x = columnX[a] + rowX;
        double y = columnY[a] + rowY;
        int o = b * SIDE + a;
        if (x >= 0 && y >= 0 && x < w - 1 && y < h - 1) {
          // The common case: the 2x2 pixels read all lie inside the picture.
          int left = (int) x;
          int top = (int) y;
          float fx = (float) (x - left);
          float fy = (float) (y - top);
          int p = (top * w + left) * 3;
          out[o] = lerp(image, p, p + row, fx, fy) / 255f;
          out[plane + o] = lerp(image, p + 1, p + row + 1, fx, fy) / 255f;
          out[2 * plane + o] = lerp(image, p + 2, p + row + 2, fx, fy) / 255f;
        } else {
          atBorder(image, x, y, out, o);
        }
      }
    }
  }

  /**
   * An upright crop (every driving frame's): x depends on the column alone and y on the row alone
   * (the other terms are exactly 0), so each column's pixel and fraction are worked out once. The
   * columns that read inside the picture are one stretch, since x grows with the column.
   */
  private static void upright(RgbPixels image, double[] columnX, double y0, double yv, float[] out) {
    int w = image.width();
    int h = image.height();
    int row = 3 * w;
    int plane = SIDE * SIDE;
    int[] left = new int[SIDE];
    float[] fractionX = new float[SIDE];
    int from = SIDE;
    int to = 0;
    for (int a = 0; a < SIDE; a++) {
      double x = columnX[a];
      left[a] = (int) Math.floor(x);
      fractionX[a] = (float) (x - left[a]);
      if (x >= 0 && x < w - 1) {
        from = Math.min(from, a);
        to = a + 1;
      }
    }
    for (int b = 0; b < SIDE; b++) {
      double y = y0 + (2 * b + 0.5) * yv;
      int o = b * SIDE;
      // Columns first..last read inside the picture; the rest, or the whole row, at its border.
      boolean inside = from < to && y >= 0 && y < h - 1;
      int first = inside ? from : SIDE;
      int last = inside ? to : SIDE;
      for (int a = 0; a < first; a++) {
        atBorder(image, columnX[a], y, out, o + a);
      }
      for (int a = last; a < SIDE; a++) {
        atBorder(image, columnX[a], y, out, o + a);
      }
      if (!inside) {
        continue;
      }
      int top = (int) y;
      float fy = (float) (y - top);
      int rowStart = top * w;
      for (int a = first; a < last; a++) {
        int p = (rowStart + left[a]) * 3;
        float fx = fractionX[a];
        out[o + a] = lerp(image, p, p + row, fx, fy) / 255f;
        out[plane + o + a] = lerp(image, p + 1, p + row + 1, fx, fy) / 255f;
        out[2 * plane + o + a] = lerp(image, p + 2, p + row + 2, fx, fy) / 255f;
      }
    }
  }

  /** Bilinear mix of one channel: {@code p} and {@code q} index its top-left and bottom-left bytes. */
  private static float lerp(RgbPixels image, int p, int q, float fx, float fy) {
    float top = image.at(p) + fx * (image.at(p + 3) - image.at(p));
    float bottom = image.at(q) + fx * (image.at(q + 3) - image.at(q));
    return top + fy * (bottom - top);
  }

  /** Bilinear read at (x, y) where some of the 2x2 pixels lie outside the picture, which read black. */
  private static void atBorder(RgbPixels image, double x, double y, float[] out, int o) {
    int w = image.width();
    int h = image.height();
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    float fx = (float) (x - x0);
    float fy = (float) (y - y0);
    float[] rgb = new float[3];
    for (int dy = 0; dy < 2; dy++) {
      for (int dx = 0; dx < 2; dx++) {
        int xx = x0 + dx;
        int yy = y0 + dy;
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
          continue;
        }
        float weight = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
        int p = (yy * w + xx) * 3;
        for (int c = 0; c < 3; c++) {
          rgb[c] += weight * image.at(p + c);
        }
      }
    }
    for (int c = 0; c < 3; c++) {
      out[c * SIDE * SIDE + o] = rgb[c] / 255f;
    }
  }
}
