package org.portraitperf.engine.neural;

import java.util.Arrays;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;

/**
 * Puts the generator's 512x512 crop back into the portrait (contract §1.10), through a mask that
 * follows the face rather than the square crop: an ellipse around the face's landmarks, grown to
 * take in the forehead, with a soft edge {@code feather} face-sizes wide, and kept 16 crop pixels
 * inside the crop's border. LivePortrait's own mask is the whole square with a 16 px ramp, whose
 * straight edges show as a box wherever the background or hair moves.
 *
 * <p>Everything that depends only on the portrait is prepared once, so that a frame costs a copy
 * of the portrait plus one bilinear read per masked pixel, and little else: the masked pixels as
 * runs along rows (no per-pixel index), for each its four bilinear weights, already scaled to
 * 0..255 levels (four multiplies per channel instead of three interpolations and a scale), and the
 * mask weight only where the mask is soft; where it is 1, the face's interior, the generated
 * colour is written without a blend.
 *
 * <p>Colour matching: the generator drifts in colour, which shows as a seam; each channel of the
 * generated face is shifted by the mean difference between the portrait and the generated crop
 * over the mask's soft edge, where they should agree and where the seam would be.
 */
final class PasteBack {
  /** The ellipse: semi-axes over the landmarks' box, and its centre raised for the forehead. */
  static final double WIDTH_REACH = 0.65;
  static final double HEIGHT_REACH = 0.7;
  static final double FOREHEAD_RAISE = 0.1;
  /** Crop pixels the mask keeps clear of the crop's border, as LivePortrait's template does. */
  static final double BORDER = 16;
  /** At most this many soft-edge pixels are read to match colours. */
  private static final int EDGE_SAMPLES = 4096;
  /** Mask weights below this count as the soft edge where colours are matched. */
  private static final float EDGE_BELOW = 0.95f;
  private static final int PLANE = FaceCrop.SIDE * FaceCrop.SIDE;

  private final int width;
  private final int height;
  private final boolean opaque;
  /** The frame before the face goes in: the portrait as RGBA, alpha 255 if opaque, else 0. */
  private final byte[] template;
  /**
   * Runs of masked pixels along rows, each either all interior or all soft edge: for run r, the
   * portrait index of its first pixel, its length, and where its mask weights start in
   * {@link #weight}, or -1 for an interior run. Masked pixels are numbered in run order.
   */
  private final int[] runStart;
  private final int[] runLength;
  private final int[] runWeights;
  /** Per masked pixel: the index, in one 512x512 plane, of the top-left of the 2x2 output pixels it reads. */
  private final int[] base;
  /** Per masked pixel: the weights of those 2x2 pixels (top-left, top-right, bottom-left, bottom-right) times 255. */
  private final float[] taps;
  /** Mask weights of the soft-edge runs' pixels, in run order. */
  private final float[] weight;
  /** Soft-edge pixels sampled for colour matching, as masked-pixel numbers. */
  private final int[] edge;
  /** The portrait index of each sampled soft-edge pixel. */
  private final int[] edgeIndex;

  private PasteBack(int width, int height, boolean opaque, byte[] template, Runs runs, int[] edge, int[] edgeIndex) {
    this.width = width;
    this.height = height;
    this.opaque = opaque;
    this.template = template;
    this.runStart = Arrays.copyOf(runs.start, runs.count);
    this.runLength = Arrays.copyOf(runs.length, runs.count);
    this.runWeights = Arrays.copyOf(runs.weights, runs.count);
    this.base = Arrays.copyOf(runs.base, runs.pixels);
    this.taps = Arrays.copyOf(runs.taps, 4 * runs.pixels);
    this.weight = Arrays.copyOf(runs.weight, runs.soft);
    this.edge = edge;
    this.edgeIndex = edgeIndex;
  }

