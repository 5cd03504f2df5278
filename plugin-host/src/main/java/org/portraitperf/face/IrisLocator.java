package org.portraitperf.face;

import java.util.Optional;
import org.portraitperf.media.RgbPixels;

/**
 * Finds the iris inside an eye's opening. The 68 landmarks outline the lids but carry no iris, so
 * gaze has to be read off the pixels: the iris is the darkest disc of about a fifth of the eye's
 * width in radius, set in the lighter sclera. The search runs in the eye's own frame (the
 * corner-to-corner axis and its normal, sampled about one pixel apart, coarser for large eyes),
 * inside the lid outline pulled in a little so that lashes and lid shadow do not count, and
 * scores each candidate disc by how much darker it is than the ring of eye white around it.
 *
 * <p>A pure function of the picture and the landmarks: no history, so any frame gives the same
 * answer whether it is asked for alone or in sequence.
 */
public final class IrisLocator {
  /** Below this lid gap per eye width (an open eye is about 0.3) too little iris shows to place it. */
  static final double MIN_OPENNESS = 0.16;
  /** Iris radius per eye width: the iris is about 0.4 to 0.5 of the opening's width across. */
  private static final double[] RADII = {0.17, 0.19, 0.21, 0.23, 0.25};
  /** The white around a candidate: the ring from the disc's edge out to this multiple of its radius. */
  private static final double RING = 1.6;
  /** Lashes and lid shadow: the search keeps this far (per eye width) inside the upper and lower lids. */
  private static final double UPPER_MARGIN = 0.05;
  private static final double LOWER_MARGIN = 0.03;
  /** The lids hide part of the iris; a candidate must still show this share of its disc. */
  private static final double MIN_VISIBLE = 0.35;
  /** A disc this little darker than the white round it (as a share of the white) is no iris: a shut or blank eye. */
  private static final double MIN_CONTRAST = 0.05;
  /**
   * Two irises found further apart than this along their eyes (per eye width) are not both right:
   * measured on lp_d0, eyes looking aside together differ by about 0.1 at most.
   */
  private static final double MAX_DISAGREEMENT = 0.2;
  /** Samples across the eye's width at most: large eyes are read coarser, at the same cost as small ones. */
  private static final int MAX_SAMPLES = 48;
  /** Eyes narrower than this (pixels) are too small to find an iris in. */
  private static final double MIN_EYE_WIDTH = 8;

  private IrisLocator() {}

  /**
   * The iris of the eye whose landmarks start at {@code firstLandmark} (36: the eye on the image's
   * left, 42: on its right); empty when the eye is too small, nearly closed or shows no dark disc.
   */
  public static Optional<Iris> locate(RgbPixels image, Landmarks landmarks, int firstLandmark) {
    if (firstLandmark != 36 && firstLandmark != 42) {
      throw new IllegalArgumentException("an eye's landmarks start at 36 or 42, not " + firstLandmark);
    }
    return new Search(image, landmarks, firstLandmark).run();
  }

  /**
   * Both eyes' gaze together: the mean of the irises found, each weighted by its confidence (the
   * eyes move together, so one eye stands in for a closed or shadowed other); empty when neither
   * iris is found, or when the two disagree by more than {@link #MAX_DISAGREEMENT} along the eye,
   * which real eyes do not (glare on glasses, blur or a lash shadow took one of them).
   */
  public static Optional<Gaze> gaze(RgbPixels image, Landmarks landmarks) {
    Iris left = locate(image, landmarks, 36).orElse(null);
    Iris right = locate(image, landmarks, 42).orElse(null);
    if (left == null || right == null) {
      Iris one = left != null ? left : right;
      return one == null ? Optional.empty() : Optional.of(new Gaze(one.along(), one.across(), one.confidence()));
    }
    if (Math.abs(left.along() - right.along()) > MAX_DISAGREEMENT) {
      return Optional.empty();
    }
    double weight = left.confidence() + right.confidence();
    return Optional.of(new Gaze(
        (left.confidence() * left.along() + right.confidence() * right.along()) / weight,
        (left.confidence() * left.across() + right.confidence() * right.across()) / weight,
        weight / 2));
  }

