package org.portraitperf.engine.warp;

import java.util.ArrayList;
import java.util.List;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.MotionMode;
import org.portraitperf.engine.EngineSettings.RegionGains;
import org.portraitperf.engine.Rotations;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.HeadPose;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbPixels;

/**
 * Carries the driving face's motion over to the portrait's geometry: where each portrait landmark
 * should be in the output picture, and where a ring of rigid head points around the face should
 * go (so hair and the head's outline follow the head instead of stretching). The ring is a generic
 * head's, pushed out where the portrait's hair stands beyond it ({@link HeadReach}).
 *
 * <p>Expression is taken pose-free: both driving shapes (now and reference) are lifted into the
 * head frame, their difference is scaled to the portrait's proportions and added to the
 * portrait's own lifted shape; the result is posed again with the portrait's pose composed with
 * the driving's pose change. Eyes follow the driving's openness ratio rather than a landmark delta,
 * since lids that are 3 px apart on one face and 9 on another must close together. Immutable.
 */
final class MotionTransfer {
  /** The ring of rigid head points, in the head frame (mm): a vertical ellipse around the head. */
  private static final int RING = 16;
  /**
   * Snug round the skull and hair rather than round everything that might move: whatever lies
   * between the ring and the window's edge is dragged along with the head, and in a real clip
   * that band (background, shoulders) mostly stays where it was.
   */
  private static final double RING_CENTRE_Y = -40;
  private static final double RING_RADIUS_X = 100;
  private static final double RING_RADIUS_Y = 140;
  /**
   * Where the ring turns, in depth. With a pose measured from the pictures ({@link DrivingFrame#aligned}),
   * on the skull's widest section, where the outline of a head seen from the front lies, so a turn
   * moves the outline as much as it moves the hair beside it. With the landmarks' pose alone, halfway
   * between the face and that outline: their pose is noisy, and the deeper the ring, the more the
   * noise swings the outline.
   */
  private static final double RING_DEPTH = HeadShape.SKULL_CENTRE_Z;
  private static final double LANDMARK_RING_DEPTH = -60;
  /** How much of the head's motion the bottom of the ring, on the neck and collar, takes. */
  private static final double NECK_FOLLOW = 0.2;
  /**
   * Distances from the face's outline (per face size) within which a ring point moves whole with
   * the head, and beyond which it follows as its place on the ring says. The ring is drawn on a
   * generic head: on a low chin or a face turned aside it runs close by the jaw, and a point there
   * that held back while the jaw moved would pin the face, and the warp would twist the mouth and
   * nose round it.
   */
  private static final double ON_FACE = 0.1;
  private static final double CLEAR_OF_FACE = 0.3;
  /**
   * Head turns (degrees, out of the picture's plane) up to which the ring follows the upper face's
   * motion in the picture, and beyond which the full 3-D pose: a turn of a few degrees cannot be
   * told from the landmarks shifting with expression (a pout tips the fitted pose by 5°), but a
   * real turn moves the outline differently from the face. A pose measured from the pictures
   * ({@link DrivingFrame#aligned}) has no such noise and is followed at any turn.
   */
  private static final double FLAT_TURN = 3;
  private static final double POSED_TURN = 10;
  /** The landmarks that stay put on the skull whatever the face does: nose bridge and eye corners. */
  private static final int[] UPPER_FACE = {27, 28, 36, 39, 42, 45};
  /**
   * How much the head may grow or shrink in the picture (log of its size), in relative motion. The
   * portrait's shoulders and background stay as they are, so a driver leaning into the camera
   * cannot be followed all the way: the head would balloon over its own hair and neck. A change
   * of a few percent is taken nearly whole; beyond, it eases towards this. It also caps what a
   * landmark fit gone wrong can do, which tends to read a face as larger than it is.
   */
  private static final double MAX_ZOOM = 0.1;
  /**
   * The least part of its distance from the face's outline that a ring point keeps, whatever the
   * face does: see {@link #keepClearOfFace}.
   */
  private static final double MIN_GAP = 0.5;
  /**
   * Relative change in the upper face's size (log) that squinting and brow raising alone produce:
   * only zoom beyond it is taken as the head coming closer.
   */
  private static final double ZOOM_NOISE = 0.05;
  /**
   * Ring points closer than this to the frame's edge (per face size) are left out: the edge is
   * held still, and a rigid point just beside it would tear the picture between them.
   */
  private static final double RING_EDGE_MARGIN = 0.25;

