package org.portraitperf.engine.warp;

import java.util.Arrays;
import org.portraitperf.engine.Rotations;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.HeadPose;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbPixels;

/**
 * Measures the driving head's pose in each frame by aligning the reference picture of the head
 * onto the frame's.
 *
 * <p>A pose fitted to landmarks is only as steady as the landmarks: a pout or a frown tips it by
 * several degrees and changes its size by a few percent, and a fit a pixel off on a 70-pixel span of
 * eye corners turns the head's edge, 150 pixels out, by twice that. It is good enough to pose a
 * face, not to move the hair and the head's outline, which have sharp edges and follow the head
 * rigidly. The pictures measure the same motion to a fraction of a pixel, free of expression and of
 * the landmarks' smoothing lag. The head is modelled as the skull ellipsoid of {@link HeadShape}
 * (a head is not flat: when it turns by two degrees the nose and the hair above the ears move a few
 * pixels apart), the reference picture of the upper head painted on it (hair above the eyes,
 * forehead, eyes and nose; not the mouth and jaw, which move with speech, nor long hair beside the
 * face, which hangs), and its pose fitted so that the painted head, turned, shows what the frame
 * shows: a robust Gauss-Newton fit of rotation, size and position, with the exposure's gain and
 * offset, started from the landmarks' pose (La Cascia, Sclaroff and Athitsos 2000 track heads the
 * same way on a cylinder).
 *
 * <p>The face itself keeps the landmarks' pose, which is what its expression is measured against
 * (and what a viewer, like the landmark model, reads a face's turn from); the measured pose moves
 * what lies round it: hair and the head's outline. Where the two disagree by more than a landmark
 * fit could be off (a hand over the face, a cut, a picture too plain to align, hair swinging with a
 * nod), the landmarks' pose is kept instead, with a smooth hand-over between the two, so that the
 * face never parts from the hair round it. Immutable once prepared; a frame's answer depends only
 * on that frame and the reference, so random access gives the same pixels as playing in order.
 */
final class HeadRegistration {
  /** Samples across the head's width: fine enough for a tenth of a pixel, few enough to cost little. */
  private static final int SAMPLES_ACROSS = 64;
  /** The landmarks that stay put on the skull whatever the face does: nose bridge and eye corners. */
  private static final int[] UPPER_FACE = {27, 28, 36, 39, 42, 45};
  /** The top of what is left out of the alignment, between the eye lines: jaw, cheek, nose base, cheek, jaw. */
  private static final int[] LOWER_FACE_TOP = {0, 2, 31, 33, 35, 14, 16};
  private static final int MAX_ITERATIONS = 15;
  /** Stop once an update moves no sample by more than this, in pixels of the driving picture. */
  private static final double CONVERGED = 0.01;
  /** Tukey's biweight constant in robust standard deviations: residuals beyond it carry no weight. */
  private static final double TUKEY = 4.685;
  /**
   * How far (per face size) the aligned head may end up from where the landmarks put it before the
   * landmarks are trusted more, and at which they are trusted alone: a landmark fit is rarely off by
   * more than a few percent of the face, so a larger disagreement is the alignment going wrong.
   */
  private static final double TRUSTED = 0.04;
  private static final double DISTRUSTED = 0.08;
  /**
   * How far (degrees) the aligned head may be turned from the landmarks' pose before the landmarks
   * are trusted more, and at which they are trusted alone. An expression tips the landmarks' pose
   * by up to about five degrees; beyond that the two measures disagree by more than either's usual
   * error (long hair swinging with a nod drags the alignment), and the face, which follows its
   * landmarks, must not part from the hair round it.
   */
  private static final double TRUSTED_TURN = 3;
  private static final double DISTRUSTED_TURN = 6;
  /** The least share of the samples that must still be compared and agree with the aligned picture. */
  private static final double MIN_INLIERS = 0.5;

