package org.portraitperf.engine.warp;

import java.util.Optional;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.face.Iris;
import org.portraitperf.face.IrisLocator;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;

/**
 * Moves the portrait's irises the way the driving's eyes look. The landmarks outline the lids only,
 * so the warp leaves the iris where the portrait had it; here the driving's gaze (read off its
 * pixels by {@link IrisLocator}) shifts each iris inside its opening after the warp. The shift is
 * a displacement field over the eye's inside: whole across the iris, easing to nothing at the eye
 * corners (the white on the trailing side stretches to fill in behind, the leading side's
 * compresses) and at the lid line, so the lids and lashes stay where the warp put them and the iris
 * slides under them. Immutable; the portrait's irises are found once.
 */
final class GazeShift {
  private static final int[] FIRST = {36, 42};
  /** Below this target lid gap per eye width the lids cover the iris (and {@link EyeLids} paints them). */
  private static final double MIN_OPENNESS = 0.15;
  /** The moved region round the iris, per iris radius: the disc and its dark rim. */
  private static final double IRIS_REACH = 1.15;
  /** The iris keeps at least this much white (per eye width) between its edge and a corner. */
  private static final double CORNER_ROOM = 0.03;
  /** Up and down the iris moves little before the lids follow it: the shift across is held to this, per eye width. */
  private static final double MAX_ACROSS = 0.06;
  /** Width of the lid seam where the shift fades out, per eye width. */
  private static final double LID_SEAM = 0.08;
  /** Gaze confidence (see {@link IrisLocator.Gaze}) below which the driving's gaze moves nothing, and from which it moves in full. */
  private static final double TRUST_FROM = 0.25;
  private static final double TRUST_FULL = 0.45;
  /** Shifts smaller than this (pixels) are not worth resampling the eye for. */
  private static final double MIN_SHIFT = 0.05;

  /** Per eye: the portrait's iris, or null where none was found (closed, tiny or featureless eye). */
  private final Iris[] portraitIris = new Iris[2];
  /** Per eye: the iris's reach (see {@link #IRIS_REACH}) per eye width, which the warp keeps. */
  private final double[] reach = new double[2];

  GazeShift(RgbImage portrait, Landmarks landmarks) {
    for (int e = 0; e < 2; e++) {
      int first = FIRST[e];
      portraitIris[e] = IrisLocator.locate(portrait, landmarks, first).orElse(null);
      double eyeWidth = Math.hypot(landmarks.x(first + 3) - landmarks.x(first), landmarks.y(first + 3) - landmarks.y(first));
      reach[e] = portraitIris[e] == null ? 0 : IRIS_REACH * portraitIris[e].radius() / eyeWidth;
    }
  }

  /**
   * Shifts the irises in the RGBA output, whose eyes the warp has moved to the targets. Relative
   * motion moves them by the driving's gaze change from the reference frame; absolute motion to
   * the driving's gaze. Nothing moves where the driving's gaze cannot be read.
   */
  void paint(byte[] rgba, int width, int height, MotionTransfer.Targets targets, DrivingFrame driving,
      EngineSettings settings) {
    double amount = settings.strength() * settings.gains().eyes();
    if (amount <= 0 || (portraitIris[0] == null && portraitIris[1] == null)) {
      return;
    }
    Optional<IrisLocator.Gaze> now = IrisLocator.gaze(driving.image(), driving.face().landmarks());
    boolean relative = settings.motion() == EngineSettings.MotionMode.RELATIVE;
    Optional<IrisLocator.Gaze> reference = relative ? driving.referenceGaze() : Optional.empty();
    if (now.isEmpty() || (relative && reference.isEmpty())) {
      return;
    }
    // An uncertain read (low contrast, glare on glasses, blur) moves the iris less rather than
    // making it jump: measured on lp_d12, where glare on glasses hides the eyes, it cuts the
    // output iris's frame-to-frame jitter (p90) by a third and leaves lp_d0's clear looks whole.
    double trust = Polygons.smoothstep(TRUST_FROM, TRUST_FULL,
        relative ? Math.min(now.get().confidence(), reference.get().confidence()) : now.get().confidence());
    double moved = amount * trust;
    if (moved <= 0) {
      return;
    }
    for (int e = 0; e < 2; e++) {
      Iris iris = portraitIris[e];
      if (iris == null || targets.shape().eyeOpenness(FIRST[e]) < MIN_OPENNESS) {
        continue;
      }
      double along = relative ? now.get().along() - reference.get().along() : now.get().along() - iris.along();
      double across = relative ? now.get().across() - reference.get().across() : now.get().across() - iris.across();
      shiftEye(rgba, width, height, targets, FIRST[e], iris, reach[e], moved * along, moved * across);
    }
  }

