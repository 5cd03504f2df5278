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
  /** The portrait as RGBA with alpha 0: the frame before the face goes in. */
  private final byte[] template;
  private final int[] index;
  private final float[] u;
  private final float[] v;
  private final float[] weight;
  /** Positions (into the arrays above) of soft-edge pixels sampled for colour matching. */
  private final int[] edge;

  private PasteBack(RgbImage portrait, byte[] template, int[] index, float[] u, float[] v, float[] weight, int[] edge) {
    this.portrait = portrait;
    this.template = template;
    this.index = index;
    this.u = u;
    this.v = v;
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
    }
    return new PasteBack(portrait, template, java.util.Arrays.copyOf(index, n), java.util.Arrays.copyOf(us, n),
        java.util.Arrays.copyOf(vs, n), java.util.Arrays.copyOf(ws, n), edge);
  }

  /** Portrait pixels the mask touches. */
  int pixels() {
    return index.length;
  }

  /**
   * The portrait with the generated face pasted in; alpha is the mask (0 outside the face).
   *
   * @param generated the generator's output, planar RGB 3x512x512 in [0, 1]
   */
  RgbaImage compose(float[] generated, boolean colourMatch) {
    float[] offset = colourMatch ? colourOffset(generated) : new float[3];
    byte[] out = template.clone();
    byte[] px = portrait.pixels();
    float[] rgb = new float[3];
    for (int i = 0; i < index.length; i++) {
      sample(generated, u[i], v[i], rgb);
      int p = index[i] * 3;
      int q = index[i] * 4;
      float m = weight[i];
      for (int c = 0; c < 3; c++) {
        float original = px[p + c] & 0xff;
        float value = original + m * (rgb[c] * 255 + offset[c] - original);
        out[q + c] = (byte) Math.max(0, Math.min(255, Math.round(value)));
      }
      out[q + 3] = (byte) Math.round(m * 255);
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
      sample(generated, u[i], v[i], rgb);
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

  /** Bilinear read of the planar 512x512 output at crop position (cu, cv), clamped to its edge. */
  private static void sample(float[] planes, float cu, float cv, float[] rgb) {
    int side = FaceCrop.SIDE;
    float x = Math.max(0, Math.min(side - 1.001f, cu));
    float y = Math.max(0, Math.min(side - 1.001f, cv));
    int x0 = (int) x;
    int y0 = (int) y;
    float fx = x - x0;
    float fy = y - y0;
    int o = y0 * side + x0;
    for (int c = 0, plane = 0; c < 3; c++, plane += side * side) {
      int a = plane + o;
      float top = planes[a] + fx * (planes[a + 1] - planes[a]);
      float bottom = planes[a + side] + fx * (planes[a + side + 1] - planes[a + side]);
      rgb[c] = top + fy * (bottom - top);
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
