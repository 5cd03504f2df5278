package org.portraitperf.engine.neural;

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
 * <p>Everything that depends only on the portrait is prepared once: for each portrait pixel under
 * the mask, its index, crop position and mask weight. A frame then costs one bilinear read per
 * masked pixel plus a copy of the portrait.
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

  private final RgbImage portrait;
  /** The portrait as opaque RGBA: the frame before the face goes in. */
  private final byte[] template;
  private final int[] index;
  /** Top-left of the 2x2 output pixels each masked pixel reads, as an index into one 512x512 plane. */
  private final int[] base;
  private final float[] fracU;
  private final float[] fracV;
  private final float[] weight;
  /** Positions (into the arrays above) of soft-edge pixels sampled for colour matching. */
  private final int[] edge;

  private PasteBack(RgbImage portrait, byte[] template, int[] index, float[] u, float[] v, float[] weight, int[] edge) {
    this.portrait = portrait;
    this.template = template;
    this.index = index;
    this.base = new int[index.length];
    this.fracU = new float[index.length];
    this.fracV = new float[index.length];
    for (int i = 0; i < index.length; i++) {
      // Clamped so that the 2x2 read stays inside the output.
      float x = Math.max(0, Math.min(FaceCrop.SIDE - 1.001f, u[i]));
      float y = Math.max(0, Math.min(FaceCrop.SIDE - 1.001f, v[i]));
      base[i] = (int) y * FaceCrop.SIDE + (int) x;
      fracU[i] = x - (int) x;
      fracV[i] = y - (int) y;
    }
    this.weight = weight;
    this.edge = edge;
  }

  /**
   * @param crop the portrait's face crop
   * @param landmarks the portrait's landmarks
   * @param feather soft edge width as a fraction of the face size, 0 to 1
   */
  static PasteBack prepare(RgbImage portrait, FaceCrop crop, Landmarks landmarks, double feather) {
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
    int capacity = Math.max(0, (x1 - x0 + 1)) * Math.max(0, (y1 - y0 + 1));
    int[] index = new int[capacity];
    float[] us = new float[capacity];
    float[] vs = new float[capacity];
    float[] ws = new float[capacity];
    int n = 0;
    int edges = 0;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double cu = crop.cropU(x, y);
        double cv = crop.cropV(x, y);
        float m = mask.at(cu, cv);
        if (m > 0) {
          index[n] = y * w + x;
          us[n] = (float) cu;
          vs[n] = (float) cv;
          ws[n] = m;
          if (m < 0.95f) {
            edges++;
          }
          n++;
        }
      }
    }
    int[] edge = new int[Math.min(edges, EDGE_SAMPLES)];
    int stride = Math.max(1, edges / Math.max(1, edge.length));
    for (int i = 0, seen = 0, kept = 0; i < n && kept < edge.length; i++) {
      if (ws[i] < 0.95f && seen++ % stride == 0) {
        edge[kept++] = i;
      }
    }
    byte[] template = new byte[w * h * 4];
    byte[] px = portrait.pixels();
    for (int p = 0, q = 0; p < px.length; p += 3, q += 4) {
      template[q] = px[p];
      template[q + 1] = px[p + 1];
      template[q + 2] = px[p + 2];
      template[q + 3] = (byte) 255;
    }
    return new PasteBack(portrait, template, java.util.Arrays.copyOf(index, n), java.util.Arrays.copyOf(us, n),
        java.util.Arrays.copyOf(vs, n), java.util.Arrays.copyOf(ws, n), edge);
  }

  /** Portrait pixels the mask touches. */
  int pixels() {
    return index.length;
  }

  /**
   * The portrait with the generated face pasted in.
   *
   * @param generated the generator's output, planar RGB 3x512x512 in [0, 1]
   * @param opaque true for alpha 255 everywhere (a finished frame); false for alpha = the mask, 0
   *     outside the face (a face layer)
   */
  RgbaImage compose(float[] generated, boolean colourMatch, boolean opaque) {
    float[] offset = colourMatch ? colourOffset(generated) : new float[3];
    byte[] out = template.clone();
    if (!opaque) {
      for (int q = 3; q < out.length; q += 4) {
        out[q] = 0;
      }
    }
    int plane = FaceCrop.SIDE * FaceCrop.SIDE;
    int row = FaceCrop.SIDE;
    for (int i = 0; i < index.length; i++) {
      int b = base[i];
      float fx = fracU[i];
      float fy = fracV[i];
      float m = weight[i];
      // The output already holds the portrait's colour here: reading it back from the pixel being
      // written keeps one memory stream instead of two.
      int q = index[i] * 4;
      for (int c = 0, a = b; c < 3; c++, a += plane) {
        float top = generated[a] + fx * (generated[a + 1] - generated[a]);
        float bottom = generated[a + row] + fx * (generated[a + row + 1] - generated[a + row]);
        float original = out[q + c] & 0xff;
        float value = original + m * ((top + fy * (bottom - top)) * 255 + offset[c] - original) + 0.5f;
        out[q + c] = (byte) (value <= 0 ? 0 : value >= 255 ? 255 : (int) value);
      }
      if (!opaque) {
        out[q + 3] = (byte) (m * 255 + 0.5f);
      }
    }
    return new RgbaImage(portrait.width(), portrait.height(), out);
  }

  /** Per channel, the mean of portrait minus generated over the sampled soft-edge pixels, 0..255 units. */
  float[] colourOffset(float[] generated) {
    float[] offset = new float[3];
    if (edge.length == 0) {
      return offset;
    }
    byte[] px = portrait.pixels();
    float[] rgb = new float[3];
    for (int i : edge) {
      sample(generated, i, rgb);
      int p = index[i] * 3;
      for (int c = 0; c < 3; c++) {
        offset[c] += (px[p + c] & 0xff) - rgb[c] * 255;
      }
    }
    for (int c = 0; c < 3; c++) {
      offset[c] /= edge.length;
    }
    return offset;
  }

  /** Bilinear read of the planar 512x512 output where masked pixel {@code i} lies. */
  private void sample(float[] planes, int i, float[] rgb) {
    int side = FaceCrop.SIDE;
    for (int c = 0, a = base[i]; c < 3; c++, a += side * side) {
      float top = planes[a] + fracU[i] * (planes[a + 1] - planes[a]);
      float bottom = planes[a + side] + fracU[i] * (planes[a + side + 1] - planes[a + side]);
      rgb[c] = top + fracV[i] * (bottom - top);
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
