package org.portraitperf.engine.warp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;

/**
 * Prepared once per session from the portrait and its analysed face; immutable, thread-safe.
 *
 * <p>One frame: the driving motion becomes target positions for the portrait's landmarks and for
 * a ring of rigid head points ({@link MotionTransfer}); a thin-plate spline from those targets
 * back to where the points are in the portrait gives a smooth backward displacement field, which
 * fades out beyond the head and towards the frame's edges so that everything far from the face
 * stays exactly where it was. The portrait is resampled through that field (and, where the head
 * travels further than the fade can carry, once more through the unfaded field, as a head layer
 * laid over the background: see {@link #MATTE_BAND}), then the driving's shading change is laid
 * over the face ({@link FaceField}), the irises follow the driving's gaze ({@link GazeShift}),
 * nearly closed eyes get their lids ({@link EyeLids}) and an opened mouth is given an inside
 * ({@link MouthInterior}).
 */
final class WarpAnimator {
  /**
   * The displacement is whole within the ring of head points and gone by this multiple of its
   * radius at most; {@link #window} picks how far out per frame.
   */
  private static final double WINDOW_OUTER = 1.4;
  /**
   * The narrowest fade beyond the ring (per ring radius): a small motion then moves little of the
   * background and shoulders, which in a real clip stay put.
   */
  private static final double MIN_FADE = 0.1;
  /**
   * Fade width per ring radius for each ring radius the ring moves. A smoothstep's steepest slope is
   * 1.5 per fade width, so the displacement folds the picture over once it exceeds two thirds of
   * the width; three times the motion keeps the mapping well clear of that.
   */
  private static final double FADE_PER_MOTION = 3;
  /**
   * The displacement along the head's outline (not across it) fades out over this share of the
   * window's fade. A head moving along its own outline covers and uncovers the background beside
   * it rather than dragging it along; cutting that sliding part off faster is a shear, which does
   * not fold the picture, so it needs less of the width that motion across the outline does. Not
   * all at once: the outline is an ellipse round the skull, out to the hair only above, not the real
   * silhouette, and a cut right at it bends the jaw and neck that the landmark model reads the
   * head's pitch from.
   */
  private static final double SLIDE_FADE = 0.5;
  /**
   * A smoothstep's steepest slope, per unit of its width: a displacement faded out over a width
   * folds the picture once it exceeds the width divided by this.
   */
  private static final double SMOOTHSTEP_SLOPE = 1.5;
  /**
   * Width of the head layer's soft edge, per ring radius. A head that travels further than the
   * window's fade can carry is also laid over the background as a layer, moved whole: on the side
   * it moves towards, it covers the band where the fade folds, and the background beyond its edge
   * stays where it was instead of being crushed into a fold (which drew a horn out of the hair).
   * The layer comes in as the fade's steepest slope passes three quarters of a fold, and is whole
   * by the motion at which it folds: below, the fade carries the head well enough, and the layer's
   * second pass over the head's edge is not paid for.
   */
  private static final double MATTE_BAND = 0.1;
  private static final double LAYER_WHOLE = (WINDOW_OUTER - 1) / SMOOTHSTEP_SLOPE;
  private static final double LAYER_FROM = 0.75 * LAYER_WHOLE;
  /**
   * How far out from the ring's centre (in ring radii) pixels may move at all: beyond the window's
   * widest fade, room for the head layer to travel about a face size.
   */
  private static final double REGION_OUTER = 3;
  /**
   * The side the head travels towards: where the outline's normal is within this cosine of the
   * direction of travel, whole; from there to square to it, less and less. (The cosine is scaled by
   * the share of the ring's motion that is travel.)
   */
  private static final double LEADING_SIDE = 0.5;
  /** Spline nodes per face size: fine enough for eyelids, coarse enough to cost little. */
  private static final double NODES_PER_FACE = 30;
  private static final double MIN_STEP = 2;
  private static final double MAX_STEP = 16;
  /** Most still points along the frame's edges, so that huge frames do not slow the spline down. */
  private static final int MAX_BORDER_ANCHORS = 32;
  /** Width of the soft seams round painted lids and mouth interiors, per face size. */
  private static final double SEAM = 0.012;

