package org.portraitperf.engine.neural;

import org.portraitperf.media.RgbImage;

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

  static float[] sample(RgbImage image, FaceCrop crop) {
    float[] out = new float[3 * SIDE * SIDE];
    byte[] px = image.pixels();
    int w = image.width();
    int h = image.height();
    int plane = SIDE * SIDE;
    // Picture coordinates are affine in the crop's: step along u and along v.
    double x0 = crop.pictureX(0, 0);
    double y0 = crop.pictureY(0, 0);
    double xu = crop.pictureX(1, 0) - x0;
    double yu = crop.pictureY(1, 0) - y0;
    double xv = crop.pictureX(0, 1) - x0;
    double yv = crop.pictureY(0, 1) - y0;
    float[] rgb = new float[3];
    for (int b = 0; b < SIDE; b++) {
      double v = 2 * b + 0.5;
      for (int a = 0; a < SIDE; a++) {
        double u = 2 * a + 0.5;
        bilinear(px, w, h, x0 + u * xu + v * xv, y0 + u * yu + v * yv, rgb);
        int o = b * SIDE + a;
        out[o] = rgb[0] / 255f;
        out[plane + o] = rgb[1] / 255f;
        out[2 * plane + o] = rgb[2] / 255f;
      }
    }
    return out;
  }

  /** Bilinear read at (x, y), pixel centres on integers; black outside. */
  private static void bilinear(byte[] px, int w, int h, double x, double y, float[] rgb) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    float fx = (float) (x - x0);
    float fy = (float) (y - y0);
    rgb[0] = 0;
    rgb[1] = 0;
    rgb[2] = 0;
    if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
      int p = (y0 * w + x0) * 3;
      int q = p + w * 3;
      for (int c = 0; c < 3; c++) {
        float top = (px[p + c] & 0xff) + fx * ((px[p + 3 + c] & 0xff) - (px[p + c] & 0xff));
        float bottom = (px[q + c] & 0xff) + fx * ((px[q + 3 + c] & 0xff) - (px[q + c] & 0xff));
        rgb[c] = top + fy * (bottom - top);
      }
      return;
    }
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
          rgb[c] += weight * (px[p + c] & 0xff);
        }
      }
    }
  }
}
