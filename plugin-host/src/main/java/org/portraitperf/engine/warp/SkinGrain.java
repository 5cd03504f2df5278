package org.portraitperf.engine.warp;

import java.util.Arrays;
import org.portraitperf.media.RgbPixels;

/**
 * The fine texture of a portrait's skin (pores, film grain, a painting's cracks), read from a
 * square patch of it as brightness above or below the patch's local mean. Skin that is drawn rather
 * than warped (a shut lid) is flat colour; laid over a grainy picture it reads as a patch stuck
 * on, so the grain is added back. Edges that cross the patch (a hair, a glasses frame) are clipped
 * to the grain's own spread, so they come back as no more than grain. Immutable.
 */
final class SkinGrain {
  /** Half-width of the box whose mean is taken away: texture finer than this is kept. */
  private static final int BOX_RADIUS = 2;
  /** Residuals beyond this many median absolute residuals are edges, not grain, and are clipped. */
  private static final double CLIP_SPREADS = 2.5;
  private static final int MIN_SIDE = 8;
  /**
   * Grain whose mean size is under this many levels does not show on a lid (a smooth or retouched
   * photograph: lp_s42's is 0.4) and is left out: it would only stir the landmark model, which
   * reads pixel differences, into placing a shut eye's lids a little apart.
   */
  private static final double MIN_VISIBLE = 2;

  /** No texture: what a patch off the picture gives. */
  static final SkinGrain NONE = new SkinGrain(new float[1], 1);

  private final float[] values;
  private final int side;

  private SkinGrain(float[] values, int side) {
    this.values = values;
    this.side = side;
  }

  /**
   * The grain of the square patch of {@code side} pixels centred at (cx, cy), moved into the
   * picture where it overhangs an edge; {@link #NONE} when the picture is smaller than the patch.
   */
  static SkinGrain read(RgbPixels image, double cx, double cy, int side) {
    side = Math.max(MIN_SIDE, side);
    int outer = side + 2 * BOX_RADIUS;
    if (image.width() < outer || image.height() < outer) {
      return NONE;
    }
    int x0 = clamp((int) Math.round(cx - side / 2.0) - BOX_RADIUS, 0, image.width() - outer);
    int y0 = clamp((int) Math.round(cy - side / 2.0) - BOX_RADIUS, 0, image.height() - outer);
    float[] brightness = new float[outer * outer];
    for (int y = 0; y < outer; y++) {
      for (int x = 0; x < outer; x++) {
        int i = ((y0 + y) * image.width() + x0 + x) * 3;
        brightness[y * outer + x] = (float) Pixels.brightness(image.at(i), image.at(i + 1), image.at(i + 2));
      }
    }
    float[] values = new float[side * side];
    int box = (2 * BOX_RADIUS + 1) * (2 * BOX_RADIUS + 1);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        float sum = 0;
        for (int dy = 0; dy <= 2 * BOX_RADIUS; dy++) {
          for (int dx = 0; dx <= 2 * BOX_RADIUS; dx++) {
            sum += brightness[(y + dy) * outer + x + dx];
          }
        }
        values[y * side + x] = brightness[(y + BOX_RADIUS) * outer + x + BOX_RADIUS] - sum / box;
      }
    }
    float[] magnitudes = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      magnitudes[i] = Math.abs(values[i]);
    }
    Arrays.sort(magnitudes);
    float limit = (float) (CLIP_SPREADS * magnitudes[magnitudes.length / 2]);
    double size = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.max(-limit, Math.min(limit, values[i]));
      size += Math.abs(values[i]) / values.length;
    }
    return size < MIN_VISIBLE ? NONE : new SkinGrain(values, side);
  }

  /**
   * The grain at offset (dx, dy) from wherever the drawn skin is anchored: the patch is laid
   * mirrored edge to edge, so the texture has no seams, and moves with its anchor.
   */
  float at(double dx, double dy) {
    return values[mirror(dy) * side + mirror(dx)];
  }

  /** An offset folded back and forth across the patch: 0, 1, ..., side - 1, side - 1, ..., 0, 0, 1, ... */
  private int mirror(double offset) {
    int period = 2 * side;
    int m = Math.floorMod((int) Math.round(offset), period);
    return m < side ? m : period - 1 - m;
  }

  private static int clamp(int value, int low, int high) {
    return Math.max(low, Math.min(high, value));
  }
}