  /** RGBA pixels of the output, written one int at a time. */
  private static final VarHandle PIXEL = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final int width;
  private final int height;
  /** The portrait's pixels packed for resampling, see {@link #pack}. */
  private final int[] packed;
  /** The portrait as RGBA with alpha 0: every frame starts as a copy of it. */
  private final byte[] base;
  private final MotionTransfer motion;
  private final MouthInterior mouth;
  private final EyeLids lids;
  private final GazeShift gaze;
  private final double faceSize;
  /** How many control points move (landmarks, ring, lid skin); the rest are the still border. */
  private final int moving;
  /** Where the head ring's points are among the control points: [ringStart, ringEnd). */
  private final int ringStart;
  private final int ringEnd;
  /** Where the control points (landmarks, ring, border) are in the portrait. */
  private final double[] sourceX;
  private final double[] sourceY;
  private final WarpGrid grid;
  /** Per grid node: its distance from the head ring's centre, in ring radii. */
  private final float[] radius;
  /** Per grid node: the outward unit normal of the head ellipse through it, see {@link #SLIDE_FADE}. */
  private final float[] normalX;
  private final float[] normalY;
  /** Per grid node: 1 away from the frame's edges, falling to 0 at them. */
  private final float[] edgeHold;
  /** Pixels that may move, within the picture: {x0, y0, x1, y1}. */
  private final int[] region;
  /** The head's extent in the portrait. */
  private final HeadOutline head;
  /** The head ring's smaller half-axis in pixels: fade widths are measured in it. */
  private final double ringRadius;

  private WarpAnimator(RgbImage portrait, FaceObservation face) {
    // Both are private copies of the pixels: the animator must not change under its callers.
    this.base = withClearAlpha(portrait);
    this.packed = pack(portrait);
    this.width = portrait.width();
    this.height = portrait.height();
    this.motion = new MotionTransfer(face, portrait);
    this.mouth = new MouthInterior(portrait, face.landmarks(), motion.portraitShape());
    this.lids = new EyeLids(portrait, face.landmarks(), motion.portraitShape(), motion.lidSkinSourceX(),
        motion.lidSkinSourceY());
    this.gaze = new GazeShift(portrait, face.landmarks());
    this.faceSize = motion.faceSize();
    double[] ringX = motion.ringSourceX();
    double[] ringY = motion.ringSourceY();
    double[] lidX = motion.lidSkinSourceX();
    double[] lidY = motion.lidSkinSourceY();
    double[][] border = borderAnchors(width, height, faceSize);
    int n = Landmarks.COUNT;
    moving = n + ringX.length + lidX.length;
    // A face filling the frame keeps no ring point; its landmarks then say how far the head moves.
    ringStart = ringX.length > 0 ? n : 0;
    ringEnd = ringX.length > 0 ? n + ringX.length : n;
    sourceX = new double[moving + border[0].length];
    sourceY = new double[moving + border[0].length];
    for (int i = 0; i < n; i++) {
      sourceX[i] = face.landmarks().x(i);
      sourceY[i] = face.landmarks().y(i);
    }
    System.arraycopy(ringX, 0, sourceX, n, ringX.length);
    System.arraycopy(ringY, 0, sourceY, n, ringY.length);
    System.arraycopy(lidX, 0, sourceX, n + ringX.length, lidX.length);
    System.arraycopy(lidY, 0, sourceY, n + ringX.length, lidY.length);
    System.arraycopy(border[0], 0, sourceX, moving, border[0].length);
    System.arraycopy(border[1], 0, sourceY, moving, border[1].length);

    // The window: the head's outline, fading out to WINDOW_OUTER times it, and a thin band
    // along the frame's edges that makes the border hold exactly still.
    head = motion.headOutline();
    double cx = head.centreX();
    double cy = head.centreY();
    double ax = head.halfWidth();
    double ay = head.halfHeight();
    double outermost = head.outermost();
    ringRadius = Math.min(ax, ay);
    region = new int[] {
      Math.max(0, (int) Math.floor(cx - REGION_OUTER * outermost * ax)),
      Math.max(0, (int) Math.floor(cy - REGION_OUTER * outermost * ay)),
      Math.min(width - 1, (int) Math.ceil(cx + REGION_OUTER * outermost * ax)),
      Math.min(height - 1, (int) Math.ceil(cy + REGION_OUTER * outermost * ay)),
    };
    double step = Math.max(MIN_STEP, Math.min(MAX_STEP, faceSize / NODES_PER_FACE));
    grid = WarpGrid.covering(region[0], region[1], region[2], region[3], step);
    radius = new float[grid.nodes()];
    edgeHold = new float[grid.nodes()];
    normalX = new float[grid.nodes()];
    normalY = new float[grid.nodes()];
    // Nodes within one step of the edge hold still, so every pixel between them and the edge does.
    double edgeBand = 3 * step;
    for (int r = 0, node = 0; r < grid.rows(); r++) {
      double y = grid.nodeY(r);
      for (int c = 0; c < grid.columns(); c++, node++) {
        double x = grid.nodeX(c);
        double edge = Math.min(Math.min(x, width - 1 - x), Math.min(y, height - 1 - y));
        radius[node] = (float) head.radius(x, y);
        edgeHold[node] = (float) Polygons.smoothstep(step, edgeBand, edge);
        double gx = (x - cx) / (ax * ax);
        double gy = (y - cy) / (ay * ay);
        double length = Math.max(1e-12, Math.hypot(gx, gy));
        normalX[node] = (float) (gx / length);
        normalY[node] = (float) (gy / length);
      }
    }
  }