  /**
   * @param crop the portrait's face crop
   * @param landmarks the portrait's landmarks
   * @param feather soft edge width as a fraction of the face size, 0 to 1
   * @param opaque true for frames with alpha 255 everywhere (a finished frame); false for alpha =
   *     the mask, 0 outside the face (a face layer)
   */
  static PasteBack prepare(RgbImage portrait, FaceCrop crop, Landmarks landmarks, double feather, boolean opaque) {
    Mask mask = Mask.of(crop, landmarks, feather);
    int w = portrait.width();
    int h = portrait.height();
    // The crop's bounding box in the portrait.
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int corner = 0; corner < 4; corner++) {
      double cu = (corner & 1) * FaceCrop.SIDE;
      double cv = (corner >> 1) * FaceCrop.SIDE;
      minX = Math.min(minX, crop.pictureX(cu, cv));
      maxX = Math.max(maxX, crop.pictureX(cu, cv));
      minY = Math.min(minY, crop.pictureY(cu, cv));
      maxY = Math.max(maxY, crop.pictureY(cu, cv));
    }
    int x0 = Math.max(0, (int) Math.floor(minX));
    int x1 = Math.min(w - 1, (int) Math.ceil(maxX));
    int y0 = Math.max(0, (int) Math.floor(minY));
    int y1 = Math.min(h - 1, (int) Math.ceil(maxY));
    Runs runs = new Runs();
    int edges = 0;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double cu = crop.cropU(x, y);
        double cv = crop.cropV(x, y);
        float m = mask.at(cu, cv);
        runs.add(y * w + x, cu, cv, m);
        edges += m > 0 && m < EDGE_BELOW ? 1 : 0;
      }
      runs.endRow();
    }
    // Soft-edge pixels, evenly thinned.
    int[] edge = new int[Math.min(edges, EDGE_SAMPLES)];
    int[] edgeIndex = new int[edge.length];
    int stride = Math.max(1, edges / Math.max(1, edge.length));
    for (int r = 0, p = 0, seen = 0, kept = 0; r < runs.count && kept < edge.length; r++) {
      for (int i = 0; i < runs.length[r] && kept < edge.length; i++, p++) {
        if (runs.weights[r] >= 0 && runs.weight[runs.weights[r] + i] < EDGE_BELOW && seen++ % stride == 0) {
          edge[kept] = p;
          edgeIndex[kept++] = runs.start[r] + i;
        }
      }
    }
    byte[] template = new byte[w * h * 4];
    byte[] px = portrait.pixels();
    byte alpha = (byte) (opaque ? 255 : 0);
    for (int p = 0, q = 0; p < px.length; p += 3, q += 4) {
      template[q] = px[p];
      template[q + 1] = px[p + 1];
      template[q + 2] = px[p + 2];
      template[q + 3] = alpha;
    }
    return new PasteBack(w, h, opaque, template, runs, edge, edgeIndex);
  }

  /** Portrait pixels the mask touches. */
  int pixels() {
    return base.length;
  }

  /**
   * The portrait with the generated face pasted in.
   *
   * @param generated the generator's output, planar RGB 3x512x512 in [0, 1]
   */
  RgbaImage compose(float[] generated, boolean colourMatch) {
    float[] offset = colourMatch ? colourOffset(generated) : new float[3];
    byte[] out = template.clone();
    // Interior pixels add the rounding half here, once.
    float red = offset[0] + 0.5f;
    float green = offset[1] + 0.5f;
    float blue = offset[2] + 0.5f;
    for (int r = 0, first = 0; r < runStart.length; r++) {
      // Everything below is indexed by i, the position along the run, so that the JIT proves the
      // table and frame accesses in bounds once per run instead of once per pixel.
      int q0 = runStart[r] * 4;
      int n = runLength[r];
      int soft = runWeights[r];
      if (soft < 0) {
        for (int i = 0; i < n; i++) {
          int q = q0 + 4 * i;
          int a = base[first + i];
          int t = 4 * (first + i);
          out[q] = level(read(generated, a, taps, t) + red);
          out[q + 1] = level(read(generated, a + PLANE, taps, t) + green);
          out[q + 2] = level(read(generated, a + 2 * PLANE, taps, t) + blue);
          if (!opaque) {
            out[q + 3] = (byte) 255;
          }
        }
      } else {
        for (int i = 0; i < n; i++) {
          int q = q0 + 4 * i;
          int a = base[first + i];
          int t = 4 * (first + i);
          float m = weight[soft + i];
          // The frame already holds the portrait's colour here: reading it back from the pixel
          // being written keeps one memory stream instead of two.
          out[q] = blend(out[q], read(generated, a, taps, t) + offset[0], m);
          out[q + 1] = blend(out[q + 1], read(generated, a + PLANE, taps, t) + offset[1], m);
          out[q + 2] = blend(out[q + 2], read(generated, a + 2 * PLANE, taps, t) + offset[2], m);
          if (!opaque) {
            out[q + 3] = (byte) (m * 255 + 0.5f);
          }
        }
      }
      first += n;
    }
    return new RgbaImage(width, height, out);
  }

  /** One channel of the generated crop at a masked pixel, in 0..255 levels: {@code a} indexes that channel's plane. */
  private static float read(float[] planes, int a, float[] taps, int t) {
    return taps[t] * planes[a] + taps[t + 1] * planes[a + 1] + taps[t + 2] * planes[a + FaceCrop.SIDE]
        + taps[t + 3] * planes[a + FaceCrop.SIDE + 1];
  }

  /** The portrait's level moved toward {@code value} by the mask weight, rounded. */
  private static byte blend(byte portrait, float value, float m) {
    float original = portrait & 0xff;
    return level(original + m * (value - original) + 0.5f);
  }

  /** A level with its rounding half already added, truncated and clamped to 0..255. */
  private static byte level(float value) {
    return (byte) Math.min(255, Math.max(0, (int) value));
  }

  /** Per channel, the mean of portrait minus generated over the sampled soft-edge pixels, 0..255 units. */
  float[] colourOffset(float[] generated) {
    float[] offset = new float[3];
    if (edge.length == 0) {
      return offset;
    }
    for (int i = 0; i < edge.length; i++) {
      int q = edgeIndex[i] * 4;
      for (int c = 0; c < 3; c++) {
        offset[c] += (template[q + c] & 0xff) - read(generated, base[edge[i]] + c * PLANE, taps, 4 * edge[i]);
      }
    }
    for (int c = 0; c < 3; c++) {
      offset[c] /= edge.length;
    }
    return offset;
  }

  /** Masked pixels gathered into runs, row by row, as prepare scans the crop's box; the arrays grow as needed. */
  private static final class Runs {
    int[] start = new int[1024];
    int[] length = new int[1024];
    int[] weights = new int[1024];
    int[] base = new int[1 << 16];
    float[] taps = new float[4 << 16];
    float[] weight = new float[1 << 16];
    int count;
    int pixels;
    int soft;
    /** Whether the last pixel added extends a run of this row, and whether that run is interior. */
    private boolean open;
    private boolean openInterior;

    void add(int index, double cu, double cv, float m) {
      if (m <= 0) {
        open = false;
        return;
      }
      boolean interior = m >= 1;
      if (!open || openInterior != interior) {
        if (count == start.length) {
          start = Arrays.copyOf(start, 2 * count);
          length = Arrays.copyOf(length, 2 * count);
          weights = Arrays.copyOf(weights, 2 * count);
        }
        start[count] = index;
        weights[count] = interior ? -1 : soft;
        count++;
        open = true;
        openInterior = interior;
      }
      length[count - 1]++;
      if (pixels == base.length) {
        base = Arrays.copyOf(base, 2 * pixels);
        taps = Arrays.copyOf(taps, 8 * pixels);
        weight = Arrays.copyOf(weight, 2 * pixels);
      }
      if (!interior) {
        weight[soft++] = m;
      }
      // Clamped so that the 2x2 read stays inside the output.
      float x = Math.max(0, Math.min(FaceCrop.SIDE - 1.001f, (float) cu));
      float y = Math.max(0, Math.min(FaceCrop.SIDE - 1.001f, (float) cv));
      float fx = x - (int) x;
      float fy = y - (int) y;
      base[pixels] = (int) y * FaceCrop.SIDE + (int) x;
      taps[4 * pixels] = 255 * (1 - fx) * (1 - fy);
      taps[4 * pixels + 1] = 255 * fx * (1 - fy);
      taps[4 * pixels + 2] = 255 * (1 - fx) * fy;
      taps[4 * pixels + 3] = 255 * fx * fy;
      pixels++;
    }

    void endRow() {
      open = false;
    }
  }

  /** The mask in crop coordinates. */
  private record Mask(double centreU, double centreV, double radiusU, double radiusV, double featherPixels) {

    static Mask of(FaceCrop crop, Landmarks landmarks, double feather) {
      double minU = Double.MAX_VALUE;
      double maxU = -Double.MAX_VALUE;
      double minV = Double.MAX_VALUE;
      double maxV = -Double.MAX_VALUE;
      for (int i = 0; i < Landmarks.COUNT; i++) {
        double cu = crop.cropU(landmarks.x(i), landmarks.y(i));
        double cv = crop.cropV(landmarks.x(i), landmarks.y(i));
        minU = Math.min(minU, cu);
        maxU = Math.max(maxU, cu);
        minV = Math.min(minV, cv);
        maxV = Math.max(maxV, cv);
      }
      double width = maxU - minU;
      double height = maxV - minV;
      return new Mask((minU + maxU) / 2, (minV + maxV) / 2 - FOREHEAD_RAISE * height,
          WIDTH_REACH * width, HEIGHT_REACH * height, Math.max(1, feather * Math.max(width, height)));
    }

    /** Mask weight at a crop position: 1 inside, a smooth fall to 0 over the feather, 0 outside. */
    float at(double cu, double cv) {
      double border = Math.min(Math.min(cu, cv), Math.min(FaceCrop.SIDE - 1 - cu, FaceCrop.SIDE - 1 - cv));
      if (border <= 0) {
        return 0;
      }
      double du = (cu - centreU) / radiusU;
      double dv = (cv - centreV) / radiusV;
      double r = Math.sqrt(du * du + dv * dv);
      // Distance inside the ellipse, in crop pixels, measured along the shorter axis's scale.
      double inside = (1 - r) * Math.min(radiusU, radiusV);
      double m = smooth(inside / featherPixels) * smooth(border / BORDER);
      return (float) m;
    }

    private static double smooth(double t) {
      double x = Math.max(0, Math.min(1, t));
      return x * x * (3 - 2 * x);
    }
  }
}
