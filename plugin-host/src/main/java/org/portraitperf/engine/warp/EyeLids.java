package org.portraitperf.engine.warp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;

/**
 * Draws the lid over an eye that the warp has nearly closed. Squeezing the eye's opening towards
 * the lid line leaves a thin dark band of iris and lashes, which reads as a squint rather than a
 * blink; a closed eye shows lid skin, and one dark line where the lids meet: the upper lashes
 * lying on the lower lid. So as the target lid gap falls below half the portrait's, the inside of
 * the eye is blended towards the colour of the portrait's own upper lid, and a lash line in the
 * portrait's own darkest eye colour is drawn along the lids' meeting. Immutable.
 */
final class EyeLids {
  private static final int[][] EYES = {{36, 37, 38, 39, 40, 41}, {42, 43, 44, 45, 46, 47}};
  /** Lid gap, relative to the portrait's, at which the lid starts to show and at which it covers the eye. */
  private static final double LID_STARTS = 0.5;
  private static final double LID_COVERS = 0.15;
  /** A lid over an eye is in the eye socket's shade: a little darker than the skin above it. */
  private static final double LID_SHADE = 0.88;
  /** The closed eye's lash line: its half-width per eye width, and how dark it is at most (of the lashes' own colour). */
  private static final double LASH_HALF_WIDTH = 0.035;
  private static final double LASH_STRENGTH = 0.85;
  /** The share of the eye's darkest pixels whose mean colour is taken for the lashes. */
  private static final double LASH_SHARE = 0.1;

  private final double[] portraitOpenness = new double[2];
  /** Per eye, the mean colour of the skin just above the upper lid. */
  private final double[][] lidColour = new double[2][];
  /** Per eye, the colour of its lashes and lid line: the mean of the darkest pixels inside it. */
  private final double[][] lashColour = new double[2][];

  EyeLids(RgbImage portrait, Landmarks landmarks, HeadShape shape) {
    double[] x = MouthInterior.toDoubles(landmarks.xs());
    double[] y = MouthInterior.toDoubles(landmarks.ys());
    for (int e = 0; e < 2; e++) {
      int first = EYES[e][0];
      portraitOpenness[e] = shape.eyeOpenness(first);
      // The band between the upper lid and a copy of it raised by the eye's height.
      double[][] eye = Polygons.pick(x, y, EYES[e]);
      double[] b = Polygons.bounds(eye[0], eye[1]);
      double lift = Math.max(2, b[3] - b[1]);
      int[] upper = {first, first + 1, first + 2, first + 3};
      double[] bx = new double[8];
      double[] by = new double[8];
      for (int i = 0; i < 4; i++) {
        bx[i] = x[upper[i]];
        by[i] = y[upper[i]];
        bx[7 - i] = x[upper[i]];
        by[7 - i] = y[upper[i]] - lift;
      }
      lidColour[e] = Pixels.meanColour(portrait, new double[][] {bx, by}, new double[][] {new double[0], new double[0]});
      lashColour[e] = darkest(portrait, eye);
    }
  }

  /** Mean colour of the darkest {@link #LASH_SHARE} of the pixels inside a polygon; null if it holds none. */
  private static double[] darkest(RgbImage image, double[][] polygon) {
    double[] b = Polygons.bounds(polygon[0], polygon[1]);
    List<int[]> pixels = new ArrayList<>();
    byte[] p = image.pixels();
    for (int y = Math.max(0, (int) Math.floor(b[1])); y <= Math.min(image.height() - 1, (int) Math.ceil(b[3])); y++) {
      for (int x = Math.max(0, (int) Math.floor(b[0])); x <= Math.min(image.width() - 1, (int) Math.ceil(b[2])); x++) {
        if (Polygons.inside(x, y, polygon[0], polygon[1])) {
          int i = (y * image.width() + x) * 3;
          pixels.add(new int[] {p[i] & 0xff, p[i + 1] & 0xff, p[i + 2] & 0xff});
        }
      }
    }
    if (pixels.isEmpty()) {
      return null;
    }
    pixels.sort(Comparator.comparingInt(c -> 299 * c[0] + 587 * c[1] + 114 * c[2]));
    int n = Math.max(1, (int) Math.ceil(LASH_SHARE * pixels.size()));
    double[] mean = new double[3];
    for (int k = 0; k < n; k++) {
      for (int c = 0; c < 3; c++) {
        mean[c] += pixels.get(k)[c] / (double) n;
      }
    }
    return mean;
  }

