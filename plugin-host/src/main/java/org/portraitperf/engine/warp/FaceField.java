package org.portraitperf.engine.warp;

import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Rotations;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbPixels;

/**
 * Two low-resolution fields over the animated face, upsampled when applied: the feathered face
 * mask (which becomes the output's alpha there) and the shading change carried over from the
 * driving (an expression-ratio image, Liu, Shan and Zhang 2001). Both are smooth, so a node every
 * few pixels is enough, and computing them at about the driving face's own resolution is what
 * keeps the ratio free of resampling noise.
 *
 * <p>The ratio is the driving frame over its reference frame, both warped onto the portrait's
 * target shape, so that creases appearing on the driving face appear in the same place on the
 * portrait's. Eyes with their lids and the mouth's inside are left out: their change is geometry
 * and is handled there.
 */
final class FaceField {
  private static final int[] OUTLINE_JAW = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  private static final int[] OUTLINE_BROWS = {26, 25, 24, 23, 22, 21, 20, 19, 18, 17};
  /**
   * Each eye with its upper lid up to the brow: brow outer to inner, then the lower lid from the
   * inner corner back to the outer. A lid that lowers moves lashes and the lid's crease across
   * the skin between eye and brow, which the ratio reads as a dark smudge there (and the landmark
   * model then takes for an open eye); the lid is geometry, drawn by the warp and {@link EyeLids}.
   */
  private static final int[] LEFT_EYE_AND_LID = {17, 18, 19, 20, 21, 39, 40, 41, 36};
  private static final int[] RIGHT_EYE_AND_LID = {22, 23, 24, 25, 26, 45, 46, 47, 42};
  private static final int[] INNER_LIPS = {60, 61, 62, 63, 64, 65, 66, 67};
  /** The outline runs this far above the brows, as a fraction of face size, to take in the forehead. */
  private static final double FOREHEAD = 0.15;
  /** Limits of the shading ratio: deeper changes are tracking errors or lighting, not creases. */
  private static final float MIN_RATIO = 0.75f;
  private static final float MAX_RATIO = 1.25f;
  /** Head turns (degrees from the reference pose) up to which detail is taken fully, and beyond which not at all. */
  private static final double MIN_TURN = 4;
  private static final double MAX_TURN = 12;
  /** How far (per face size) the distrust of an edge in the reference reaches around it. */
  private static final double EDGE_REACH = 0.02;
  /** Relative contrast between neighbouring nodes at which the ratio is trusted by half. */
  private static final float EDGE_CONTRAST = 0.02f;
  /** Radius of the broad blur that takes lighting out of the ratio, per face size. */
  private static final double BROAD_BLUR = 0.06;
  /** Most detail nodes along either side: beyond this the face is far larger than any driving face. */
  private static final int MAX_NODES = 160;
  /** Mask nodes per face size: the mask's edge is a broad feather, so this is plenty. */
  private static final double MASK_NODES_PER_FACE = 48;
  /** Detail nodes per face size: a little under the resolution of a face in a 512-pixel driving clip. */
  private static final double DETAIL_NODES_PER_FACE = 120;
  /** Added to both luminances so that a ratio in near-black shadow does not explode. */
  private static final float DARK_BIAS = 12;

  private final WarpGrid grid;
  /** Per node: mask (0..1) and the mask-weighted relative shading change (0 = none), interleaved. */
  private final float[] values;

  private FaceField(WarpGrid grid, float[] values) {
    this.grid = grid;
    this.values = values;
  }