  /** Sample spacing in driving pixels, and the box-filter size the pictures are read at. */
  private final double step;
  private final int box;
  /** Per sample: the point of the head it shows (head frame, mm), and its reference luminance. */
  private final double[] headX;
  private final double[] headY;
  private final double[] headZ;
  private final double[] template;
  /** Farthest sample from the nose tip, in mm: how far a small turn moves the head's edge per radian. */
  private final double reach;
  private final double faceSize;
  /** The reference's upper-face landmarks in the head frame, at their generic depths. */
  private final double[] upperX;
  private final double[] upperY;
  private final double[] upperZ;

  private HeadRegistration(double step, int box, double[] headX, double[] headY, double[] headZ, double[] template,
      double faceSize, FaceObservation reference) {
    this.step = step;
    this.box = box;
    this.headX = headX;
    this.headY = headY;
    this.headZ = headZ;
    this.template = template;
    this.faceSize = faceSize;
    double most = 0;
    for (int i = 0; i < headX.length; i++) {
      most = Math.max(most, Math.sqrt(headX[i] * headX[i] + headY[i] * headY[i] + headZ[i] * headZ[i]));
    }
    this.reach = most;
    int k = UPPER_FACE.length;
    upperX = new double[k];
    upperY = new double[k];
    upperZ = new double[k];
    HeadPose pose = reference.pose();
    double[] r = pose.rotation();
    for (int j = 0; j < k; j++) {
      int i = UPPER_FACE[j];
      double[] p = HeadShape.lift(reference.landmarks().x(i), reference.landmarks().y(i), HeadShape.DEPTH[i], r, pose);
      upperX[j] = p[0];
      upperY[j] = p[1];
      upperZ[j] = p[2];
    }
  }

  /** Prepares the alignment on the reference frame's picture and face. */
  static HeadRegistration prepare(RgbPixels referenceImage, FaceObservation reference) {
    HeadPose pose = reference.pose();
    double[] head = MotionTransfer.headEllipse(pose);
    double cx = head[0];
    double cy = head[1];
    double ax = head[2];
    double ay = head[3];
    double step = Math.max(1, 2 * ax / SAMPLES_ACROSS);
    int box = Math.max(1, (int) Math.round(step));
    double[][] lower = lowerFace(reference.landmarks());
    Luminance picture = Luminance.of(referenceImage, cx - ax, cy - ay, cx + ax, cy + ay, box);
    double[] r = pose.rotation();
    int columns = (int) Math.floor(2 * ax / step);
    int rows = (int) Math.floor(2 * ay / step);
    int capacity = columns * rows;
    double[] hx = new double[capacity];
    double[] hy = new double[capacity];
    double[] hz = new double[capacity];
    double[] t = new double[capacity];
    int n = 0;
    for (int row = 0; row < rows; row++) {
      double y = cy - ay + (row + 0.5) * step;
      for (int c = 0; c < columns; c++) {
        double x = cx - ax + (c + 0.5) * step;
        if (((x - cx) / ax) * ((x - cx) / ax) + ((y - cy) / ay) * ((y - cy) / ay) > 1
            || Polygons.inside(x, y, lower[0], lower[1])) {
          continue;
        }
        double value = picture.at(x, y);
        double[] point = onHead(x, y, r, pose);
        if (Double.isNaN(value) || point == null) {
          continue;
        }
        hx[n] = point[0];
        hy[n] = point[1];
        hz[n] = point[2];
        t[n] = value;
        n++;
      }
    }
    return new HeadRegistration(step, box, Arrays.copyOf(hx, n), Arrays.copyOf(hy, n), Arrays.copyOf(hz, n),
        Arrays.copyOf(t, n), 150 * pose.scale(), reference);
  }