  /**
   * An eye's aspect when closed, as the landmark model reports it: lids never quite meet in its
   * output, so openness ratios are taken above this floor.
   */
  private static final double CLOSED_EYE = 0.1;
  /**
   * The eye aspect of a wide-open, startled eye (iris clear of both lids). A portrait's eye widens
   * towards it, never past it: a fixed cap on the ratio instead would clip the widening of a
   * driver whose reference frame is a squint into a flat top, where the acting is lost.
   */
  private static final double WIDEST_EYE = 0.6;
  /** Room left to widen, at least, relative to the portrait's own openness (for eyes open wide already). */
  private static final double MIN_WIDENING = 0.2;
  /**
   * Where the lids meet when an eye closes, from the upper lid (0) to the lower (1): below the
   * middle, as the upper lid travels further. Lower still (0.75), the landmark model placed a shut
   * eye drawn by {@link EyeLids} above its lash line and read it as two thirds open (lp_s42 × lp_d3).
   */
  private static final double LID_MEETING = 0.6;
  /**
   * Upper-lid landmarks paired with the brow landmark above each. Halfway between them a point of
   * lid skin holds the lid's crease near the brow ({@link #LID_SKIN_FOLLOWS}): without it the
   * spline, bending between a lid that drops and lower-lid points just below that barely move,
   * overshoots above the lid and drags the brow down over the lid as a dark smear (which the
   * landmark model then reads as an open eye).
   */
  private static final int[][] LID_SKIN = {{37, 19}, {38, 20}, {43, 23}, {44, 24}};
  /**
   * How much of the lid's own motion the lid-skin point takes (the brow's gives the rest). A
   * closing lid unfolds skin from its crease, so the crease stays near the brow and the stretch
   * falls between it and the lashes, where {@link EyeLids} draws the unfolded skin; the socket and
   * brow above are barely stretched. Taking 0.7 of the lid's motion instead (when nothing was drawn
   * there) stretched the socket's shade into streaks down to the lashes, and with the drawn lid it
   * reads less closed on lp_d3 (eye correlation on lp_s42 0.61 against 0.70, on xp_source_image
   * 0.16 against 0.31).
   */
  private static final double LID_SKIN_FOLLOWS = 0.3;

  private final HeadShape portrait;
  /** The portrait's upper-face centre in the picture, about which the ring zooms and rolls. */
  private final double[] upperFaceCentre;
  private final HeadPose pose;
  /** The ring points kept, in the head frame, where they are in the portrait, and how fully each follows the head. */
  private final double[][] ringHead;
  private final double[] ringSourceX;
  private final double[] ringSourceY;
  private final double[] ringFollow;
  /** Per ring point, the landmark of the face's outline (jaw or brow) nearest to it in the portrait. */
  private final int[] ringOutline;
  /** The whole ring's extent in the portrait, kept or not, pushed out where the head reaches further. */
  private final HeadOutline outline;
  /** The portrait's landmarks in the picture. */
  private final double[] portraitX;
  private final double[] portraitY;

