package org.portraitperf.engine.warp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.portraitperf.face.Landmarks;
import org.portraitperf.face.Polyline;
import org.portraitperf.media.RgbImage;

/**
 * Draws the lid over an eye that the warp has nearly closed. Squeezing the eye's opening towards
 * the lid line leaves a thin dark band of iris and lashes, which reads as a squint rather than a
 * blink; a closed eye shows lid skin, and one dark line where the lids meet: the upper lashes
 * lying on the lower lid. So as the target lid gap falls below half the portrait's, the inside of
 * the eye is blended towards the colour of the portrait's own upper lid, and a lash line in the
 * portrait's own darkest eye colour is drawn along the lids' meeting.
 *
 * <p>The skin a closing lid unfolds is drawn too. The warp can only stretch what the portrait
 * shows above the lashes, a band a few pixels high on most faces, over the height the lid
 * travels: the stretch turns its lashes, crease and socket shade into vertical streaks that the
 * eye (and the landmark model) reads as an open eye behind a veil. Between the lid-skin points and
 * the lowered lid the warp's pixels give way to the portrait's own lid colour along the eye (the
 * darker tones of its skin there, as a shut lid lies in the socket's shade; lashes and brow hairs
 * left out), which is smooth, as a lid drawn taut is, but for the fine grain of the portrait's own
 * skin ({@link SkinGrain}), without which the lid reads as a flat patch on a grainy picture.
 *
 * <p>Where the landmark model outlined only the iris of a drawn face's big eye, the white it left
 * outside ({@link EyeWhites}) is covered in skin as the eye shuts, and the lash line runs to its
 * ends. Immutable.
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
  /** Lid gap, relative to the portrait's, at which the unfolded lid skin starts to be drawn and at which it is whole. */
  private static final double SKIN_STARTS = 0.85;
  private static final double SKIN_WHOLE = 0.45;
  /** Places along the eye, corner to corner, at which the lid's colour is taken. */
  private static final int SKIN_SAMPLES = 12;
  /**
   * How far down the lid band (from the lid-skin points, 0, to the lashes, 1) its colour is taken:
   * the lashes below would darken it.
   */
  private static final double SKIN_ABOVE_LASHES = 0.7;
  /**
   * The quantiles of brightness between which the lid band's samples are taken as its skin: above
   * the darkest (lashes, brow hairs, a glasses' frame), and in the darker half, as a lid shut in
   * its socket is in the socket's shade. A lid in the band's lighter tones (0.55 to 0.85) looked
   * like a cap laid over the eye on deep-set eyes, and the landmark model took it for the white of
   * an open eye (lp_s42 × lp_d3 eye correlation 0.71 against 0.88).
   */
  private static final double SKIN_FROM = 0.15;
  private static final double SKIN_TO = 0.45;
  /** Share of the drawn lid, from its top, over which it fades in from the warp's pixels. */
  private static final double SKIN_FADE_IN = 0.4;
  /** Share of the eye's length, at each corner, over which the drawn lid fades in. */
  private static final double SKIN_CORNER = 0.2;
  /** The drawn lid's top at the eye's corners, as a share of its height above the lashes' middle. */
  private static final double CORNER_RISE = 0.5;
  /**
   * Where the cheek's skin is read (its grain for the drawn lid, its colour to tell the eye's white
   * from skin): a square on the upper cheek, this many eye widths below the eye's middle (clear of
   * the lower lashes and of most glasses' rims), half an eye wide.
   */
  private static final double GRAIN_BELOW = 0.8;
  private static final double GRAIN_SIDE = 0.5;
  /**
   * How far (per eye width) round where the eye's corners carry its white the frame is searched
   * for where the warp has taken it.
   */
  private static final double WHITE_MARGIN = 0.5;
  /** Nodes per eye width at which the warp is read for the white: it bends little across an eye. */
  private static final double WHITE_NODES = 8;
  /** Points along each edge of a lid band from which its bounds are taken. */
  private static final int BOUND_SAMPLES = 8;

  private final double[] portraitOpenness = new double[2];
  /** Per eye, the mean colour of the skin just above the upper lid. */
  private final double[][] lidColour = new double[2][];
  /** Per eye, the colour of its lashes and lid line: the mean of the darkest pixels inside it. */
  private final double[][] lashColour = new double[2][];
  /** Per eye, the colour of its lid skin along the eye, corner to corner: {@link #SKIN_SAMPLES} × RGB. */
  private final double[][][] skinColour = new double[2][][];
  /** Per eye, the fine texture of the skin below it, laid over the drawn lid. */
  private final SkinGrain[] grain = new SkinGrain[2];
  /**
   * Per eye, its white where it lies outside the landmark outline ({@link EyeWhites}); null where
   * it does not. A shut lid covers it too, and the shut eye's lash line runs to its end.
   */
  private final EyeWhites[] whites = new EyeWhites[2];
  /**
   * Per eye, the cheek's colour below it: the white is covered in it (shaded as the lid is), as the
   * skin above an eye outlined round its iris alone holds the eye's own lash line.
   */
  private final double[][] cheekColour = new double[2][];

  /**
   * The portrait and its face; {@code skinX} and {@code skinY} are the lid-skin points above
   * landmarks 37, 38, 43 and 44 (see {@link MotionTransfer#lidSkinSourceX}).
   */
  EyeLids(RgbImage portrait, Landmarks landmarks, HeadShape shape, double[] skinX, double[] skinY) {
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
      skinColour[e] = skinAlong(portrait, LidBand.of(x, y, skinX, skinY, e));
      double[] cheek = cheek(eye);
      grain[e] = SkinGrain.read(portrait, cheek[0], cheek[1], (int) Math.round(cheek[2]));
      cheekColour[e] = cheekColour(portrait, cheek);
      whites[e] = EyeWhites.find(portrait, eye, cheekColour[e]);
    }
  }

  /** The square of cheek below an eye, see {@link #GRAIN_BELOW}: {centre x, centre y, side}. */
  private static double[] cheek(double[][] eye) {
    double dx = eye[0][3] - eye[0][0];
    double dy = eye[1][3] - eye[1][0];
    double eyeWidth = Math.max(1e-6, Math.hypot(dx, dy));
    double cx = 0;
    double cy = 0;
    for (int i = 0; i < eye[0].length; i++) {
      cx += eye[0][i] / eye[0].length;
      cy += eye[1][i] / eye[1].length;
    }
    // Square to the line between the corners, downwards whichever corner comes first.
    double down = Math.signum(dx) == 0 ? 1 : Math.signum(dx);
    double below = GRAIN_BELOW * eyeWidth;
    return new double[] {cx - down * dy / eyeWidth * below, cy + down * dx / eyeWidth * below, GRAIN_SIDE * eyeWidth};
  }

  /** The cheek square's mean colour; mid-grey where it lies off the picture. */
  private static double[] cheekColour(RgbImage portrait, double[] cheek) {
    double half = Math.max(1, cheek[2] / 2);
    double[] xs = {cheek[0] - half, cheek[0] + half, cheek[0] + half, cheek[0] - half};
    double[] ys = {cheek[1] - half, cheek[1] - half, cheek[1] + half, cheek[1] + half};
    double[] colour = Pixels.meanColour(portrait, new double[][] {xs, ys}, new double[][] {new double[0], new double[0]});
    return colour != null ? colour : new double[] {128, 128, 128};
  }

  /**
   * The lid's colour at {@link #SKIN_SAMPLES} places along the eye, from the band above the lashes,
   * smoothed along the eye so that no lash or pore survives to be stretched.
   */
  private static double[][] skinAlong(RgbImage portrait, LidBand band) {
    double[][] colour = new double[SKIN_SAMPLES][];
    float[] rgb = new float[3];
    int down = 8; // samples down the band at each place
    for (int k = 0; k < SKIN_SAMPLES; k++) {
      // Samples across the place's neighbours too, so that one lash or hair weighs little.
      List<double[]> samples = new ArrayList<>();
      for (int s = -2; s <= 2; s++) {
        double u = Math.max(0, Math.min(1, (k + 0.5 + s / 2.0) / SKIN_SAMPLES));
        for (int j = 0; j < down; j++) {
          double[] at = band.point(u, SKIN_ABOVE_LASHES * j / (down - 1));
          if (Pixels.sample(portrait, at[0], at[1], rgb)) {
            samples.add(new double[] {rgb[0], rgb[1], rgb[2]});
          }
        }
      }
      colour[k] = between(samples, SKIN_FROM, SKIN_TO);
    }
    return smoothAlong(colour);
  }

  /** Two passes of a 1-2-1 filter along the eye. */
  private static double[][] smoothAlong(double[][] colour) {
    for (int pass = 0; pass < 2; pass++) {
      double[][] smooth = new double[SKIN_SAMPLES][3];
      for (int k = 0; k < SKIN_SAMPLES; k++) {
        double[] before = colour[Math.max(0, k - 1)];
        double[] after = colour[Math.min(SKIN_SAMPLES - 1, k + 1)];
        for (int c = 0; c < 3; c++) {
          smooth[k][c] = (before[c] + 2 * colour[k][c] + after[c]) / 4;
        }
      }
      colour = smooth;
    }
    return colour;
  }

  /** Mean colour of the darkest {@link #LASH_SHARE} of the pixels inside a polygon; null if it holds none. */
  private static double[] darkest(RgbImage image, double[][] polygon) {
    double[] b = Polygons.bounds(polygon[0], polygon[1]);
    List<double[]> pixels = new ArrayList<>();
    byte[] p = image.pixels();
    for (int y = Math.max(0, (int) Math.floor(b[1])); y <= Math.min(image.height() - 1, (int) Math.ceil(b[3])); y++) {
      for (int x = Math.max(0, (int) Math.floor(b[0])); x <= Math.min(image.width() - 1, (int) Math.ceil(b[2])); x++) {
        if (Polygons.inside(x, y, polygon[0], polygon[1])) {
          int i = (y * image.width() + x) * 3;
          pixels.add(new double[] {p[i] & 0xff, p[i + 1] & 0xff, p[i + 2] & 0xff});
        }
      }
    }
    return pixels.isEmpty() ? null : between(pixels, 0, LASH_SHARE);
  }

  /** Mean colour of some colours between two quantiles of brightness; grey if there are none. */
  private static double[] between(List<double[]> colours, double lowest, double highest) {
    if (colours.isEmpty()) {
      return new double[] {128, 128, 128};
    }
    // Integer weights: whole-number colours then compare exactly, and equally bright ones keep their order.
    colours.sort(Comparator.comparingDouble(c -> 299 * c[0] + 587 * c[1] + 114 * c[2]));
    int from = (int) (lowest * colours.size());
    int to = Math.max(from + 1, (int) Math.ceil(highest * colours.size()));
    double[] mean = new double[3];
    for (int i = from; i < to; i++) {
      for (int c = 0; c < 3; c++) {
        mean[c] += colours.get(i)[c] / (to - from);
      }
    }
    return mean;
  }

  /**
   * Paints lids into the RGBA output over eyes whose target gap is small; seam in pixels. The
   * spline is the frame's warp (a frame point's displacement back to the portrait), through which
   * the eye's white beyond its outline is found in the frame.
   */
  void paint(byte[] rgba, int width, int height, MotionTransfer.Targets targets, ThinPlateSpline warp, double seam) {
    for (int e = 0; e < 2; e++) {
      double gap = targets.shape().eyeOpenness(EYES[e][0]) / Math.max(1e-6, portraitOpenness[e]);
      double amount = Polygons.smoothstep(LID_STARTS, LID_COVERS, gap);
      double skin = Polygons.smoothstep(SKIN_STARTS, SKIN_WHOLE, gap);
      // The lid skin starts to be drawn before the eye's inside is covered: an eye with no skin
      // drawn gets nothing.
      if (skin <= 0) {
        continue;
      }
      double[][] eye = Polygons.pick(targets.x(), targets.y(), EYES[e]);
      paintSkin(rgba, width, height, LidBand.of(targets, e), skinColour[e], grain[e], skin, seam);
      if (whites[e] != null) {
        paintWhite(rgba, width, height, whites[e], eye, warp, cheekColour[e], grain[e], skin, amount, seam);
      }
      if (amount > 0 && lidColour[e] != null) {
        paintEye(rgba, width, height, eye, lidColour[e], grain[e], amount, seam);
        if (lashColour[e] != null) {
          paintLashes(rgba, width, height, whites[e] != null ? whites[e].widen(eye) : eye, lashColour[e], amount);
        }
      }
    }
  }

  private static void paintEye(byte[] rgba, int width, int height, double[][] eye, double[] colour, SkinGrain grain,
      double amount, double seam) {
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
        if (alpha > 0) {
          blend(rgba, (y * width + x) * 4, alpha, colour, LID_SHADE, grain.at(x - eye[0][0], y - eye[1][0]));
        }
      }
    }
  }

  /**
   * Lid skin over the eye's white beyond its outline, wherever the warp has taken it: above the
   * upper lid as it comes down (its line run out to the white's ends), by {@code aboveLid} as the
   * lid skin is drawn; and all of it by {@code whole} as the eye shuts, as the eye's inside is.
   * The white is looked for about the eye's corners, as the portrait has it there, widened by half
   * an eye's width for what the warp moves it.
   */
  private static void paintWhite(byte[] rgba, int width, int height, EyeWhites white, double[][] eye,
      ThinPlateSpline warp, double[] skin, SkinGrain grain, double aboveLid, double whole, double seam) {
    // The upper lid from one end of the white to the other, in the frame of the line between them.
    double[][] lid = white.widen(eye);
    double ax = lid[0][0];
    double ay = lid[1][0];
    double lineX = lid[0][3] - ax;
    double lineY = lid[1][3] - ay;
    double length = Math.max(1e-6, Math.hypot(lineX, lineY));
    lineX /= length;
    lineY /= length;
    double[] lidAlong = new double[4];
    double[] lidAcross = new double[4];
    for (int k = 0; k < 4; k++) {
      lidAlong[k] = LidBand.along(lid[0][k], lid[1][k], ax, ay, lineX, lineY);
      lidAcross[k] = LidBand.across(lid[0][k], lid[1][k], ax, ay, lineX, lineY);
    }
    double[] corners = {eye[0][0], eye[1][0], eye[0][3], eye[1][3]};
    double[] b = white.frameBounds(corners);
    double eyeWidth = Math.hypot(corners[2] - corners[0], corners[3] - corners[1]);
    double margin = eyeWidth * WHITE_MARGIN;
    int x0 = Math.max(0, (int) Math.floor(b[0] - margin));
    int y0 = Math.max(0, (int) Math.floor(b[1] - margin));
    int x1 = Math.min(width - 1, (int) Math.ceil(b[2] + margin));
    int y1 = Math.min(height - 1, (int) Math.ceil(b[3] + margin));
    if (x1 <= x0 || y1 <= y0) {
      return;
    }
    // The warp read on a lattice and interpolated, as the warp itself is: a spline read at every
    // pixel of a large eye's box would cost more than the rest of the frame.
    WarpGrid grid = WarpGrid.covering(x0, y0, x1, y1, Math.max(1, eyeWidth / WHITE_NODES));
    float[] field = grid.displacements(warp);
    float[] back = new float[2];
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        grid.sample(field, 2, x, y, back);
        double mask = white.at(x + back[0], y + back[1]);
        if (mask <= 0) {
          continue;
        }
        double lidThere = Polyline.at(lidAlong, lidAcross, LidBand.along(x, y, ax, ay, lineX, lineY));
        double above = Polygons.smoothstep(lidThere + seam / 2, lidThere - seam / 2,
            LidBand.across(x, y, ax, ay, lineX, lineY));
        double alpha = mask * Math.max(aboveLid * above, whole);
        if (alpha > 0) {
          blend(rgba, (y * width + x) * 4, alpha, skin, LID_SHADE, grain.at(x - eye[0][0], y - eye[1][0]));
        }
      }
    }
  }

  /**
   * Blends pixel {@code p} by alpha towards a colour times {@code scale}, with the skin's grain
   * (anchored at the eye's first corner wherever the lid is drawn, so that its parts agree).
   */
  private static void blend(byte[] rgba, int p, double alpha, double[] colour, double scale, float texture) {
    for (int k = 0; k < 3; k++) {
      double old = rgba[p + k] & 0xff;
      rgba[p + k] = (byte) MouthInterior.clampByte(old + alpha * (scale * colour[k] + texture - old));
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

  /** The unfolded lid: from the lid-skin points, where it fades in, down to the lowered lashes and a seam below. */
  private static void paintSkin(byte[] rgba, int width, int height, LidBand band, double[][] colour, SkinGrain grain,
      double amount, double seam) {
    double[] b = band.bounds();
    int x0 = Math.max(0, (int) Math.floor(b[0]));
    int y0 = Math.max(0, (int) Math.floor(b[1]));
    int x1 = Math.min(width - 1, (int) Math.ceil(b[2]));
    int y1 = Math.min(height - 1, (int) Math.ceil(b[3] + seam));
    double[] uw = new double[2];
    double[] tone = new double[3];
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        band.locate(x, y, uw);
        double u = uw[0];
        if (u <= 0 || u >= 1) {
          continue;
        }
        double bottom = band.bottomOffset(u);
        double top = band.topOffset(u);
        double span = bottom - top;
        if (span <= 0) {
          continue;
        }
        double alpha = amount * Polygons.smoothstep(0, SKIN_CORNER, u) * Polygons.smoothstep(1, 1 - SKIN_CORNER, u)
            * Polygons.smoothstep(top, top + SKIN_FADE_IN * span, uw[1])
            * Polygons.smoothstep(bottom + seam, bottom, uw[1]);
        if (alpha <= 0) {
          continue;
        }
        double at = u * SKIN_SAMPLES - 0.5;
        int k = Math.max(0, Math.min(SKIN_SAMPLES - 2, (int) Math.floor(at)));
        double f = Math.max(0, Math.min(1, at - k));
        for (int c = 0; c < 3; c++) {
          tone[c] = colour[k][c] + f * (colour[k + 1][c] - colour[k][c]);
        }
        blend(rgba, (y * width + x) * 4, alpha, tone, 1, grain.at(x - band.ax(), y - band.ay()));
      }
    }
  }

  /**
   * An upper lid's band, from the eye's outer corner (u = 0) to its inner one (u = 1): its top runs
   * through the two lid-skin points and its bottom along the upper lid's landmarks, both meeting at
   * the corners. Offsets are measured square to the line between the corners, growing downwards.
   */
  private record LidBand(double ax, double ay, double dx, double dy, double length, double[] u, double[] top,
      double[] bottom) {
    /** The band of eye {@code e} (0 or 1) among landmarks {@code x, y} and lid-skin points {@code skinX, skinY}. */
    static LidBand of(double[] x, double[] y, double[] skinX, double[] skinY, int e) {
      int first = EYES[e][0];
      double[] tx = {x[first], skinX[2 * e], skinX[2 * e + 1], x[first + 3]};
      double[] ty = {y[first], skinY[2 * e], skinY[2 * e + 1], y[first + 3]};
      double[] bx = {x[first], x[first + 1], x[first + 2], x[first + 3]};
      double[] by = {y[first], y[first + 1], y[first + 2], y[first + 3]};
      return through(tx, ty, bx, by);
    }

    /** The band of eye {@code e} where a frame's targets put it. */
    static LidBand of(MotionTransfer.Targets targets, int e) {
      double[] skinX = new double[4];
      double[] skinY = new double[4];
      for (int k = 0; k < 4; k++) {
        skinX[k] = targets.lidSkinX(k);
        skinY[k] = targets.lidSkinY(k);
      }
      return of(targets.x(), targets.y(), skinX, skinY, e);
    }

    private static LidBand through(double[] tx, double[] ty, double[] bx, double[] by) {
      double dx = tx[3] - tx[0];
      double dy = ty[3] - ty[0];
      double length = Math.max(1e-6, Math.hypot(dx, dy));
      dx /= length;
      dy /= length;
      double[] u = new double[4];
      double[] top = new double[4];
      double[] bottom = new double[4];
      for (int i = 0; i < 4; i++) {
        // Positions along the eye are the bottom's; the top's points are taken at them too.
        u[i] = i == 0 ? 0 : i == 3 ? 1 : Math.max(u[i - 1], along(bx[i], by[i], tx[0], ty[0], dx, dy) / length);
        top[i] = across(tx[i], ty[i], tx[0], ty[0], dx, dy);
        bottom[i] = across(bx[i], by[i], tx[0], ty[0], dx, dy);
      }
      // The lid's skin does not end in a point at the corners: the top is raised there too.
      top[0] = CORNER_RISE * Math.min(top[1], top[2]);
      top[3] = top[0];
      return new LidBand(tx[0], ty[0], dx, dy, length, u, top, bottom);
    }

    /** Bounds {minX, minY, maxX, maxY} of the band, from points along its top and bottom. */
    double[] bounds() {
      double[] xs = new double[2 * BOUND_SAMPLES + 2];
      double[] ys = new double[xs.length];
      for (int i = 0; i <= BOUND_SAMPLES; i++) {
        double[] high = point((double) i / BOUND_SAMPLES, 0);
        double[] low = point((double) i / BOUND_SAMPLES, 1);
        xs[2 * i] = high[0];
        ys[2 * i] = high[1];
        xs[2 * i + 1] = low[0];
        ys[2 * i + 1] = low[1];
      }
      return Polygons.bounds(xs, ys);
    }

    private static double along(double px, double py, double ax, double ay, double dx, double dy) {
      return (px - ax) * dx + (py - ay) * dy;
    }

    /** Square to the eye's line, positive below it in an upright face (image y grows downwards). */
    private static double across(double px, double py, double ax, double ay, double dx, double dy) {
      return (py - ay) * dx - (px - ax) * dy;
    }

    /** A pixel's place: {u along the eye, offset across it}. */
    void locate(double px, double py, double[] out) {
      out[0] = along(px, py, ax, ay, dx, dy) / length;
      out[1] = across(px, py, ax, ay, dx, dy);
    }

    double topOffset(double at) {
      return interpolate(top, at);
    }

    double bottomOffset(double at) {
      return interpolate(bottom, at);
    }

    /** The point at {@code at} along the eye and {@code down} of the way from the band's top (0) to its bottom (1). */
    double[] point(double at, double down) {
      double high = topOffset(at);
      double offset = high + down * (bottomOffset(at) - high);
      double along = at * length;
      return new double[] {ax + along * dx - offset * dy, ay + along * dy + offset * dx};
    }

    /** A smooth curve through the values at the knots u (cubic Hermite, slopes from the neighbours). */
    private double interpolate(double[] values, double at) {
      int last = u.length - 1;
      int i = 1;
      while (i < last && at > u[i]) {
        i++;
      }
      double run = u[i] - u[i - 1];
      if (run <= 1e-9) {
        return values[i];
      }
      double t = Math.max(0, Math.min(1, (at - u[i - 1]) / run));
      double m0 = run * slope(values, i - 1);
      double m1 = run * slope(values, i);
      double t2 = t * t;
      double t3 = t2 * t;
      return (2 * t3 - 3 * t2 + 1) * values[i - 1] + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * values[i]
          + (t3 - t2) * m1;
    }

    private double slope(double[] values, int i) {
      int before = Math.max(0, i - 1);
      int after = Math.min(u.length - 1, i + 1);
      double run = u[after] - u[before];
      return run <= 1e-9 ? 0 : (values[after] - values[before]) / run;
    }
  }
}