  /**
   * The point of the skull ellipsoid that shows at picture position (x, y) under the pose; null
   * beyond the head's outline. The depth is found by a few rounds of lifting at the depth the
   * ellipsoid has where the previous round landed.
   */
  private static double[] onHead(double x, double y, double[] r, HeadPose pose) {
    double depth = HeadShape.SKULL_CENTRE_Z + HeadShape.SKULL_RADIUS_Z;
    double[] point = null;
    for (int round = 0; round < 4; round++) {
      point = HeadShape.lift(x, y, depth, r, pose);
      double u = point[0] / HeadShape.SKULL_RADIUS_X;
      double v = (point[1] - HeadShape.SKULL_CENTRE_Y) / HeadShape.SKULL_RADIUS_Y;
      double inside = 1 - u * u - v * v;
      if (inside <= 0) {
        return null;
      }
      depth = HeadShape.SKULL_CENTRE_Z + HeadShape.SKULL_RADIUS_Z * Math.sqrt(inside);
    }
    return point;
  }

  /**
   * The head's pose in this frame as the pictures show it, and how far it is trusted over the
   * landmarks' own (0 to 1; at 0 it is the landmarks' pose).
   */
  Aligned refine(RgbPixels image, FaceObservation face) {
    HeadPose start = face.pose();
    HeadPose aligned = template.length == 0 ? null : align(image, start);
    if (aligned == null) {
      return new Aligned(start, 0);
    }
    // Where the aligned head puts the reference's upper face (which expression hardly moves), and
    // how far the similarity that takes the frame's own landmarks there moves them.
    Landmarks l = face.landmarks();
    double[] r = aligned.rotation();
    int k = UPPER_FACE.length;
    double[] fromX = new double[k];
    double[] fromY = new double[k];
    double[] toX = new double[k];
    double[] toY = new double[k];
    for (int j = 0; j < k; j++) {
      fromX[j] = l.x(UPPER_FACE[j]);
      fromY[j] = l.y(UPPER_FACE[j]);
      toX[j] = aligned.originX() + aligned.scale() * (r[0] * upperX[j] + r[1] * upperY[j] + r[2] * upperZ[j]);
      toY[j] = aligned.originY() + aligned.scale() * (r[3] * upperX[j] + r[4] * upperY[j] + r[5] * upperZ[j]);
    }
    double[] move = similarity(fromX, fromY, toX, toY);
    double apart = 0;
    for (int j = 0; j < k; j++) {
      apart = Math.max(apart, Math.hypot(move[0] * fromX[j] - move[1] * fromY[j] + move[2] - fromX[j],
          move[1] * fromX[j] + move[0] * fromY[j] + move[3] - fromY[j]));
    }
    double turnApart = Rotations.angleDegrees(Rotations.multiplyTransposed(aligned.rotation(), start.rotation()));
    double trust = Polygons.smoothstep(DISTRUSTED * faceSize, TRUSTED * faceSize, apart)
        * Polygons.smoothstep(DISTRUSTED_TURN, TRUSTED_TURN, turnApart);
    if (trust <= 0) {
      return new Aligned(start, 0);
    }
    return new Aligned(blend(start, aligned, trust), trust);
  }

  /** A head pose measured by aligning pictures, as far as {@code trust} says (0 to 1). */
  record Aligned(HeadPose pose, double trust) {}

  /** The pose {@code amount} of the way from one pose to another. */
  private static HeadPose blend(HeadPose from, HeadPose to, double amount) {
    double[] r0 = from.rotation();
    double[] rotation = Rotations.multiply(Rotations.power(Rotations.multiplyTransposed(to.rotation(), r0), amount), r0);
    return HeadPose.of(rotation, from.scale() * Math.pow(to.scale() / from.scale(), amount),
        from.originX() + amount * (to.originX() - from.originX()), from.originY() + amount * (to.originY() - from.originY()),
        from.residual());
  }