  /** Paints lids into the RGBA output over eyes whose target gap is small; seam in pixels. */
  void paint(byte[] rgba, int width, int height, MotionTransfer.Targets targets, double seam) {
    for (int e = 0; e < 2; e++) {
      double gap = targets.shape().eyeOpenness(EYES[e][0]) / Math.max(1e-6, portraitOpenness[e]);
      double amount = Polygons.smoothstep(LID_STARTS, LID_COVERS, gap);
      if (amount > 0 && lidColour[e] != null) {
        double[][] eye = Polygons.pick(targets.x(), targets.y(), EYES[e]);
        paintEye(rgba, width, height, eye, lidColour[e], amount, seam);
        if (lashColour[e] != null) {
          paintLashes(rgba, width, height, eye, lashColour[e], amount);
        }
      }
    }
  }

  private static void paintEye(byte[] rgba, int width, int height, double[][] eye, double[] colour, double amount,
      double seam) {
    double[] b = Polygons.bounds(eye[0], eye[1]);
    int x0 = Math.max(0, (int) Math.floor(b[0] - seam));
    int y0 = Math.max(0, (int) Math.floor(b[1] - seam));
    int x1 = Math.min(width - 1, (int) Math.ceil(b[2] + seam));
    int y1 = Math.min(height - 1, (int) Math.ceil(b[3] + seam));
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        // Centred on the lid line: half the seam outside, half inside.
        double inside = Polygons.signedDistance(x, y, eye[0], eye[1]);
        double alpha = amount * Polygons.smoothstep(-seam / 2, seam / 2, inside);
        if (alpha <= 0) {
          continue;
        }
        int p = (y * width + x) * 4;
        for (int k = 0; k < 3; k++) {
          double old = rgba[p + k] & 0xff;
          rgba[p + k] = (byte) MouthInterior.clampByte(old + alpha * (LID_SHADE * colour[k] - old));
        }
      }
    }
  }

  /**
   * The lash line of a closing eye: along the middle of its opening (where the lids meet), from
   * corner to corner, thickest in the middle and fading to nothing at the corners.
   */
  private static void paintLashes(byte[] rgba, int width, int height, double[][] eye, double[] colour, double amount) {
    // Corners, then the middles between each upper-lid point and the lower-lid point below it.
    double[] lx = {eye[0][0], (eye[0][1] + eye[0][5]) / 2, (eye[0][2] + eye[0][4]) / 2, eye[0][3]};
    double[] ly = {eye[1][0], (eye[1][1] + eye[1][5]) / 2, (eye[1][2] + eye[1][4]) / 2, eye[1][3]};
    double eyeWidth = Math.hypot(lx[3] - lx[0], ly[3] - ly[0]);
    double half = Math.max(0.75, LASH_HALF_WIDTH * eyeWidth);
    double[] b = Polygons.bounds(lx, ly);
    int x0 = Math.max(0, (int) Math.floor(b[0] - 2 * half));
    int y0 = Math.max(0, (int) Math.floor(b[1] - 2 * half));
    int x1 = Math.min(width - 1, (int) Math.ceil(b[2] + 2 * half));
    int y1 = Math.min(height - 1, (int) Math.ceil(b[3] + 2 * half));
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        // Nearest point of the polyline, and how far along the eye it lies (0 at one corner, 1 at the other).
        double best = Double.MAX_VALUE;
        double along = 0;
        double travelled = 0;
        for (int k = 0; k < 3; k++) {
          double sx = lx[k + 1] - lx[k];
          double sy = ly[k + 1] - ly[k];
          double length = Math.max(1e-9, Math.hypot(sx, sy));
          double t = Math.max(0, Math.min(1, ((x - lx[k]) * sx + (y - ly[k]) * sy) / (length * length)));
          double d = Math.hypot(x - lx[k] - t * sx, y - ly[k] - t * sy);
          if (d < best) {
            best = d;
            along = travelled + t * length;
          }
          travelled += length;
        }
        double taper = Math.sqrt(Math.max(0, Math.sin(Math.PI * along / travelled)));
        double alpha = LASH_STRENGTH * amount * taper * Polygons.smoothstep(half + 1, half * 0.5, best);
        if (alpha <= 0) {
          continue;
        }
        int p = (y * width + x) * 4;
        for (int k = 0; k < 3; k++) {
          double old = rgba[p + k] & 0xff;
          rgba[p + k] = (byte) MouthInterior.clampByte(old + alpha * (colour[k] - old));
        }
      }
    }
  }
}