  /** @param faceSize face size in portrait pixels */
  static FaceField compute(MotionTransfer.Targets targets, DrivingFrame driving, EngineSettings settings,
      double faceSize, int width, int height) {
    double[][] outline = outline(targets.x(), targets.y(), faceSize);
    double feather = Math.max(1, settings.feather() * faceSize);
    double[] b = Polygons.bounds(outline[0], outline[1]);
    double maskStep = Math.max(1, faceSize / MASK_NODES_PER_FACE);
    double margin = feather / 2 + maskStep;
    double minX = Math.max(0, b[0] - margin);
    double minY = Math.max(0, b[1] - margin);
    double maxX = Math.min(width - 1, b[2] + margin);
    double maxY = Math.min(height - 1, b[3] + margin);
    WarpGrid maskGrid = WarpGrid.covering(minX, minY, maxX, maxY, maskStep);
    float[] mask = new float[maskGrid.nodes()];
    for (int r = 0, node = 0; r < maskGrid.rows(); r++) {
      for (int c = 0; c < maskGrid.columns(); c++, node++) {
        double inside = Polygons.signedDistance(maskGrid.nodeX(c), maskGrid.nodeY(r), outline[0], outline[1]);
        mask[node] = (float) Polygons.smoothstep(-feather / 2, feather / 2, inside);
      }
    }

    // A turned head moves glasses, hair and cast shadows across the face relative to the
    // landmarks, which reads as creases that are not there: detail is taken only near the
    // reference pose.
    double turn = Rotations.angleDegrees(
        Rotations.multiplyTransposed(driving.face().pose().rotation(), driving.reference().pose().rotation()));
    double amount = settings.detail() * settings.strength() * Polygons.smoothstep(MAX_TURN, MIN_TURN, turn);
    if (amount <= 0 || driving.referenceImage() == null) {
      float[] values = new float[2 * mask.length];
      for (int i = 0; i < mask.length; i++) {
        values[2 * i] = mask[i];
      }
      return new FaceField(maskGrid, values);
    }
    double detailStep = Math.max(
        Math.max(1, faceSize / DETAIL_NODES_PER_FACE), Math.max(maxX - minX, maxY - minY) / (MAX_NODES - 1));
    WarpGrid grid = WarpGrid.covering(minX, minY, maxX, maxY, detailStep);
    float[] ratio = ratio(grid, targets, driving, faceSize);
    // Eyes with their lids and the mouth's inside fade out of the ratio over a couple of nodes.
    double fade = 2 * grid.step();
    for (int[] part : new int[][] {LEFT_EYE_AND_LID, RIGHT_EYE_AND_LID, INNER_LIPS}) {
      double[][] polygon = Polygons.pick(targets.x(), targets.y(), part);
      double[] pb = Polygons.bounds(polygon[0], polygon[1]);
      for (int r = 0, node = 0; r < grid.rows(); r++) {
        double y = grid.nodeY(r);
        for (int c = 0; c < grid.columns(); c++, node++) {
          double x = grid.nodeX(c);
          if (x > pb[0] - fade && x < pb[2] + fade && y > pb[1] - fade && y < pb[3] + fade) {
            double keep = 1 - Polygons.smoothstep(-fade, 0, Polygons.signedDistance(x, y, polygon[0], polygon[1]));
            ratio[node] = (float) (1 + keep * (ratio[node] - 1));
          }
        }
      }
    }
    float[] values = new float[2 * grid.nodes()];
    float[] m = new float[1];
    for (int r = 0, node = 0; r < grid.rows(); r++) {
      for (int c = 0; c < grid.columns(); c++, node++) {
        maskGrid.sample(mask, 1, grid.nodeX(c), grid.nodeY(r), m);
        // Detail only well inside the face: its feathered rim reaches the driver's neck and
        // background, which move against the face.
        float inner = Math.max(0, 2 * m[0] - 1);
        values[2 * node] = m[0];
        values[2 * node + 1] = (float) (amount * inner * (ratio[node] - 1));
      }
    }
    return new FaceField(grid, values);
  }

  /**
   * Multiplies the output's colour by the shading change and raises its alpha to the face mask,
   * over the field's extent.
   */
  void apply(byte[] rgba, int width, int height) {
    int columns = grid.columns();
    int step = grid.step();
    float[] row = new float[2 * columns];
    int lastX = Math.min(width - 1, grid.nodeX(columns - 1));
    int lastY = Math.min(height - 1, grid.nodeY(grid.rows() - 1));
    for (int y = grid.y0(); y <= lastY; y++) {
      grid.row(values, 2, y, row);
      for (int c = 0; c < columns - 1; c++) {
        int n = 2 * c;
        if (row[n] <= 0 && row[n + 2] <= 0) {
          continue;
        }
        int left = grid.nodeX(c);
        int to = Math.min(lastX, c == columns - 2 ? left + step : left + step - 1);
        float mask = row[n];
        float change = row[n + 1];
        float maskStep = (row[n + 2] - row[n]) / step;
        float changeStep = (row[n + 3] - row[n + 1]) / step;
        int p = (y * width + left) * 4;
        for (int x = left; x <= to; x++, p += 4, mask += maskStep, change += changeStep) {
          if (change != 0) {
            float factor = 1 + change;
            for (int k = 0; k < 3; k++) {
              rgba[p + k] = (byte) MouthInterior.clampByte((rgba[p + k] & 0xff) * factor);
            }
          }
          int alpha = (int) (mask * 255 + 0.5f);
          if (alpha > (rgba[p + 3] & 0xff)) {
            rgba[p + 3] = (byte) alpha;
          }
        }
      }
    }
  }

  /** Face outline: the jaw line, then the brows raised onto the forehead, as {xs, ys}. */
  private static double[][] outline(double[] x, double[] y, double faceSize) {
    // "Up" on the face: from the chin towards the top of the nose.
    double ux = x[27] - x[8];
    double uy = y[27] - y[8];
    double norm = Math.max(1e-9, Math.hypot(ux, uy));
    double lift = FOREHEAD * faceSize / norm;
    int n = OUTLINE_JAW.length + OUTLINE_BROWS.length;
    double[] ox = new double[n];
    double[] oy = new double[n];
    int k = 0;
    for (int i : OUTLINE_JAW) {
      ox[k] = x[i];
      oy[k++] = y[i];
    }
    for (int i : OUTLINE_BROWS) {
      ox[k] = x[i] + lift * ux;
      oy[k++] = y[i] + lift * uy;
    }
    return new double[][] {ox, oy};
  }