  MotionTransfer(FaceObservation portraitFace, RgbPixels picture) {
    this.portrait = HeadShape.lift(portraitFace);
    portraitX = new double[Landmarks.COUNT];
    portraitY = new double[Landmarks.COUNT];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      portraitX[i] = portraitFace.landmarks().x(i);
      portraitY[i] = portraitFace.landmarks().y(i);
    }
    this.pose = portraitFace.pose();
    this.upperFaceCentre = centre(portraitFace.landmarks());
    double[] r = pose.rotation();
    double margin = RING_EDGE_MARGIN * faceSize();
    int width = picture.width();
    int height = picture.height();
    List<double[]> kept = new ArrayList<>();
    for (int j = 0; j < RING; j++) {
      double[] head = ringPoint(j);
      double x = project(head, r, pose.scale(), pose.originX(), 0);
      double y = project(head, r, pose.scale(), pose.originY(), 1);
      if (x >= margin && y >= margin && x <= width - 1 - margin && y <= height - 1 - margin) {
        // The lower ring sits on the neck, which follows the head only partly.
        double follow = 1 - (1 - NECK_FOLLOW) * Math.pow(Math.max(0, Math.sin(2 * Math.PI * j / RING)), 2);
        // The upper half and the two points level with the centre, where hair meets the background.
        boolean upper = j == 0 || 2 * j >= RING;
        kept.add(new double[] {head[0], head[1], head[2], x, y, follow, upper ? 1 : 0});
      }
    }
    int count = kept.size();
    ringHead = new double[count][];
    ringSourceX = new double[count];
    ringSourceY = new double[count];
    ringFollow = new double[count];
    boolean[] upper = new boolean[count];
    for (int j = 0; j < count; j++) {
      double[] k = kept.get(j);
      ringHead[j] = new double[] {k[0], k[1], k[2]};
      ringSourceX[j] = k[3];
      ringSourceY[j] = k[4];
      ringFollow[j] = k[5];
      upper[j] = k[6] > 0;
    }
    // Out to the hair, where it stands beyond the ring; below the ring's sides lie the neck and shoulders.
    double[] centre = {0, RING_CENTRE_Y, RING_DEPTH};
    double centreX = project(centre, r, pose.scale(), pose.originX(), 0);
    double centreY = project(centre, r, pose.scale(), pose.originY(), 1);
    double[] reach = HeadReach.measure(picture, portraitFace.landmarks(), faceSize(), margin, centreX, centreY,
        ringSourceX, ringSourceY, upper);
    outline = new HeadOutline(headEllipse(pose), ringSourceX, ringSourceY, reach);
    for (int j = 0; j < count; j++) {
      ringHead[j][0] *= reach[j];
      ringHead[j][1] = RING_CENTRE_Y + reach[j] * (ringHead[j][1] - RING_CENTRE_Y);
      ringSourceX[j] = centreX + reach[j] * (ringSourceX[j] - centreX);
      ringSourceY[j] = centreY + reach[j] * (ringSourceY[j] - centreY);
    }
    ringOutline = new int[count];
    for (int j = 0; j < count; j++) {
      int nearest = nearestOutlinePoint(ringSourceX[j], ringSourceY[j]);
      ringOutline[j] = nearest;
      double gap = Math.hypot(ringSourceX[j] - portraitX[nearest], ringSourceY[j] - portraitY[nearest]) / faceSize();
      ringFollow[j] = Math.max(ringFollow[j], Polygons.smoothstep(CLEAR_OF_FACE, ON_FACE, gap));
    }
  }

  /** Ring point j in the head frame. */
  private static double[] ringPoint(int j) {
    double angle = 2 * Math.PI * j / RING;
    return new double[] {RING_RADIUS_X * Math.cos(angle), RING_CENTRE_Y + RING_RADIUS_Y * Math.sin(angle), RING_DEPTH};
  }

  /**
   * The head's extent in a picture where it has this pose, the whole ring's, in or out of the
   * picture: {centre x, centre y, half width, half height} of an upright ellipse.
   */
  static double[] headEllipse(HeadPose pose) {
    double[] r = pose.rotation();
    double[] bounds = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int j = 0; j < RING; j++) {
      double[] head = ringPoint(j);
      double x = project(head, r, pose.scale(), pose.originX(), 0);
      double y = project(head, r, pose.scale(), pose.originY(), 1);
      bounds[0] = Math.min(bounds[0], x);
      bounds[1] = Math.min(bounds[1], y);
      bounds[2] = Math.max(bounds[2], x);
      bounds[3] = Math.max(bounds[3], y);
    }
    return new double[] {
      (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2,
      Math.max(1, (bounds[2] - bounds[0]) / 2), Math.max(1, (bounds[3] - bounds[1]) / 2)
    };
  }

  /** Where the lid-skin points (after the ring in {@link #targets}) are in the portrait. */
  double[] lidSkinSourceX() {
    return midpoints(portraitX);
  }

  double[] lidSkinSourceY() {
    return midpoints(portraitY);
  }

  private static double[] midpoints(double[] coordinates) {
    double[] out = new double[LID_SKIN.length];
    for (int k = 0; k < LID_SKIN.length; k++) {
      out[k] = (coordinates[LID_SKIN[k][0]] + coordinates[LID_SKIN[k][1]]) / 2;
    }
    return out;
  }

  HeadShape portraitShape() {
    return portrait;
  }

  /** The head's extent in the portrait. */
  HeadOutline headOutline() {
    return outline;
  }

  double[] ringSourceX() {
    return ringSourceX.clone();
  }

  double[] ringSourceY() {
    return ringSourceY.clone();
  }

  /** Face size in portrait pixels: the generic head's height from brow to chin, about 150 mm. */
  double faceSize() {
    return 150 * pose.scale();
  }

  /**
   * Where the portrait's landmarks (first 68), ring points (next, as in {@link #ringSourceX}) and lid-skin
   * points (last, as in {@link #lidSkinSourceX}) go for this
   * driving frame, as image x and y; with strength 0 or a driving frame equal to its reference
   * (relative motion), exactly where they are.
   */
  Targets targets(DrivingFrame driving, EngineSettings settings) {
    double strength = settings.strength();
    RegionGains gains = settings.gains();
    boolean relative = settings.motion() == MotionMode.RELATIVE;
    HeadShape now = HeadShape.lift(driving.face());
    HeadShape reference = HeadShape.lift(driving.reference());
    HeadShape base = relative ? reference : now;

    // Expression in the head frame: the driving's change (or its whole shape, for absolute) in
    // the portrait's proportions.
    double kx = clampRatio(portrait.eyeSpan() / base.eyeSpan());
    double ky = clampRatio(portrait.eyeToMouth() / base.eyeToMouth());
    double[] shift = absoluteShift(now, kx, ky);
    int n = Landmarks.COUNT;
    double[] hx = new double[n];
    double[] hy = new double[n];
    for (int i = 0; i < n; i++) {
      double amount = strength * gain(gains, i);
      double dx;
      double dy;
      if (relative) {
        dx = kx * (now.x()[i] - reference.x()[i]);
        dy = ky * (now.y()[i] - reference.y()[i]);
      } else {
        dx = kx * now.x()[i] + shift[0] - portrait.x()[i];
        dy = ky * now.y()[i] + shift[1] - portrait.y()[i];
      }
      hx[i] = portrait.x()[i] + amount * dx;
      hy[i] = portrait.y()[i] + amount * dy;
    }
    double eyeAmount = strength * gains.eyes();
    setLids(36, hx, hy, eyeAmount * (openRatio(now, reference, 36, relative) - 1));
    setLids(42, hx, hy, eyeAmount * (openRatio(now, reference, 42, relative) - 1));

    // Pose: the portrait's rotation turned by the driving's change (relative) or towards the
    // driving's own (absolute); position and size follow the driving's change in relative mode.
    double headAmount = strength * gains.head();
    Placement face = place(driving.face().pose(), driving.reference().pose(), relative, headAmount);
    double[] rotation = face.rotation();
    double scale = face.scale();
    double originX = face.originX();
    double originY = face.originY();
    double[] change = face.change();

    int ring = ringHead.length;
    double[] x = new double[n + ring + LID_SKIN.length];
    double[] y = new double[n + ring + LID_SKIN.length];
    double[] point = new double[3];
    for (int i = 0; i < n; i++) {
      point[0] = hx[i];
      point[1] = hy[i];
      point[2] = portrait.z()[i];
      x[i] = project(point, rotation, scale, originX, 0);
      y[i] = project(point, rotation, scale, originY, 1);
    }
    // Relative motion only: absolute poses the portrait like the driving, which has no picture motion to follow.
    double turn = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, change[8]))));
    // A pose measured from the pictures is steady at any turn, so the ring follows it throughout.
    double posed = relative ? Math.max(driving.aligned(), Polygons.smoothstep(FLAT_TURN, POSED_TURN, turn)) : 1;
    Similarity flat = posed < 1 ? upperFaceMotion(driving, headAmount) : null;
    // The ring moves with the head as the pictures show it; the face with its landmarks' pose, which
    // is what carries the expression (see DrivingFrame#head).
    Placement head = place(driving.head(), driving.reference().pose(), relative, headAmount);
    double ringDepth = LANDMARK_RING_DEPTH + driving.aligned() * (RING_DEPTH - LANDMARK_RING_DEPTH);
    double[] still = pose.rotation();
    for (int j = 0; j < ring; j++) {
      point[0] = ringHead[j][0];
      point[1] = ringHead[j][1];
      point[2] = ringDepth;
      // The ring point's motion at that depth, from where the portrait's pose shows it.
      double px = ringSourceX[j] + project(point, head.rotation(), head.scale(), head.originX(), 0)
          - project(point, still, pose.scale(), pose.originX(), 0);
      double py = ringSourceY[j] + project(point, head.rotation(), head.scale(), head.originY(), 1)
          - project(point, still, pose.scale(), pose.originY(), 1);
      if (flat != null) {
        double fx = flat.x(ringSourceX[j], ringSourceY[j]);
        double fy = flat.y(ringSourceX[j], ringSourceY[j]);
        px = fx + posed * (px - fx);
        py = fy + posed * (py - fy);
      }
      x[n + j] = ringSourceX[j] + ringFollow[j] * (px - ringSourceX[j]);
      y[n + j] = ringSourceY[j] + ringFollow[j] * (py - ringSourceY[j]);
      keepClearOfFace(j, x, y);
    }
    for (int k = 0; k < LID_SKIN.length; k++) {
      int lid = LID_SKIN[k][0];
      int brow = LID_SKIN[k][1];
      point[0] = (portrait.x()[lid] + portrait.x()[brow]) / 2
          + LID_SKIN_FOLLOWS * (hx[lid] - portrait.x()[lid]) + (1 - LID_SKIN_FOLLOWS) * (hx[brow] - portrait.x()[brow]);
      point[1] = (portrait.y()[lid] + portrait.y()[brow]) / 2
          + LID_SKIN_FOLLOWS * (hy[lid] - portrait.y()[lid]) + (1 - LID_SKIN_FOLLOWS) * (hy[brow] - portrait.y()[brow]);
      point[2] = (portrait.z()[lid] + portrait.z()[brow]) / 2;
      x[n + ring + k] = project(point, rotation, scale, originX, 0);
      y[n + ring + k] = project(point, rotation, scale, originY, 1);
    }
    return new Targets(x, y, new HeadShape(hx, hy, portrait.z()));
  }

  /**
   * The portrait's pose for a driving pose: its rotation turned by the driving's change (relative)
   * or towards the driving's own (absolute); position and size follow the driving's change in
   * relative mode. {@code change} is the turn applied.
   */
  private Placement place(HeadPose drivingNow, HeadPose drivingRef, boolean relative, double headAmount) {
    double[] from = relative ? drivingRef.rotation() : pose.rotation();
    double[] change = Rotations.power(Rotations.multiplyTransposed(drivingNow.rotation(), from), headAmount);
    double scale = pose.scale();
    double originX = pose.originX();
    double originY = pose.originY();
    if (relative) {
      double pixelRatio = pose.scale() / drivingRef.scale();
      scale *= Math.exp(bounded(headAmount * Math.log(drivingNow.scale() / drivingRef.scale()), MAX_ZOOM));
      originX += headAmount * pixelRatio * (drivingNow.originX() - drivingRef.originX());
      originY += headAmount * pixelRatio * (drivingNow.originY() - drivingRef.originY());
    }
    return new Placement(Rotations.multiply(change, pose.rotation()), scale, originX, originY, change);
  }

  private record Placement(double[] rotation, double scale, double originX, double originY, double[] change) {}

  /**
   * Where the points of the portrait's target shape are in the output picture, and the shape
   * itself in the head frame (for measures such as mouth openness).
   */
  record Targets(double[] x, double[] y, HeadShape shape) {
    /** Lid-skin point k (in the order of {@link MotionTransfer#lidSkinSourceX}): x, then y. */
    double lidSkinX(int k) {
      return x[x.length - LID_SKIN.length + k];
    }

    double lidSkinY(int k) {
      return y[y.length - LID_SKIN.length + k];
    }
  }

  /**
   * A zoom and roll by {@code (a, b)} = scale × (cos, sin) of the angle about the portrait point
   * (cx, cy), then a shift.
   */
  private record Similarity(double a, double b, double cx, double cy, double shiftX, double shiftY) {
    double x(double px, double py) {
      return cx + shiftX + a * (px - cx) - b * (py - cy);
    }

    double y(double px, double py) {
      return cy + shiftY + b * (px - cx) + a * (py - cy);
    }
  }

  /**
   * The driving's upper-face motion since the reference, as a least-squares similarity in the
   * picture, carried to the portrait (shift in portrait pixels, zoom beyond expression's own
   * noise, roll) and scaled by {@code amount}.
   */
  private Similarity upperFaceMotion(DrivingFrame driving, double amount) {
    Landmarks now = driving.face().landmarks();
    Landmarks ref = driving.reference().landmarks();
    double[] nowCentre = centre(now);
    double[] refCentre = centre(ref);
    double dot = 0;
    double cross = 0;
    double norm = 0;
    for (int i : UPPER_FACE) {
      double ax = ref.x(i) - refCentre[0];
      double ay = ref.y(i) - refCentre[1];
      double bx = now.x(i) - nowCentre[0];
      double by = now.y(i) - nowCentre[1];
      dot += ax * bx + ay * by;
      cross += ax * by - ay * bx;
      norm += ax * ax + ay * ay;
    }
    double zoom = 0.5 * Math.log((dot * dot + cross * cross) / Math.max(1e-12, norm * norm));
    double size = Math.exp(bounded(amount * Math.signum(zoom) * Math.max(0, Math.abs(zoom) - ZOOM_NOISE), MAX_ZOOM));
    double roll = amount * Math.atan2(cross, dot);
    double pixelRatio = pose.scale() / driving.reference().pose().scale();
    return new Similarity(size * Math.cos(roll), size * Math.sin(roll), upperFaceCentre[0], upperFaceCentre[1],
        amount * pixelRatio * (nowCentre[0] - refCentre[0]), amount * pixelRatio * (nowCentre[1] - refCentre[1]));
  }

  /**
   * Moves ring point j (its target at index 68 + j) out from the face until at least {@link #MIN_GAP}
   * of its distance from the nearest point of the face's outline is left. A face that moves towards
   * the ring faster than the ring follows (a jaw dropping onto a neck that hardly moves) would
   * otherwise pass it, and the warp would fold the picture over itself there.
   */
  private void keepClearOfFace(int j, double[] x, double[] y) {
    int nearest = ringOutline[j];
    double gapX = ringSourceX[j] - portraitX[nearest];
    double gapY = ringSourceY[j] - portraitY[nearest];
    double gap = Math.hypot(gapX, gapY);
    if (gap < 1e-6) {
      return;
    }
    int i = Landmarks.COUNT + j;
    double along = ((x[i] - x[nearest]) * gapX + (y[i] - y[nearest]) * gapY) / gap;
    double missing = MIN_GAP * gap - along;
    if (missing > 0) {
      x[i] += missing * gapX / gap;
      y[i] += missing * gapY / gap;
    }
  }

  /** The jaw or brow landmark (0 to 26) nearest to a point of the portrait. */
  private int nearestOutlinePoint(double x, double y) {
    int nearest = 0;
    double best = Double.MAX_VALUE;
    for (int i = 0; i <= 26; i++) {
      double d = Math.hypot(x - portraitX[i], y - portraitY[i]);
      if (d < best) {
        best = d;
        nearest = i;
      }
    }
    return nearest;
  }

  /** {@code value} eased towards ±{@code limit}: whole near 0, never beyond the limit. */
  private static double bounded(double value, double limit) {
    return limit * Math.tanh(value / limit);
  }

  private static double[] centre(Landmarks landmarks) {
    double x = 0;
    double y = 0;
    for (int i : UPPER_FACE) {
      x += landmarks.x(i);
      y += landmarks.y(i);
    }
    return new double[] {x / UPPER_FACE.length, y / UPPER_FACE.length};
  }

  /**
   * For absolute motion: the offset that puts the scaled driving shape's rigid centre (eye
   * corners and nose) on the portrait's.
   */
  private double[] absoluteShift(HeadShape driving, double kx, double ky) {
    int[] rigid = {27, 28, 29, 30, 31, 33, 35, 36, 39, 42, 45};
    double sx = 0, sy = 0;
    for (int i : rigid) {
      sx += portrait.x()[i] - kx * driving.x()[i];
      sy += portrait.y()[i] - ky * driving.y()[i];
    }
    return new double[] {sx / rigid.length, sy / rigid.length};
  }

  /**
   * How much the portrait's lid gap should be multiplied by: the driving's openness over its
   * reference openness (relative), or over the portrait's (absolute), both above the closed floor.
   * Closing is taken as it is, down to shut; widening follows the ratio at first and then eases
   * towards {@link #WIDEST_EYE}, so that a wider driving eye always gives a wider portrait eye.
   */
  private double openRatio(HeadShape now, HeadShape reference, int first, boolean relative) {
    double base = relative ? reference.eyeOpenness(first) : portrait.eyeOpenness(first);
    double ratio = aboveClosed(now.eyeOpenness(first)) / aboveClosed(base);
    if (ratio <= 1) {
      return ratio;
    }
    double own = Math.max(1e-6, portrait.eyeOpenness(first));
    double room = Math.max(MIN_WIDENING, WIDEST_EYE / own - 1);
    return 1 + room * Math.tanh((ratio - 1) / room);
  }

  /**
   * Rewrites the four lid points of one eye so the gap between each lid pair is the portrait's
   * times {@code 1 + change}, measured from the line through the target eye corners, the lids
   * meeting low in the eye as real ones do.
   */
  private void setLids(int first, double[] hx, double[] hy, double change) {
    double factor = Math.max(0, 1 + change);
    int a = first;
    int b = first + 3;
    double shiftX = (hx[a] - portrait.x()[a] + hx[b] - portrait.x()[b]) / 2;
    int[][] pairs = {{first + 1, first + 5}, {first + 2, first + 4}};
    for (int[] pair : pairs) {
      int upper = pair[0];
      int lower = pair[1];
      double upperOffset = portrait.y()[upper] - lineY(portrait.x(), portrait.y(), a, b, portrait.x()[upper]);
      double lowerOffset = portrait.y()[lower] - lineY(portrait.x(), portrait.y(), a, b, portrait.x()[lower]);
      double meet = upperOffset + LID_MEETING * (lowerOffset - upperOffset);
      hx[upper] = portrait.x()[upper] + shiftX;
      hx[lower] = portrait.x()[lower] + shiftX;
      hy[upper] = lineY(hx, hy, a, b, hx[upper]) + meet + (upperOffset - meet) * factor;
      hy[lower] = lineY(hx, hy, a, b, hx[lower]) + meet + (lowerOffset - meet) * factor;
    }
  }

  /** Openness above the closed floor, kept off zero so that a ratio of equal values is 1. */
  private static double aboveClosed(double openness) {
    return Math.max(0, openness - CLOSED_EYE) + 0.01;
  }

  private static double lineY(double[] x, double[] y, int a, int b, double at) {
    double run = x[b] - x[a];
    return Math.abs(run) < 1e-9 ? y[a] : y[a] + (at - x[a]) * (y[b] - y[a]) / run;
  }

  private static double gain(RegionGains gains, int landmark) {
    if (landmark >= 48) {
      return gains.lips();
    }
    if (landmark >= 36) {
      return gains.eyes();
    }
    return gains.expression();
  }

  /** Proportions differ between faces, but not by more than this; beyond it a fit went wrong. */
  private static double clampRatio(double ratio) {
    return Double.isFinite(ratio) ? Math.max(0.6, Math.min(1.6, ratio)) : 1;
  }

  /** Image coordinate {@code axis} (0 = x, 1 = y) of a head-frame point under a pose. */
  private static double project(double[] head, double[] rotation, double scale, double origin, int axis) {
    int row = 3 * axis;
    return origin + scale * (rotation[row] * head[0] + rotation[row + 1] * head[1] + rotation[row + 2] * head[2]);
  }
}