  private static void shiftEye(byte[] rgba, int width, int height, MotionTransfer.Targets targets, int first,
      Iris iris, double reach, double along, double across) {
    double ox = targets.x()[first];
    double oy = targets.y()[first];
    double eyeWidth = Math.hypot(targets.x()[first + 3] - ox, targets.y()[first + 3] - oy);
    if (eyeWidth < 2) {
      return;
    }
    double ex = (targets.x()[first + 3] - ox) / eyeWidth;
    double ey = (targets.y()[first + 3] - oy) / eyeWidth;
    double low = Math.min(iris.along(), reach + CORNER_ROOM);
    double high = Math.max(iris.along(), 1 - reach - CORNER_ROOM);
    double toAlong = Math.max(low, Math.min(high, iris.along() + along));
    double toAcross = iris.across() + Math.max(-MAX_ACROSS, Math.min(MAX_ACROSS, across));
    double shiftU = (toAlong - iris.along()) * eyeWidth;
    double shiftV = (toAcross - iris.across()) * eyeWidth;
    if (Math.hypot(shiftU, shiftV) < MIN_SHIFT) {
      return;
    }
    double dx = shiftU * ex - shiftV * ey;
    double dy = shiftU * ey + shiftV * ex;
    double[][] eye = Polygons.pick(targets.x(), targets.y(), new int[] {first, first + 1, first + 2, first + 3,
        first + 4, first + 5});
    double[] b = Polygons.bounds(eye[0], eye[1]);
    int x0 = Math.max(0, (int) Math.floor(b[0]));
    int y0 = Math.max(0, (int) Math.floor(b[1]));
    int x1 = Math.min(width - 1, (int) Math.ceil(b[2]));
    int y1 = Math.min(height - 1, (int) Math.ceil(b[3]));
    if (x0 > x1 || y0 > y1) {
      return;
    }
    // Reads come from the eye as the warp left it, not from pixels this loop has already moved:
    // a copy of the eye's box, grown by the shift so that every read lands in it.
    int grow = (int) Math.ceil(Math.hypot(dx, dy)) + 1;
    Patch before = Patch.copy(rgba, width, height, x0 - grow, y0 - grow, x1 + grow, y1 + grow);
    double centre = toAlong * eyeWidth;
    double half = reach * eyeWidth;
    double seam = Math.max(1, LID_SEAM * eyeWidth);
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double inside = Polygons.signedDistance(x, y, eye[0], eye[1]);
        if (inside <= 0) {
          continue;
        }
        double u = (x - ox) * ex + (y - oy) * ey;
        // Linear ramps from the corners to the moved iris: the white either side maps onto itself
        // without folding as long as the iris stays between the corners, which the clamp ensures.
        double w = u < centre - half ? u / (centre - half) : u > centre + half ? (eyeWidth - u) / (eyeWidth - centre - half) : 1;
        w = Math.max(0, Math.min(1, w)) * Polygons.smoothstep(0, seam, inside);
        if (w <= 0) {
          continue;
        }
        before.sample(x - w * dx, y - w * dy, rgba, (y * width + x) * 4);
      }
    }
  }

  /** A box of RGBA pixels copied out of a frame, read back bilinearly (RGB only). */
  private record Patch(int x0, int y0, int columns, int rows, byte[] rgba) {
    static Patch copy(byte[] frame, int width, int height, int x0, int y0, int x1, int y1) {
      int left = Math.max(0, x0);
      int top = Math.max(0, y0);
      int columns = Math.min(width - 1, x1) - left + 1;
      int rows = Math.min(height - 1, y1) - top + 1;
      byte[] copy = new byte[columns * rows * 4];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(frame, ((top + r) * width + left) * 4, copy, r * columns * 4, columns * 4);
      }
      return new Patch(left, top, columns, rows, copy);
    }

    /** Writes the RGB at frame position (x, y), clamped to the box, into out at offset p; alpha is left alone. */
    void sample(double x, double y, byte[] out, int p) {
      double px = Math.max(0, Math.min(columns - 1, x - x0));
      double py = Math.max(0, Math.min(rows - 1, y - y0));
      int cx = Math.min(columns - 2, (int) px);
      int cy = Math.min(rows - 2, (int) py);
      cx = Math.max(0, cx);
      cy = Math.max(0, cy);
      double fx = columns > 1 ? px - cx : 0;
      double fy = rows > 1 ? py - cy : 0;
      int right = columns > 1 ? 4 : 0;
      int down = rows > 1 ? columns * 4 : 0;
      int i = (cy * columns + cx) * 4;
      for (int k = 0; k < 3; k++) {
        double top = (1 - fx) * (rgba[i + k] & 0xff) + fx * (rgba[i + right + k] & 0xff);
        double bottom = (1 - fx) * (rgba[i + down + k] & 0xff) + fx * (rgba[i + down + right + k] & 0xff);
        out[p + k] = (byte) MouthInterior.clampByte((1 - fy) * top + fy * bottom);
      }
    }
  }
}