  /**
   * The least-squares similarity taking points (fromX, fromY) to (toX, toY), as {a, b, tx, ty}:
   * x' = a x - b y + tx, y' = b x + a y + ty.
   */
  private static double[] similarity(double[] fromX, double[] fromY, double[] toX, double[] toY) {
    int n = fromX.length;
    double fx = 0, fy = 0, gx = 0, gy = 0;
    for (int j = 0; j < n; j++) {
      fx += fromX[j] / n;
      fy += fromY[j] / n;
      gx += toX[j] / n;
      gy += toY[j] / n;
    }
    double dot = 0, cross = 0, norm = 0;
    for (int j = 0; j < n; j++) {
      double ux = fromX[j] - fx;
      double uy = fromY[j] - fy;
      double vx = toX[j] - gx;
      double vy = toY[j] - gy;
      dot += ux * vx + uy * vy;
      cross += ux * vy - uy * vx;
      norm += ux * ux + uy * uy;
    }
    double a = dot / Math.max(1e-12, norm);
    double b = cross / Math.max(1e-12, norm);
    return new double[] {a, b, gx - a * fx + b * fy, gy - b * fx - a * fy};
  }

  /** The farthest any sample lies between two poses, in picture pixels. */
  private double largestMove(double[] r0, double s0, double x0, double y0, double[] r1, double s1, double x1, double y1) {
    double most = 0;
    for (int i = 0; i < template.length; i++) {
      double dx = x1 - x0 + s1 * (r1[0] * headX[i] + r1[1] * headY[i] + r1[2] * headZ[i])
          - s0 * (r0[0] * headX[i] + r0[1] * headY[i] + r0[2] * headZ[i]);
      double dy = y1 - y0 + s1 * (r1[3] * headX[i] + r1[4] * headY[i] + r1[5] * headZ[i])
          - s0 * (r0[3] * headX[i] + r0[4] * headY[i] + r0[5] * headZ[i]);
      most = Math.max(most, dx * dx + dy * dy);
    }
    return Math.sqrt(most);
  }