  /**
   * Driving luminance over reference luminance at each node, both read where the node's point of
   * the target shape lies on that driving face, lightly blurred and clamped.
   */
  private static float[] ratio(WarpGrid grid, MotionTransfer.Targets targets, DrivingFrame driving, double faceSize) {
    float[] now = luminanceAt(grid, targets, driving.face().landmarks(), driving.image(), faceSize);
    float[] reference = luminanceAt(grid, targets, driving.reference().landmarks(), driving.referenceImage(), faceSize);
    float[] edges = edges(reference, grid.columns(), grid.rows(), (int) Math.ceil(EDGE_REACH * faceSize / grid.step()));
    float[] ratio = new float[grid.nodes()];
    for (int i = 0; i < ratio.length; i++) {
      if (!Float.isNaN(now[i]) && !Float.isNaN(reference[i])) {
        float trust = 1 / (1 + (edges[i] / EDGE_CONTRAST) * (edges[i] / EDGE_CONTRAST));
        ratio[i] = 1 + trust * ((now[i] + DARK_BIAS) / (reference[i] + DARK_BIAS) - 1);
      } else {
        ratio[i] = 1;
      }
    }
    // Band-pass: the small blur removes sampling noise; dividing by the broad blur removes what
    // changes over the whole face (lighting, the head turning towards a lamp, glasses' glare
    // drifting), leaving creases and wrinkles.
    float[] fine = Rows.blur121(ratio, grid.columns(), grid.rows());
    float[] broad = Rows.boxBlur(fine, grid.columns(), grid.rows(), (int) Math.ceil(BROAD_BLUR * faceSize / grid.step()));
    for (int i = 0; i < fine.length; i++) {
      fine[i] = Math.max(MIN_RATIO, Math.min(MAX_RATIO, fine[i] / broad[i]));
    }
    return fine;
  }

  /**
   * Relative contrast of the reference around each node, spread over {@code reach} nodes. Where
   * the neutral face already has edges (glasses, brows, hairline, nostrils) the slightest
   * misalignment between the two warped frames makes a large false ratio; true creases appear
   * where the neutral skin is smooth.
   */
  private static float[] edges(float[] luminance, int columns, int rows, int reach) {
    float[] contrast = new float[luminance.length];
    for (int r = 1; r < rows - 1; r++) {
      for (int c = 1; c < columns - 1; c++) {
        int i = r * columns + c;
        float across = Math.abs(luminance[i + 1] - luminance[i - 1]);
        float down = Math.abs(luminance[i + columns] - luminance[i - columns]);
        float value = (across + down) / (2 * (luminance[i] + DARK_BIAS));
        contrast[i] = Float.isNaN(value) ? 0 : value;
      }
    }
    return Rows.boxBlur(contrast, columns, rows, reach);
  }

  /** Luminance of a driving picture at each node mapped through target shape to its landmarks; NaN off the picture. */
  private static float[] luminanceAt(WarpGrid grid, MotionTransfer.Targets targets, Landmarks to, RgbPixels image,
      double faceSize) {
    int n = Landmarks.COUNT;
    double[] tx = new double[n];
    double[] ty = new double[n];
    double[] dx = new double[n];
    double[] dy = new double[n];
    for (int i = 0; i < n; i++) {
      tx[i] = targets.x()[i];
      ty[i] = targets.y()[i];
      dx[i] = to.x(i) - tx[i];
      dy[i] = to.y(i) - ty[i];
    }
    ThinPlateSpline spline = ThinPlateSpline.fit(tx, ty, dx, dy, faceSize);
    // The mapping is smooth: evaluate it every few nodes and interpolate.
    WarpGrid coarse = WarpGrid.covering(grid.x0(), grid.y0(), grid.nodeX(grid.columns() - 1),
        grid.nodeY(grid.rows() - 1), grid.step() * 4);
    float[] map = coarse.displacements(spline);
    float[] d = new float[2];
    float[] rgb = new float[3];
    float[] out = new float[grid.nodes()];
    for (int r = 0, node = 0; r < grid.rows(); r++) {
      double y = grid.nodeY(r);
      for (int c = 0; c < grid.columns(); c++, node++) {
        double x = grid.nodeX(c);
        coarse.sample(map, 2, x, y, d);
        out[node] = Pixels.sample(image, x + d[0], y + d[1], rgb)
            ? 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2]
            : Float.NaN;
      }
    }
    return out;
  }
}