  /**
   * Where both eyes look, in the eyes' own frames, as {@link Iris#along()} and {@link Iris#across()},
   * with the irises' mean {@link Iris#confidence()}.
   */
  public record Gaze(double along, double across, double confidence) {
    public Gaze {
      if (!Double.isFinite(along) || !Double.isFinite(across)) {
        throw new IllegalArgumentException("gaze must be finite, found " + along + ", " + across);
      }
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("gaze confidence must be 0..1, found " + confidence);
      }
    }
  }

  /** One eye's search: the eye frame, its samples and the lid outline in it. */
  private static final class Search {
    private final RgbPixels image;
    private final double width;
    /** Origin (the image-left corner), axis and normal of the eye frame, in image pixels. */
    private final double ox, oy, ex, ey;
    /** The upper and lower lid as polylines in the eye frame: u (along) and v (across) in pixels. */
    private final double[] upperU, upperV, lowerU, lowerV;
    private final double openness;

    Search(RgbPixels image, Landmarks l, int first) {
      this.image = image;
      ox = l.x(first);
      oy = l.y(first);
      double dx = l.x(first + 3) - ox;
      double dy = l.y(first + 3) - oy;
      width = Math.hypot(dx, dy);
      ex = width > 0 ? dx / width : 1;
      ey = width > 0 ? dy / width : 0;
      // Upper lid: corner, first+1, first+2, other corner; lower lid: corner, first+5, first+4, other corner.
      int[] upper = {first, first + 1, first + 2, first + 3};
      int[] lower = {first, first + 5, first + 4, first + 3};
      upperU = new double[4];
      upperV = new double[4];
      lowerU = new double[4];
      lowerV = new double[4];
      for (int i = 0; i < 4; i++) {
        upperU[i] = u(l.x(upper[i]), l.y(upper[i]));
        upperV[i] = v(l.x(upper[i]), l.y(upper[i]));
        lowerU[i] = u(l.x(lower[i]), l.y(lower[i]));
        lowerV[i] = v(l.x(lower[i]), l.y(lower[i]));
      }
      openness = first == 36 ? FaceMeasures.leftImageEyeOpenness(l) : FaceMeasures.rightImageEyeOpenness(l);
    }

    private double u(double x, double y) {
      return (x - ox) * ex + (y - oy) * ey;
    }

    private double v(double x, double y) {
      return -(x - ox) * ey + (y - oy) * ex;
    }

    Optional<Iris> run() {
      if (width < MIN_EYE_WIDTH || openness < MIN_OPENNESS) {
        return Optional.empty();
      }
      double step = Math.max(1, width / MAX_SAMPLES);
      double top = Math.min(min(upperV), 0) - RADII[RADII.length - 1] * width;
      double bottom = Math.max(max(lowerV), 0) + RADII[RADII.length - 1] * width;
      int columns = (int) Math.floor(width / step) + 1;
      int rows = (int) Math.floor((bottom - top) / step) + 1;
      // Per row, running sums of intensity and of sample count inside the pulled-in lid outline,
      // so that any span's sum costs two reads: a disc is scored row by row, not sample by sample.
      int stride = columns + 1;
      float[] sums = new float[rows * stride];
      int[] counts = new int[rows * stride];
      int visible = 0;
      for (int r = 0; r < rows; r++) {
        double sv = top + r * step;
        for (int c = 0; c < columns; c++) {
          double su = c * step;
          double lo = Polyline.at(upperU, upperV, su) + UPPER_MARGIN * width;
          double hi = Polyline.at(lowerU, lowerV, su) - LOWER_MARGIN * width;
          boolean in = sv > lo && sv < hi;
          int i = r * stride + c;
          sums[i + 1] = sums[i] + (in ? intensity(ox + su * ex - sv * ey, oy + su * ey + sv * ex) : 0);
          counts[i + 1] = counts[i] + (in ? 1 : 0);
          visible += in ? 1 : 0;
        }
      }
      if (visible < 8) {
        return Optional.empty();
      }
      Rows grid = new Rows(sums, counts, rows, columns);
      int[] radiiSamples = new int[RADII.length];
      for (int k = 0; k < RADII.length; k++) {
        radiiSamples[k] = (int) Math.ceil(RING * RADII[k] * width / step);
      }
      // The iris centre lies well inside the corners; vertically it may sit above or below the
      // opening (a lid covering part of it), down to the candidates whose disc still shows enough.
      int c0 = (int) Math.ceil(0.15 * width / step);
      int c1 = (int) Math.floor(0.85 * width / step);
      double best = 0;
      int bestR = -1, bestC = -1, bestK = -1;
      float[] scores = new float[RADII.length * rows * columns];
      for (int r = 0; r < rows; r++) {
        for (int c = c0; c <= c1; c++) {
          for (int k = 0; k < RADII.length; k++) {
            double score = grid.score(r, c, RADII[k] * width / step, radiiSamples[k]);
            scores[(k * rows + r) * columns + c] = (float) score;
            if (score > best) {
              best = score;
              bestR = r;
              bestC = c;
              bestK = k;
            }
          }
        }
      }
      if (bestK < 0 || best < MIN_CONTRAST) {
        return Optional.empty();
      }
      // Sub-sample centre: a parabola through the best score and its neighbours, each way.
      double fc = bestC + vertex(scores, (bestK * rows + bestR) * columns + bestC, 1,
          bestC > c0 && bestC < c1);
      double fr = bestR + vertex(scores, (bestK * rows + bestR) * columns + bestC, columns,
          bestR > 0 && bestR < rows - 1);
      double cu = fc * step;
      double cv = top + fr * step;
      return Optional.of(new Iris(ox + cu * ex - cv * ey, oy + cu * ey + cv * ex, RADII[bestK] * width,
          cu / width, cv / width, Math.min(1, best)));
    }

    /** Offset, within ±0.5, of the peak of the parabola through scores at i - stride, i, i + stride. */
    private static double vertex(float[] scores, int i, int stride, boolean interior) {
      if (!interior) {
        return 0;
      }
      double a = scores[i - stride];
      double b = scores[i];
      double c = scores[i + stride];
      double curve = a - 2 * b + c;
      if (curve >= 0) {
        return 0;
      }
      return Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / curve));
    }

    /** Bilinear intensity (mean of R, G, B) at a sub-pixel position, edge pixels repeated beyond the picture. */
    private float intensity(double x, double y) {
      double cx = Math.max(0, Math.min(image.width() - 1, x));
      double cy = Math.max(0, Math.min(image.height() - 1, y));
      int x0 = (int) Math.min(image.width() - 2, Math.floor(cx));
      int y0 = (int) Math.min(image.height() - 2, Math.floor(cy));
      x0 = Math.max(0, x0);
      y0 = Math.max(0, y0);
      double fx = cx - x0;
      double fy = cy - y0;
      int x1 = Math.min(image.width() - 1, x0 + 1);
      int y1 = Math.min(image.height() - 1, y0 + 1);
      double top = (1 - fx) * image.intensity(x0, y0) + fx * image.intensity(x1, y0);
      double bottom = (1 - fx) * image.intensity(x0, y1) + fx * image.intensity(x1, y1);
      return (float) ((1 - fy) * top + fy * bottom);
    }

    private static double min(double[] a) {
      double m = a[0];
      for (double v : a) {
        m = Math.min(m, v);
      }
      return m;
    }

    private static double max(double[] a) {
      double m = a[0];
      for (double v : a) {
        m = Math.max(m, v);
      }
      return m;
    }
  }

  /** The eye's samples as per-row running sums (see {@link Search#run}). */
  private record Rows(float[] sums, int[] counts, int rows, int columns) {
    /**
     * How much darker the disc at (r, c) of the given radius (in samples) is than the ring round
     * it out to {@code reach}, as a share of the ring's brightness; 0 when too little of either shows.
     */
    double score(int r, int c, double radius, int reach) {
      double inner = 0, outer = 0;
      int innerCount = 0, outerCount = 0, innerArea = 0;
      double r2 = radius * radius;
      double ring2 = RING * RING * r2;
      for (int dr = -reach; dr <= reach; dr++) {
        double left2 = ring2 - dr * dr;
        if (left2 < 0) {
          continue;
        }
        int ringHalf = (int) Math.sqrt(left2);
        int discHalf = dr * dr <= r2 ? (int) Math.sqrt(r2 - dr * dr) : -1;
        innerArea += 2 * discHalf + 1;
        int rr = r + dr;
        if (rr < 0 || rr >= rows) {
          continue;
        }
        // The row's span: ring on the left, disc, ring on the right.
        double ringSum = sum(rr, c - ringHalf, c + ringHalf);
        int ringCount = count(rr, c - ringHalf, c + ringHalf);
        if (discHalf >= 0) {
          double discSum = sum(rr, c - discHalf, c + discHalf);
          int discCount = count(rr, c - discHalf, c + discHalf);
          inner += discSum;
          innerCount += discCount;
          ringSum -= discSum;
          ringCount -= discCount;
        }
        outer += ringSum;
        outerCount += ringCount;
      }
      if (innerCount < MIN_VISIBLE * innerArea || outerCount < 3) {
        return 0;
      }
      double ring = outer / outerCount;
      return ring > 0 ? Math.max(0, (ring - inner / innerCount) / ring) : 0;
    }

    private double sum(int r, int from, int to) {
      int base = r * (columns + 1);
      return sums[base + Math.min(columns, to + 1)] - sums[base + Math.max(0, from)];
    }

    private int count(int r, int from, int to) {
      int base = r * (columns + 1);
      return counts[base + Math.min(columns, to + 1)] - counts[base + Math.max(0, from)];
    }
  }
}
