package org.portraitperf.engine.warp;

import java.util.Arrays;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbPixels;

/**
 * How far the head, hair included, reaches beyond the head ring, measured once in the portrait.
 *
 * <p>The ring is drawn on a generic head. Hair that stands out beyond it (curls, an up-do) lies in
 * the band where the warp fades from the head's motion to the still background, and a moving head
 * tore it into streaks there. So each upper ring point is moved out to where the head's silhouette
 * meets the background, along the ray from the ring's centre through it. The silhouette is found
 * from the outside in: the background is read beyond the furthest the ring may reach and followed
 * inwards, slowly taking up its gradient, to the first place that clearly and sharply differs from
 * it. What lies between that edge and the ring must be the head: unlike the background nearly
 * throughout, and mostly of the hair's colour, read above the brows. Where the background is busy
 * (a landscape, a waterfall, a crowd), or the edge is a beam or a shelf behind the head, the ring
 * point stays where the generic head puts it.
 */
final class HeadReach {
  /** The furthest a ring point moves out, as a multiple of its distance from the ring's centre. */
  static final double MAX_REACH = 1.6;
  /** Length of ray read as background beyond the reach sought, per face size. */
  private static final double BACKGROUND_SPAN = 0.12;
  /** Half-width of the square each sample averages, per face size: grain averages out, a head's edge does not. */
  private static final double GRAIN = 0.012;
  /**
   * Spread of the background's colour (standard deviation over R, G and B together, in levels, of
   * grain-averaged samples) above which it is too busy to tell the head from.
   */
  private static final double BUSY = 10;
  /**
   * How far a colour must lie from the background (in levels, over R, G and B together) to be the
   * head: at least this, and at least this many times the background's own spread.
   */
  private static final double EDGE_CONTRAST = 24;
  private static final double EDGE_SPREAD = 4;
  /** How much of each background sample the colour followed inwards takes up: a vignette or a lit wall shifts slowly. */
  private static final double BACKGROUND_FOLLOW = 0.05;
  /** Samples in a row (pixels apart) that must differ for an edge: a speck of dust or noise is not hair. */
  private static final int EDGE_RUN = 3;
  /**
   * Half the width across which the edge must show that contrast, per face size: a head's outline,
   * even blurred, where the shade a head casts on the wall behind it deepens slowly.
   */
  private static final double EDGE_WIDTH = 0.03;
  /** The share of the ray from the edge to the ring that must be unlike the background. */
  private static final double SOLID = 0.8;
  /**
   * Where the hair's colour is read: above the middle of the brows, this far up (per face size),
   * past the forehead and short of the crown.
   */
  private static final double HAIR_FROM = 0.45;
  private static final double HAIR_TO = 0.65;
  /**
   * The share of the ray from the edge to the ring that must lie within {@link #HAIR_LIKE} levels of
   * the hair's colour: curls let the background through and catch the light, a beam behind the head
   * is another colour throughout.
   */
  private static final double HAIR_SHARE = 0.5;
  private static final double HAIR_LIKE = 60;
  /** Room left beyond the silhouette, per face size, for stray hairs and the edge's blur. */
  private static final double MARGIN = 0.04;

  private final RgbPixels picture;
  private final double faceSize;
  private final double edgeMargin;
  private final int box;
  private final double[] hair;

  private HeadReach(RgbPixels picture, Landmarks face, double faceSize, double edgeMargin) {
    this.picture = picture;
    this.faceSize = faceSize;
    this.edgeMargin = edgeMargin;
    this.box = Math.max(1, (int) Math.round(GRAIN * faceSize));
    this.hair = hairColour(face);
  }