  /**
   * Gauss-Newton on the pose (a small turn, a change of size, a shift) with the exposure's gain and
   * offset, robustly weighted; null where too little of the head can be compared.
   */
  private HeadPose align(RgbPixels image, HeadPose start) {
    double[] r = start.rotation();
    double s = start.scale();
    double ox = start.originX();
    double oy = start.originY();
    double gain = 1;
    double offset = 0;
    // Where the head can be in this frame: round the starting pose's nose tip, a little beyond the head.
    double extent = 1.3 * s * reach + 4 * step;
    Luminance picture = Luminance.of(image, ox - extent, oy - extent, ox + extent, oy + extent, box);
    int n = template.length;
    double[] residual = new double[n];
    double[] px = new double[n];
    double[] py = new double[n];
    double[] gradient = new double[2];
    double[][] normal = new double[8][8];
    double[] rhs = new double[8];
    double[] row = new double[8];
    double sigma = Double.NaN;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      int compared = 0;
      for (int i = 0; i < n; i++) {
        px[i] = ox + s * (r[0] * headX[i] + r[1] * headY[i] + r[2] * headZ[i]);
        py[i] = oy + s * (r[3] * headX[i] + r[4] * headY[i] + r[5] * headZ[i]);
        residual[i] = picture.at(px[i], py[i]) - gain * template[i] - offset;
        if (!Double.isNaN(residual[i])) {
          compared++;
        }
      }
      if (compared < MIN_INLIERS * n) {
        return null;
      }
      if (iteration < 3) {
        // The residuals' robust spread, settled once the start's misalignment is gone.
        sigma = Math.max(1, 1.4826 * medianAbsolute(residual));
      }
      double cut = TUKEY * sigma;
      for (double[] line : normal) {
        Arrays.fill(line, 0);
      }
      Arrays.fill(rhs, 0);
      int inliers = 0;
      for (int i = 0; i < n; i++) {
        double e = residual[i];
        if (Double.isNaN(e) || Math.abs(e) >= cut) {
          continue;
        }
        double u = 1 - (e / cut) * (e / cut);
        double w = u * u;
        inliers++;
        picture.gradient(px[i], py[i], gradient);
        double gx = gradient[0];
        double gy = gradient[1];
        // The sample's point turned into the camera's frame, scaled to pixels.
        double qx = s * (r[0] * headX[i] + r[1] * headY[i] + r[2] * headZ[i]);
        double qy = s * (r[3] * headX[i] + r[4] * headY[i] + r[5] * headZ[i]);
        double qz = s * (r[6] * headX[i] + r[7] * headY[i] + r[8] * headZ[i]);
        row[0] = -gy * qz;
        row[1] = gx * qz;
        row[2] = -gx * qy + gy * qx;
        row[3] = gx * qx + gy * qy;
        row[4] = gx;
        row[5] = gy;
        row[6] = -template[i];
        row[7] = -1;
        for (int a = 0; a < 8; a++) {
          rhs[a] -= w * row[a] * e;
          for (int b = a; b < 8; b++) {
            normal[a][b] += w * row[a] * row[b];
          }
        }
      }
      if (inliers < MIN_INLIERS * n) {
        return null;
      }
      double[] delta = solve(normal, rhs);
      if (delta == null) {
        return null;
      }
      double turn = Math.sqrt(delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2]);
      if (turn > 1e-12) {
        r = Rotations.multiply(Rotations.axisAngle(delta[0] / turn, delta[1] / turn, delta[2] / turn, turn), r);
      }
      s *= 1 + delta[3];
      ox += delta[4];
      oy += delta[5];
      gain += delta[6];
      offset += delta[7];
      if (Math.hypot(delta[4], delta[5]) + s * reach * (turn + Math.abs(delta[3])) < CONVERGED) {
        break;
      }
    }
    return HeadPose.of(r, s, ox, oy, start.residual());
  }

  private static double medianAbsolute(double[] values) {
    double[] a = new double[values.length];
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        a[n++] = Math.abs(v);
      }
    }
    Arrays.sort(a, 0, n);
    return n == 0 ? 0 : a[n / 2];
  }

  /**
   * Solves normal equations of which only the upper triangle is filled; null when they do not pin
   * the pose down (the samples' gradients leave some motion free).
   */
  private static double[] solve(double[][] upper, double[] rhs) {
    int n = rhs.length;
    double[][] system = new double[n][n + 1];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        system[r][c] = r <= c ? upper[r][c] : upper[c][r];
      }
      system[r][n] = rhs[r];
    }
    if (!LinearSystems.solveInPlace(system, n)) {
      return null;
    }
    double[] x = new double[n];
    for (int r = 0; r < n; r++) {
      x[r] = system[r][n];
    }
    return x;
  }

  /**
   * What moves with speech or hangs rather than turning with the skull, as a polygon: below the
   * line from the eye corners out across the hair, down the jaw's top to the cheek, across the nose
   * base to the other cheek, and everything under it: the mouth and jaw, and long hair beside the
   * face, which swings with the head's nod instead of turning with it.
   */
  private static double[][] lowerFace(Landmarks l) {
    double spanX = l.x(45) - l.x(36);
    double spanY = l.y(45) - l.y(36);
    double downX = 3 * (l.x(8) - l.x(27));
    double downY = 3 * (l.y(8) - l.y(27));
    int k = LOWER_FACE_TOP.length;
    double[] x = new double[k + 4];
    double[] y = new double[k + 4];
    // Far out on the eye line, beyond the hair on either side.
    x[0] = l.x(36) - 2 * spanX;
    y[0] = l.y(36) - 2 * spanY;
    for (int i = 0; i < k; i++) {
      x[i + 1] = l.x(LOWER_FACE_TOP[i]);
      y[i + 1] = l.y(LOWER_FACE_TOP[i]);
    }
    x[k + 1] = l.x(45) + 2 * spanX;
    y[k + 1] = l.y(45) + 2 * spanY;
    x[k + 2] = x[k + 1] + downX;
    y[k + 2] = y[k + 1] + downY;
    x[k + 3] = x[0] + downX;
    y[k + 3] = y[0] + downY;
    return new double[][] {x, y};
  }

  /**
   * A picture's luminance over a box, averaged over {@code box}-pixel squares so that reading it
   * at the samples' spacing does not alias; read bilinearly in the picture's own coordinates. Each
   * square is summed the first time it is read: the box is drawn wide enough for wherever the head
   * may have moved, and on a 1080p or 4K driving frame summing all of it up front cost more than
   * the rest of the alignment.
   */
  private static final class Luminance {
    private final RgbPixels image;
    /** Square (c, r)'s mean, NaN until it is first read. */
    private final double[] values;
    private final int columns;
    private final int rows;
    private final int x0;
    private final int y0;
    private final int box;

    private Luminance(RgbPixels image, int columns, int rows, int x0, int y0, int box) {
      this.image = image;
      this.values = new double[columns * rows];
      Arrays.fill(values, Double.NaN);
      this.columns = columns;
      this.rows = rows;
      this.x0 = x0;
      this.y0 = y0;
      this.box = box;
    }

    static Luminance of(RgbPixels image, double minX, double minY, double maxX, double maxY, int box) {
      int x0 = Math.max(0, (int) Math.floor(minX));
      int y0 = Math.max(0, (int) Math.floor(minY));
      int x1 = Math.min(image.width() - 1, (int) Math.ceil(maxX));
      int y1 = Math.min(image.height() - 1, (int) Math.ceil(maxY));
      int columns = Math.max(0, (x1 - x0 + 1) / box);
      int rows = Math.max(0, (y1 - y0 + 1) / box);
      return new Luminance(image, columns, rows, x0, y0, box);
    }

    /** Square i's mean luminance (0..255), summed on first use. */
    private double value(int i) {
      double value = values[i];
      if (Double.isNaN(value)) {
        int c = i % columns;
        int r = i / columns;
        int width = image.width();
        int sum = 0;
        for (int y = y0 + r * box; y < y0 + (r + 1) * box; y++) {
          for (int x = x0 + c * box, k = (y * width + x) * 3; x < x0 + (c + 1) * box; x++, k += 3) {
            sum += 299 * image.at(k) + 587 * image.at(k + 1) + 114 * image.at(k + 2);
          }
        }
        value = sum / (1000.0 * box * box);
        values[i] = value;
      }
      return value;
    }

    /** Bilinear luminance at picture position (x, y); NaN outside the box. */
    double at(double x, double y) {
      double gx = (x - x0) / box - 0.5;
      double gy = (y - y0) / box - 0.5;
      if (!(gx >= 0 && gy >= 0 && gx < columns - 1 && gy < rows - 1)) {
        return Double.NaN;
      }
      int c = (int) gx;
      int r = (int) gy;
      double fx = gx - c;
      double fy = gy - r;
      int i = r * columns + c;
      double topLeft = value(i);
      double bottomLeft = value(i + columns);
      double top = topLeft + fx * (value(i + 1) - topLeft);
      double bottom = bottomLeft + fx * (value(i + columns + 1) - bottomLeft);
      return top + fy * (bottom - top);
    }

    /** Luminance gradient per picture pixel at (x, y), by central differences one box apart. */
    void gradient(double x, double y, double[] out) {
      double h = box;
      double right = at(x + h, y);
      double left = at(x - h, y);
      double down = at(x, y + h);
      double up = at(x, y - h);
      out[0] = Double.isNaN(right) || Double.isNaN(left) ? 0 : (right - left) / (2 * h);
      out[1] = Double.isNaN(down) || Double.isNaN(up) ? 0 : (down - up) / (2 * h);
    }
  }
}
