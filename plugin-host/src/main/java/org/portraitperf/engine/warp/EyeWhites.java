package org.portraitperf.engine.warp;

import java.util.ArrayDeque;
import org.portraitperf.media.RgbPixels;

/**
 * The white of a portrait's eye where it lies outside the outline the landmark model gave the eye.
 * On photographs the model's outline is the eye's; on drawn and stylised faces, whose eyes are
 * larger than any it learned from, it outlines the iris alone and leaves the white on either side
 * outside. A lid drawn over that outline shuts the iris and leaves the white open at the corners.
 *
 * <p>Found once per portrait, and only for an outline round the iris alone (nearly all dark
 * inside): starting just beyond each landmark corner, along the line through the corners, and
 * grown over the neighbouring pixels that are white too: clearly less saturated than the cheek's
 * skin, and not dark. Where the two are alike (a black-and-white picture, pale skin) nothing
 * counts as white and there is no white to cover. Kept as a soft mask in the portrait's pixels,
 * which a frame reads through its warp. Immutable.
 */
final class EyeWhites {
  /** The white must be at least this much less saturated ((max - min) / max) than the skin. */
  private static final double PALER_THAN_SKIN = 0.12;
  /** Nor darker than this share of the skin's brightness: shade, lashes, pupils and grey make-up are not white. */
  private static final double MIN_BRIGHTNESS = 0.6;
  /**
   * How far beyond a corner (per eye width) the white may start: the model's corner may sit on the
   * iris's dark rim, a few pixels short of the white.
   */
  private static final double START = 0.15;
  /** Rows read across the corner line for a start, per eye width either side: the white may sit a little off it. */
  private static final double ACROSS = 0.06;
  /** The white is looked for within this far (per eye width) beyond either corner, and this far either side of their line. */
  private static final double MAX_BEYOND = 1.2;
  private static final double MAX_ACROSS = 0.6;
  /**
   * An outline round the iris alone is nearly all dark (under {@link #DARK} of the skin's
   * brightness), iris and pupil, with little white in it (a highlight, a sliver of the white).
   * One that outlines the whole eye, as on photographs (about 0.3 to 0.7 dark), or holds much
   * white is left alone: what looks white beyond its corners is then something else, a glasses'
   * rim or a reflection.
   */
  private static final double MIN_DARK_INSIDE = 0.75;
  private static final double MAX_WHITE_INSIDE = 0.3;
  private static final double DARK = 0.5;
  /** Fewer white pixels than this share of the eye width squared are the corner's anti-aliasing, not an uncovered white. */
  private static final double MIN_AREA = 0.01;
  /**
   * More than this (per eye width squared) is not an eye's white but pale skin, a shadow or the
   * background that the search ran into: the eye is then left as the model outlined it.
   */
  private static final double MAX_AREA = 1.5;

  private final int x0;
  private final int y0;
  private final int columns;
  private final int rows;
  /** 0..1 per pixel of the box at (x0, y0): how much of it is the white, softened by a pixel. */
  private final float[] mask;
  /** The eye's landmark corners in the portrait: {x0, y0, x3, y3}. */
  private final double[] corners;
  /** How far the white reaches beyond the first corner and beyond the last, per eye width. */
  private final double[] reach;

  private EyeWhites(int x0, int y0, int columns, int rows, float[] mask, double[] corners, double[] reach) {
    this.x0 = x0;
    this.y0 = y0;
    this.columns = columns;
    this.rows = rows;
    this.mask = mask;
    this.corners = corners;
    this.reach = reach;
  }