  /**
   * Per ring point (x, y), how far out it should move: a multiple (1 to {@link #MAX_REACH}) of its
   * distance from the ring's centre (cx, cy); 1 where it is not {@code measured}, where the head ends
   * within the ring, or where the background cannot be read. A moved point stays at least
   * {@code edgeMargin} pixels inside the picture.
   */
  static double[] measure(RgbPixels picture, Landmarks face, double faceSize, double edgeMargin, double cx, double cy,
      double[] x, double[] y, boolean[] measured) {
    HeadReach reach = new HeadReach(picture, face, faceSize, edgeMargin);
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = measured[j] ? reach.alongRay(cx, cy, x[j] - cx, y[j] - cy) : 1;
    }
    return out;
  }

  /** The mean colour above the brows where hair grows, on the line from the chin through the brows. */
  private double[] hairColour(Landmarks face) {
    float[] brows = face.mean(17, 26);
    double ux = brows[0] - face.x(8);
    double uy = brows[1] - face.y(8);
    double length = Math.max(1e-6, Math.hypot(ux, uy));
    ux /= length;
    uy /= length;
    double[] sum = new double[3];
    double[] rgb = new double[3];
    int count = 0;
    for (double d = HAIR_FROM * faceSize; d <= HAIR_TO * faceSize; d += 1) {
      boxMean(brows[0] + d * ux, brows[1] + d * uy, rgb);
      for (int k = 0; k < 3; k++) {
        sum[k] += rgb[k];
      }
      count++;
    }
    for (int k = 0; k < 3; k++) {
      sum[k] /= Math.max(1, count);
    }
    return sum;
  }

  /** The reach along the ray (cx, cy) + t (vx, vy), where t = 1 is the generic ring point. */
  private double alongRay(double cx, double cy, double vx, double vy) {
    double length = Math.hypot(vx, vy);
    if (length < 1) {
      return 1;
    }
    double step = 1 / length;
    double span = BACKGROUND_SPAN * faceSize / length;
    double far = Math.min(MAX_REACH + span, exit(cx, cy, vx, vy, 0));
    double near = far - span;
    double fits = exit(cx, cy, vx, vy, edgeMargin);
    if (near <= 1 || fits <= 1) {
      return 1;
    }
    // The background: its mean colour and spread over the span beyond the reach sought.
    double[] rgb = new double[3];
    double[] sum = new double[3];
    double[] squares = new double[3];
    int count = 0;
    for (double t = near; t <= far; t += step) {
      boxMean(cx + t * vx, cy + t * vy, rgb);
      for (int k = 0; k < 3; k++) {
        sum[k] += rgb[k];
        squares[k] += rgb[k] * rgb[k];
      }
      count++;
    }
    double[] background = new double[3];
    double variance = 0;
    for (int k = 0; k < 3; k++) {
      background[k] = sum[k] / count;
      variance += Math.max(0, squares[k] / count - background[k] * background[k]);
    }
    double spread = Math.sqrt(variance);
    if (spread > BUSY) {
      return 1;
    }
    double contrast = Math.max(EDGE_CONTRAST, EDGE_SPREAD * spread);
    // Inwards to the first run of samples unlike the background, then on to the ring counting
    // what is unlike it and what is like the hair.
    double edge = -1;
    int run = 0;
    int unlikeBackground = 0;
    int likeHair = 0;
    int all = 0;
    for (double t = near; t > 1; t -= step) {
      boxMean(cx + t * vx, cy + t * vy, rgb);
      boolean unlike = distance(rgb, background) > contrast;
      if (edge >= 0) {
        all++;
        unlikeBackground += unlike ? 1 : 0;
        likeHair += distance(rgb, hair) < HAIR_LIKE ? 1 : 0;
      } else if (!unlike) {
        run = 0;
        for (int k = 0; k < 3; k++) {
          background[k] += BACKGROUND_FOLLOW * (rgb[k] - background[k]);
        }
      } else if (++run == EDGE_RUN) {
        edge = t + (EDGE_RUN - 1) * step;
      }
    }
    if (edge < 0 || all == 0 || unlikeBackground < SOLID * all || likeHair < HAIR_SHARE * all
        || !sharp(cx, cy, vx, vy, edge, EDGE_WIDTH * faceSize / length, contrast)) {
      return 1;
    }
    return Math.max(1, Math.min(Math.min(MAX_REACH, fits), edge + MARGIN * faceSize / length));
  }

  /** Whether the colour changes by more than {@code contrast} from {@code width} (in t) outside the edge at t to as far inside. */
  private boolean sharp(double cx, double cy, double vx, double vy, double t, double width, double contrast) {
    double[] outside = new double[3];
    double[] inside = new double[3];
    boxMean(cx + (t + width) * vx, cy + (t + width) * vy, outside);
    boxMean(cx + (t - width) * vx, cy + (t - width) * vy, inside);
    return distance(outside, inside) > contrast;
  }

  /** How far (in t) the ray (cx, cy) + t (vx, vy) goes before it comes within {@code margin} of the picture's edge. */
  private double exit(double cx, double cy, double vx, double vy, double margin) {
    double t = Double.MAX_VALUE;
    if (vx > 0) {
      t = Math.min(t, (picture.width() - 1 - margin - cx) / vx);
    } else if (vx < 0) {
      t = Math.min(t, (margin - cx) / vx);
    }
    if (vy > 0) {
      t = Math.min(t, (picture.height() - 1 - margin - cy) / vy);
    } else if (vy < 0) {
      t = Math.min(t, (margin - cy) / vy);
    }
    return t;
  }

  /** Mean colour of the square of pixels {@link #GRAIN} round (x, y), clipped to the picture, into rgb. */
  private void boxMean(double x, double y, double[] rgb) {
    int w = picture.width();
    int h = picture.height();
    int px = (int) Math.round(x);
    int py = (int) Math.round(y);
    int x0 = Math.max(0, px - box);
    int x1 = Math.min(w - 1, px + box);
    int y0 = Math.max(0, py - box);
    int y1 = Math.min(h - 1, py + box);
    Arrays.fill(rgb, 0);
    int count = 0;
    for (int j = y0; j <= y1; j++) {
      for (int i = x0; i <= x1; i++) {
        int p = (j * w + i) * 3;
        rgb[0] += picture.at(p);
        rgb[1] += picture.at(p + 1);
        rgb[2] += picture.at(p + 2);
        count++;
      }
    }
    for (int k = 0; k < 3; k++) {
      rgb[k] /= Math.max(1, count);
    }
  }

  private static double distance(double[] a, double[] b) {
    double dr = a[0] - b[0];
    double dg = a[1] - b[1];
    double db = a[2] - b[2];
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }
}