  /**
   * Still points along the frame's edges, about three quarters of a face apart: the spline has to bend back to
   * nothing there, which spreads a head's movement over the space between head and edge.
   */
  private static double[][] borderAnchors(int width, int height, double faceSize) {
    double spacing = Math.max(0.75 * faceSize, 2.0 * (width + height) / MAX_BORDER_ANCHORS);
    int across = Math.max(1, (int) Math.ceil((width - 1) / spacing));
    int down = Math.max(1, (int) Math.ceil((height - 1) / spacing));
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < across; i++) {
      double x = (width - 1.0) * i / across;
      points.add(new double[] {x, 0});
      points.add(new double[] {width - 1 - x, height - 1});
    }
    for (int j = 0; j < down; j++) {
      double y = (height - 1.0) * j / down;
      points.add(new double[] {width - 1, y});
      points.add(new double[] {0, height - 1 - y});
    }
    double[][] out = new double[2][points.size()];
    for (int i = 0; i < points.size(); i++) {
      out[0][i] = points.get(i)[0];
      out[1][i] = points.get(i)[1];
    }
    return out;
  }

  static WarpAnimator prepare(RgbImage portrait, FaceObservation portraitFace) {
    return new WarpAnimator(portrait, portraitFace);
  }

  /**
   * The portrait following the driving frame, at the portrait's size. Alpha = the animated
   * head/face region's feathered mask (opaque where the warp moved or synthesised pixels, 0 far
   * from the face), so callers can build a face layer; RGB is the full composited portrait frame.
   * Pure function of its inputs (no hidden state: frame t must not depend on previously rendered
   * frames).
   */
  RgbaImage render(DrivingFrame driving, EngineSettings settings) {
    byte[] out = base.clone();
    paint(driving, settings, out);
    return new RgbaImage(width, height, out);
  }

  /**
   * {@link #render} into {@code out}, a frame from {@link #newFrame} whose contents are replaced: for
   * a caller that reuses one frame after another, as a new frame-size array costs more than filling
   * an old one.
   */
  void render(DrivingFrame driving, EngineSettings settings, RgbaImage out) {
    if (out.width() != width || out.height() != height) {
      throw new IllegalArgumentException("frame is " + out.width() + "x" + out.height() + ", the portrait "
          + width + "x" + height);
    }
    System.arraycopy(base, 0, out.pixels(), 0, base.length);
    paint(driving, settings, out.pixels());
  }

  /** A frame of the portrait's size to {@link #render(DrivingFrame, EngineSettings, RgbaImage) render} into. */
  RgbaImage newFrame() {
    return new RgbaImage(width, height, new byte[base.length]);
  }

  /** The frame's pixels over the portrait's, which {@code out} holds when called. */
  private void paint(DrivingFrame driving, EngineSettings settings, byte[] out) {
    MotionTransfer.Targets targets = motion.targets(driving, settings);
    int count = sourceX.length;
    double[] tx = new double[count];
    double[] ty = new double[count];
    System.arraycopy(targets.x(), 0, tx, 0, moving);
    System.arraycopy(targets.y(), 0, ty, 0, moving);
    System.arraycopy(sourceX, moving, tx, moving, count - moving);
    System.arraycopy(sourceY, moving, ty, moving, count - moving);
    double[] dx = new double[count];
    double[] dy = new double[count];
    for (int i = 0; i < count; i++) {
      dx[i] = sourceX[i] - tx[i];
      dy[i] = sourceY[i] - ty[i];
    }
    ThinPlateSpline spline = ThinPlateSpline.fit(tx, ty, dx, dy, faceSize);
    double[] ringMotion = ringMotion(targets);
    double layer = Polygons.smoothstep(LAYER_FROM, LAYER_WHOLE, ringMotion[0] / ringRadius);
    warp(spline, window(ringMotion, layer), ringMotion[0], layer, out);
    FaceField.compute(targets, driving, settings, faceSize, width, height).apply(out, width, height);
    double seam = Math.max(1, SEAM * faceSize);
    gaze.paint(out, width, height, targets, driving, settings);
    lids.paint(out, width, height, targets, spline, seam);
    mouth.paint(out, width, height, targets, driving, settings, seam);
  }

  /**
   * Per grid node, how much of the displacement applies there for these targets: whole within
   * the ring, fading out beyond it over a width that grows with how far the ring moves, so that
   * big head motion does not fold the picture and small motion leaves the surroundings still.
   * Four values a node: the window itself, for motion across the head's outline where the head
   * moves away from the node (or along it); along the outline ({@link #SLIDE_FADE}); and across it
   * on the side the head travels towards, where, as the head layer comes in (layer 0 to 1), the
   * fade narrows to the layer's edge, under the head, so that what lies beyond the head there
   * stays still; and how far (0 to 1) the node lies on that side. That side is the head's, not
   * the face's: a jaw that drops past the ring is expression, and keeps the whole fade.
   */
  private float[] window(double[] ringMotion, double layer) {
    double motion = ringMotion[0];
    double outer = 1 + Math.min(WINDOW_OUTER - 1, Math.max(MIN_FADE, FADE_PER_MOTION * motion / ringRadius));
    double slideOuter = 1 + SLIDE_FADE * (outer - 1);
    double leadOuter = 1 + Math.max(MATTE_BAND, (1 - layer) * (outer - 1));
    // The direction of travel, as long as the share of the ring's motion that is travel (a roll or
    // a zoom moves the ring without taking the head towards any side).
    double towardsX = layer > 0 ? ringMotion[1] / motion : 0;
    double towardsY = layer > 0 ? ringMotion[2] / motion : 0;
    float[] window = new float[4 * radius.length];
    for (int node = 0; node < radius.length; node++) {
      double w = Polygons.smoothstep(outer, 1, radius[node]) * edgeHold[node];
      double ahead = Polygons.smoothstep(0, LEADING_SIDE, towardsX * normalX[node] + towardsY * normalY[node]);
      double lead = Polygons.smoothstep(leadOuter, 1, radius[node]) * edgeHold[node];
      window[4 * node] = (float) w;
      window[4 * node + 1] = (float) (Polygons.smoothstep(slideOuter, 1, radius[node]) * edgeHold[node]);
      window[4 * node + 2] = (float) (w + ahead * (lead - w));
      window[4 * node + 3] = (float) ahead;
    }
    return window;
  }

  /**
   * How the head ring moves, in pixels: {how far its point that moves most moves, its points'
   * mean motion in x, in y}.
   */
  private double[] ringMotion(MotionTransfer.Targets targets) {
    double largest = 0;
    double meanX = 0;
    double meanY = 0;
    int count = ringEnd - ringStart;
    for (int i = ringStart; i < ringEnd; i++) {
      double mx = targets.x()[i] - sourceX[i];
      double my = targets.y()[i] - sourceY[i];
      largest = Math.max(largest, Math.hypot(mx, my));
      meanX += mx / count;
      meanY += my / count;
    }
    return new double[] {largest, meanX, meanY};
  }

  /**
   * Resamples the portrait through the windowed spline field into the moving region of out,
   * bilinearly, and sets alpha there to the window; then lays the head layer over it where the
   * two differ.
   */
  private void warp(ThinPlateSpline spline, float[] window, double ringMotion, double layerStrength, byte[] out) {
    int columns = grid.columns();
    // Per node: displacement x, y (already windowed) and the window itself; and for the head
    // layer the displacement whole, the layer's matte, and 1 where both layers are the same.
    float[] field = new float[3 * grid.nodes()];
    float[] layer = layerStrength > 0 ? new float[4 * grid.nodes()] : null;
    // Nodes beyond this radius cannot show the head (with a fifth more than the ring's motion, for
    // the spline bulging between its points); none can while the layer is off.
    double reach = layerStrength > 0 ? 1 + MATTE_BAND + 1.2 * ringMotion / ringRadius : -1;
    float[] d = new float[2];
    for (int r = 0, node = 0; r < grid.rows(); r++) {
      for (int c = 0; c < columns; c++, node++) {
        float w = window[4 * node];
        // The layer shows only on the side the head travels towards.
        boolean near = radius[node] <= reach && window[4 * node + 3] > 0;
        if (w <= 0 && !near) {
          continue;
        }
        spline.displacement(grid.nodeX(c), grid.nodeY(r), d, 0);
        float slide = window[4 * node + 1];
        if (w > 0) {
          float across = d[0] * normalX[node] + d[1] * normalY[node];
          float acrossWindow = window[4 * node + 2];
          field[3 * node] = across * normalX[node] * acrossWindow + (d[0] - across * normalX[node]) * slide;
          field[3 * node + 1] = across * normalY[node] * acrossWindow + (d[1] - across * normalY[node]) * slide;
          field[3 * node + 2] = w;
        }
        if (near) {
          // The matte is the head's, carried with it: read where the node's pixel comes from.
          layer[4 * node] = d[0];
          layer[4 * node + 1] = d[1];
          // Only on the side the head travels towards: elsewhere the fade folds nothing.
          layer[4 * node + 2] = (float) (layerStrength * window[4 * node + 3]
              * Polygons.smoothstep(1 + MATTE_BAND, 1, head.radius(grid.nodeX(c) + d[0], grid.nodeY(r) + d[1]))
              * edgeHold[node]);
          layer[4 * node + 3] = w >= 1 && slide >= 1 ? 1 : 0;
        }
      }
    }
    if (layerStrength > 0) {
      paintField(field, 3, layer, false, out);
      paintField(layer, 4, null, true, out);
    } else {
      paintField(field, 3, null, false, out);
    }
  }

  /**
   * Resamples the portrait through a field (displacement x, y and alpha per node, {@code channels}
   * values a node) into out, leaving out cells that the head layer {@code cover} (if any) will
   * cover whole. Over: blended over what out holds, by that alpha, skipping cells where the fourth
   * channel says out already holds the same.
   */
  private void paintField(float[] field, int channels, float[] cover, boolean over, byte[] out) {
    int columns = grid.columns();
    int step = grid.step();
    float[] row = new float[channels * columns];
    float[] coverRow = cover == null ? null : new float[4 * columns];
    for (int y = region[1]; y <= region[3]; y++) {
      grid.row(field, channels, y, row);
      if (coverRow != null) {
        grid.row(cover, 4, y, coverRow);
      }
      for (int c = 0; c < columns - 1; c++) {
        int n = channels * c;
        int m = n + channels;
        if (row[n + 2] <= 0 && row[m + 2] <= 0
            || over && row[n + 3] >= 1 && row[m + 3] >= 1
            || coverRow != null && coverRow[4 * c + 2] >= 1 && coverRow[4 * c + 6] >= 1
                && !(coverRow[4 * c + 3] >= 1 && coverRow[4 * c + 7] >= 1)) {
          continue;
        }
        int left = grid.nodeX(c);
        int from = Math.max(region[0], left);
        int to = Math.min(region[2], c == columns - 2 ? left + step : left + step - 1);
        if (from > to) {
          continue;
        }
        // Fixed point, 16 fractional bits, stepped by constants across the cell.
        float t = (float) (from - left) / step;
        double stepX = (1 + (row[m] - row[n]) / step) * 65536;
        double stepY = (row[m + 1] - row[n + 1]) / step * 65536;
        double stepW = (row[m + 2] - row[n + 2]) / step * 255 * 65536;
        long sx = Math.round((from + row[n] + t * (row[m] - row[n])) * 65536.0);
        long sy = Math.round((y + row[n + 1] + t * (row[m + 1] - row[n + 1])) * 65536.0);
        long a = Math.round((row[n + 2] + t * (row[m + 2] - row[n + 2])) * 255 * 65536.0);
        if (over) {
          resampleOver(out, y, from, to, sx, sy, a, (int) Math.round(stepX), (int) Math.round(stepY),
              (int) Math.round(stepW));
        } else {
          resample(out, y, from, to, sx, sy, a, (int) Math.round(stepX), (int) Math.round(stepY),
              (int) Math.round(stepW));
        }
      }
    }
  }

  /**
   * One run of output pixels from x = from to to on row y, reading the portrait at fixed-point
   * positions (sx, sy) that advance by (dx, dy) per pixel, alpha a advancing by da.
   */
  private void resample(byte[] out, int y, int from, int to, long sx, long sy, long a, int dx, int dy, int da) {
    int[] src = packed;
    long limitX = (long) (width - 1) << 16;
    long limitY = (long) (height - 1) << 16;
    int p = (y * width + from) * 4;
    // A run that reads inside the picture needs no clamping.
    if (readsInside(sx, sy, dx, dy, to - from)) {
      for (int x = from; x <= to; x++, p += 4, sx += dx, sy += dy, a += da) {
        PIXEL.set(out, p, bilinear(src, width, sx, sy) | (int) ((a + 32768) >> 16) << 24);
      }
    } else {
      for (int x = from; x <= to; x++, p += 4, sx += dx, sy += dy, a += da) {
        long cx = Math.max(0, Math.min(limitX - 1, sx));
        long cy = Math.max(0, Math.min(limitY - 1, sy));
        PIXEL.set(out, p, bilinear(src, width, cx, cy) | (int) ((a + 32768) >> 16) << 24);
      }
    }
  }

  /**
   * As {@link #resample}, but blending each read over what out holds by its alpha, and keeping the
   * larger alpha.
   */
  private void resampleOver(byte[] out, int y, int from, int to, long sx, long sy, long a, int dx, int dy, int da) {
    boolean inside = readsInside(sx, sy, dx, dy, to - from);
    long limitX = (long) (width - 1) << 16;
    long limitY = (long) (height - 1) << 16;
    int p = (y * width + from) * 4;
    for (int x = from; x <= to; x++, p += 4, sx += dx, sy += dy, a += da) {
      int alpha = (int) ((a + 32768) >> 16);
      if (alpha <= 0) {
        continue;
      }
      int colour = inside ? bilinear(packed, width, sx, sy)
          : bilinear(packed, width, Math.max(0, Math.min(limitX - 1, sx)), Math.max(0, Math.min(limitY - 1, sy)));
      if (alpha < 255) {
        int under = (int) PIXEL.get(out, p);
        colour = lerp(under, colour, alpha + (alpha >> 7));
        alpha = Math.max(alpha, under >>> 24);
      }
      PIXEL.set(out, p, colour | alpha << 24);
    }
  }

  /**
   * Whether a run of n + 1 fixed-point reads from (sx, sy), stepping by (dx, dy), stays inside the
   * picture with a pixel right of and below each: positions are linear, so the ends decide.
   */
  private boolean readsInside(long sx, long sy, int dx, int dy, int n) {
    long lastX = sx + (long) dx * n;
    long lastY = sy + (long) dy * n;
    long limitX = (long) (width - 1) << 16;
    long limitY = (long) (height - 1) << 16;
    return Math.min(sx, lastX) >= 0 && Math.max(sx, lastX) < limitX && Math.min(sy, lastY) >= 0
        && Math.max(sy, lastY) < limitY;
  }

  /** The packed picture at fixed-point position (sx, sy), which must have a pixel right of and below it. */
  private static int bilinear(int[] src, int width, long sx, long sy) {
    int i = (int) (sy >> 16) * width + (int) (sx >> 16);
    // 8-bit weights rounded from the fraction: a whole-pixel position reads that pixel exactly.
    int wx = ((int) (sx & 0xffff) + 128) >> 8;
    int wy = ((int) (sy & 0xffff) + 128) >> 8;
    return lerp(lerp(src[i], src[i + 1], wx), lerp(src[i + width], src[i + width + 1], wx), wy);
  }

  /**
   * Mix of two packed pixels, weight w/256 on the second, two channels in one multiply: their
   * 8-bit lanes are 16 bits apart, room enough for the product.
   */
  private static int lerp(int first, int second, int w) {
    int v = 256 - w;
    int rb = ((((first & 0xff00ff) * v + (second & 0xff00ff) * w + 0x800080) >>> 8) & 0xff00ff);
    int g = ((((first & 0xff00) * v + (second & 0xff00) * w + 0x8000) >>> 8) & 0xff00);
    return rb | g;
  }

  /**
   * The picture as one int per pixel laid out as an RGBA pixel reads as a little-endian int
   * (0x00BBGGRR), so a bilinear read is four loads, not twelve, and a write is one store.
   */
  private static int[] pack(RgbImage image) {
    byte[] rgb = image.pixels();
    int[] out = new int[image.width() * image.height()];
    for (int i = 0, p = 0; i < out.length; i++, p += 3) {
      out[i] = (rgb[p + 2] & 0xff) << 16 | (rgb[p + 1] & 0xff) << 8 | (rgb[p] & 0xff);
    }
    return out;
  }

  private static byte[] withClearAlpha(RgbImage image) {
    byte[] rgb = image.pixels();
    byte[] rgba = new byte[image.width() * image.height() * 4];
    for (int p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
      rgba[q] = rgb[p];
      rgba[q + 1] = rgb[p + 1];
      rgba[q + 2] = rgb[p + 2];
    }
    return rgba;
  }
}