  /**
   * The white outside the eye's outline; null where there is none.
   *
   * @param eye the eye's six landmarks, {xs, ys}, corners first and fourth
   * @param skin the cheek's colour, RGB 0..255
   */
  static EyeWhites find(RgbPixels portrait, double[][] eye, double[] skin) {
    double[] corners = {eye[0][0], eye[1][0], eye[0][3], eye[1][3]};
    double width = Math.hypot(corners[2] - corners[0], corners[3] - corners[1]);
    if (width < 4) {
      return null;
    }
    Whiteness white = new Whiteness(portrait, skin);
    double[] inside = white.sharesInside(eye);
    if (inside[0] > MAX_WHITE_INSIDE || inside[1] < MIN_DARK_INSIDE) {
      return null;
    }
    // The box the white may lie in: beyond the corners along their line, and either side of it.
    double ux = (corners[2] - corners[0]) / width;
    double uy = (corners[3] - corners[1]) / width;
    double[] xs = new double[4];
    double[] ys = new double[4];
    for (int k = 0; k < 4; k++) {
      double along = (k < 2 ? -MAX_BEYOND : 1 + MAX_BEYOND) * width;
      double across = (k % 2 == 0 ? -MAX_ACROSS : MAX_ACROSS) * width;
      xs[k] = corners[0] + along * ux - across * uy;
      ys[k] = corners[1] + along * uy + across * ux;
    }
    double[] box = Polygons.bounds(xs, ys);
    int bx0 = Math.max(0, (int) Math.floor(box[0]));
    int by0 = Math.max(0, (int) Math.floor(box[1]));
    int bx1 = Math.min(portrait.width() - 1, (int) Math.ceil(box[2]));
    int by1 = Math.min(portrait.height() - 1, (int) Math.ceil(box[3]));
    if (bx1 < bx0 || by1 < by0) {
      return null;
    }
    int columns = bx1 - bx0 + 1;
    int rows = by1 - by0 + 1;
    boolean[] found = new boolean[columns * rows];
    ArrayDeque<int[]> queue = new ArrayDeque<>();
    seed(white, corners[0], corners[1], -ux, -uy, width, bx0, by0, columns, rows, found, queue);
    seed(white, corners[2], corners[3], ux, uy, width, bx0, by0, columns, rows, found, queue);
    int count = queue.size();
    while (!queue.isEmpty()) {
      int[] p = queue.poll();
      int[][] neighbours = {{p[0] + 1, p[1]}, {p[0] - 1, p[1]}, {p[0], p[1] + 1}, {p[0], p[1] - 1}};
      for (int[] n : neighbours) {
        if (n[0] >= 0 && n[1] >= 0 && n[0] < columns && n[1] < rows && !found[n[1] * columns + n[0]]
            && white.at(bx0 + n[0], by0 + n[1])) {
          found[n[1] * columns + n[0]] = true;
          queue.add(n);
          count++;
        }
      }
    }
    if (count < MIN_AREA * width * width || count > MAX_AREA * width * width) {
      return null;
    }
    double[] reach = new double[2];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        if (found[y * columns + x]) {
          double along = ((bx0 + x - corners[0]) * ux + (by0 + y - corners[1]) * uy) / width;
          reach[0] = Math.max(reach[0], -along);
          reach[1] = Math.max(reach[1], along - 1);
        }
      }
    }
    return new EyeWhites(bx0, by0, columns, rows, soften(found, columns, rows), corners, reach);
  }

  /** Marks the first white pixel within {@link #START} of a corner, outwards along (ux, uy), on three rows across. */
  private static void seed(Whiteness white, double x, double y, double ux, double uy, double width, int bx0, int by0,
      int columns, int rows, boolean[] found, ArrayDeque<int[]> queue) {
    double across = ACROSS * width;
    for (int s = 1; s <= Math.ceil(START * width); s++) {
      for (int row = -1; row <= 1; row++) {
        int px = (int) Math.round(x + s * ux - row * across * uy) - bx0;
        int py = (int) Math.round(y + s * uy + row * across * ux) - by0;
        if (px >= 0 && py >= 0 && px < columns && py < rows && white.at(bx0 + px, by0 + py)) {
          found[py * columns + px] = true;
          queue.add(new int[] {px, py});
          return;
        }
      }
    }
  }

  /** The found pixels grown by one and blurred over three, so that no fringe of white is left at the mask's edge. */
  private static float[] soften(boolean[] found, int columns, int rows) {
    float[] grown = new float[found.length];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        boolean any = false;
        for (int dy = -1; dy <= 1 && !any; dy++) {
          for (int dx = -1; dx <= 1 && !any; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            any = nx >= 0 && ny >= 0 && nx < columns && ny < rows && found[ny * columns + nx];
          }
        }
        grown[y * columns + x] = any ? 1 : 0;
      }
    }
    float[] soft = new float[found.length];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        float sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = Math.max(0, Math.min(columns - 1, x + dx));
            int ny = Math.max(0, Math.min(rows - 1, y + dy));
            sum += grown[ny * columns + nx];
          }
        }
        soft[y * columns + x] = Math.max(grown[y * columns + x], sum / 9);
      }
    }
    return soft;
  }

  /**
   * The outline of an eye (six landmarks, corners first and fourth) with its corners moved out
   * along their line to where this white ends, if it ends beyond them.
   */
  double[][] widen(double[][] eye) {
    double[][] out = {eye[0].clone(), eye[1].clone()};
    double dx = eye[0][3] - eye[0][0];
    double dy = eye[1][3] - eye[1][0];
    out[0][0] -= reach[0] * dx;
    out[1][0] -= reach[0] * dy;
    out[0][3] += reach[1] * dx;
    out[1][3] += reach[1] * dy;
    return out;
  }

  /** The frame's box that can show the white, for a frame whose eye corners are at {@code frameCorners}. */
  double[] frameBounds(double[] frameCorners) {
    double[] xs = new double[4];
    double[] ys = new double[4];
    for (int k = 0; k < 4; k++) {
      double[] p = carry(x0 + (k % 2) * (columns - 1), y0 + (k / 2) * (rows - 1), corners, frameCorners);
      xs[k] = p[0];
      ys[k] = p[1];
    }
    return Polygons.bounds(xs, ys);
  }

  /**
   * The point that lies relative to corners {@code to} ({x0, y0, x3, y3}) as (x, y) lies relative
   * to corners {@code from}: the eye's corners carry what is beside them, moved, turned and scaled
   * with them.
   */
  private static double[] carry(double x, double y, double[] from, double[] to) {
    double ax = from[2] - from[0];
    double ay = from[3] - from[1];
    double bx = to[2] - to[0];
    double by = to[3] - to[1];
    double norm = Math.max(1e-12, ax * ax + ay * ay);
    // The turn and scale as one complex factor, b / a.
    double re = (bx * ax + by * ay) / norm;
    double im = (by * ax - bx * ay) / norm;
    double px = x - from[0];
    double py = y - from[1];
    return new double[] {to[0] + re * px - im * py, to[1] + im * px + re * py};
  }

  /** The mask at a point of the portrait, bilinearly; 0 outside its box. */
  double at(double x, double y) {
    double fx = x - x0;
    double fy = y - y0;
    if (!(fx >= 0 && fy >= 0 && fx <= columns - 1 && fy <= rows - 1)) {
      return 0;
    }
    int ix = Math.min((int) fx, Math.max(0, columns - 2));
    int iy = Math.min((int) fy, Math.max(0, rows - 2));
    double tx = fx - ix;
    double ty = fy - iy;
    int right = Math.min(ix + 1, columns - 1);
    int below = Math.min(iy + 1, rows - 1);
    double top = mask[iy * columns + ix] + tx * (mask[iy * columns + right] - mask[iy * columns + ix]);
    double bottom = mask[below * columns + ix] + tx * (mask[below * columns + right] - mask[below * columns + ix]);
    return top + ty * (bottom - top);
  }

  /** Whether a pixel of the portrait is white beside the cheek's skin. */
  private static final class Whiteness {
    private final RgbPixels image;
    private final double skinSaturation;
    private final double minBrightness;
    private final double skinBrightness;

    Whiteness(RgbPixels image, double[] skin) {
      this.image = image;
      this.skinSaturation = saturation(skin[0], skin[1], skin[2]);
      this.skinBrightness = Pixels.brightness(skin[0], skin[1], skin[2]);
      this.minBrightness = MIN_BRIGHTNESS * skinBrightness;
    }

    /** The shares of the pixels inside a polygon that are white and that are dark (under half the skin's brightness). */
    double[] sharesInside(double[][] polygon) {
      double[] b = Polygons.bounds(polygon[0], polygon[1]);
      int inside = 0;
      int whites = 0;
      int darks = 0;
      for (int y = Math.max(0, (int) Math.floor(b[1])); y <= Math.min(image.height() - 1, (int) Math.ceil(b[3])); y++) {
        for (int x = Math.max(0, (int) Math.floor(b[0])); x <= Math.min(image.width() - 1, (int) Math.ceil(b[2])); x++) {
          if (Polygons.inside(x, y, polygon[0], polygon[1])) {
            inside++;
            whites += at(x, y) ? 1 : 0;
            darks += brightness(x, y) < DARK * skinBrightness ? 1 : 0;
          }
        }
      }
      return inside == 0 ? new double[2] : new double[] {(double) whites / inside, (double) darks / inside};
    }

    private double brightness(int x, int y) {
      int i = (y * image.width() + x) * 3;
      return Pixels.brightness(image.at(i), image.at(i + 1), image.at(i + 2));
    }

    boolean at(int x, int y) {
      int i = (y * image.width() + x) * 3;
      int r = image.at(i);
      int g = image.at(i + 1);
      int b = image.at(i + 2);
      return saturation(r, g, b) <= skinSaturation - PALER_THAN_SKIN && brightness(x, y) >= minBrightness;
    }

    private static double saturation(double r, double g, double b) {
      double max = Math.max(r, Math.max(g, b));
      double min = Math.min(r, Math.min(g, b));
      return max <= 0 ? 0 : (max - min) / max;
    }
  }
}
