package org.portraitperf.engine.warp;

import org.portraitperf.engine.EngineSettings;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbPixels;

/**
 * Paints the inside of a mouth that opens wider than the portrait's: the warp can only stretch
 * the portrait's lip line there, which reads as a smear. The driving frame's own mouth interior
 * (teeth, tongue, shadow) is mapped into the target inner-lip outline, bent with its lips
 * ({@link MouthOpening}), and given the portrait's light and white balance; where the driving
 * mouth is too closed to show anything, a dark cavity is used. Immutable.
 */
final class MouthInterior {
  private static final int[] INNER = {60, 61, 62, 63, 64, 65, 66, 67};
  private static final int[] OUTER = {48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59};
  /** Mouth openness over the portrait's at which the painted interior is fully in. */
  private static final double FULL_IN = 0.08;
  /** Driving mouth openness below which its interior is too thin to read, and above which it is used fully. */
  private static final double DRIVING_CLOSED = 0.04;
  private static final double DRIVING_OPEN = 0.12;
  /** Points of the rounded inner-lip outline between each two of its landmarks. */
  private static final int CURVE_STEPS = 3;
  /** A cavity is this fraction of the lips' own colour. */
  private static final double CAVITY = 0.22;

  /**
   * Limits of the colour match's gain per channel. The match scales each channel by the ratio of
   * the skins' means round the lips (a change of light and white balance), not by the ratio of
   * their spreads as well: that spread is mostly the skin's own creases and shadow, and on a
   * pouting or moustached face it doubled every channel's contrast about a far-off mean, and the
   * inside of the mouth came out navy blue, its teeth cyan.
   */
  private static final double MIN_GAIN = 0.5;
  private static final double MAX_GAIN = 2;

  /** How much wider than the lips the skin ring used for colour matching reaches. */
  private static final double RING_WIDENING = 1.5;

  private final double portraitOpenness;
  /** The portrait's mean skin colour round the lips, null if the mouth is too small. */
  private final double[] portraitSkin;
  /** Colour of an empty mouth: a fraction of the portrait's lip colour, dark but a mouth's red. */
  private final double[] cavity;

  MouthInterior(RgbImage portrait, Landmarks landmarks, HeadShape shape) {
    this.portraitOpenness = shape.mouthOpenness();
    this.portraitSkin = skinColour(portrait, landmarks);
    double[] x = toDoubles(landmarks.xs());
    double[] y = toDoubles(landmarks.ys());
    double[] lips = Pixels.meanColour(portrait, Polygons.pick(x, y, OUTER), Polygons.pick(x, y, INNER));
    this.cavity = lips == null ? null : new double[] {CAVITY * lips[0], CAVITY * lips[1], CAVITY * lips[2]};
  }

  /**
   * Paints into the RGBA output where the target mouth is open beyond the portrait's. The seam is
   * a ramp {@code seam} pixels wide just inside the inner lips.
   */
  void paint(byte[] rgba, int width, int height, MotionTransfer.Targets targets, DrivingFrame driving,
      EngineSettings settings, double seam) {
    double amount = Polygons.smoothstep(0, FULL_IN, targets.shape().mouthOpenness() - portraitOpenness);
    if (amount <= 0 || portraitSkin == null || cavity == null) {
      return;
    }
    Landmarks drivingLandmarks = driving.face().landmarks();
    // Lips are curved, and an opening cut along the straight lines between their eight landmarks
    // shows as a hexagon on a close-up.
    double[][] hole = Polygons.rounded(Polygons.pick(targets.x(), targets.y(), INNER), 0, 4, CURVE_STEPS);
    MouthOpening target = MouthOpening.of(targets.x(), targets.y());
    MouthOpening source = MouthOpening.of(toDoubles(drivingLandmarks.xs()), toDoubles(drivingLandmarks.ys()));
    double usable = target == null || source == null ? 0
        : Polygons.smoothstep(DRIVING_CLOSED, DRIVING_OPEN, driving.face().mouth());
    double[] drivingSkin = settings.colourMatch() ? skinColour(driving.image(), drivingLandmarks) : null;
    double[] gain = new double[3];
    for (int k = 0; k < 3; k++) {
      // Each channel scaled by the skins' ratio round the lips, so hues are kept (see MIN_GAIN); a
      // driving frame gone black there reads as the darkest non-zero level, not as no ratio at all.
      gain[k] = drivingSkin == null ? 1
          : Math.max(MIN_GAIN, Math.min(MAX_GAIN, portraitSkin[k] / Math.max(1, drivingSkin[k])));
    }

    double[] b = Polygons.bounds(hole[0], hole[1]);
    int x0 = Math.max(0, (int) Math.floor(b[0]));
    int y0 = Math.max(0, (int) Math.floor(b[1]));
    int x1 = Math.min(width - 1, (int) Math.ceil(b[2]));
    int y1 = Math.min(height - 1, (int) Math.ceil(b[3]));
    float[] rgb = new float[3];
    double[] lip = new double[2];
    double[] read = new double[2];
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double inside = Polygons.signedDistance(x, y, hole[0], hole[1]);
        if (inside <= 0) {
          continue;
        }
        double alpha = amount * Math.min(1, inside / seam);
        boolean sampled = false;
        if (usable > 0) {
          target.lipCoordinates(x, y, lip);
          source.point(lip[0], lip[1], read);
          sampled = Pixels.sample(driving.image(), read[0], read[1], rgb);
        }
        int p = (y * width + x) * 4;
        for (int k = 0; k < 3; k++) {
          double colour = sampled ? cavity[k] + usable * (gain[k] * rgb[k] - cavity[k]) : cavity[k];
          double old = rgba[p + k] & 0xff;
          rgba[p + k] = (byte) clampByte(old + alpha * (colour - old));
        }
        rgba[p + 3] = (byte) 255;
      }
    }
  }

  /**
   * Mean colour of the skin ring round the lips (the outer lip outline widened by half
   * again, minus the lips): skin against skin carries the lighting and white balance over without
   * tinting the teeth with the portrait's lipstick.
   */
  private static double[] skinColour(RgbPixels image, Landmarks l) {
    double[][] lips = Polygons.pick(toDoubles(l.xs()), toDoubles(l.ys()), OUTER);
    double cx = 0;
    double cy = 0;
    for (int i = 0; i < OUTER.length; i++) {
      cx += lips[0][i] / OUTER.length;
      cy += lips[1][i] / OUTER.length;
    }
    double[][] ring = new double[2][OUTER.length];
    for (int i = 0; i < OUTER.length; i++) {
      ring[0][i] = cx + RING_WIDENING * (lips[0][i] - cx);
      ring[1][i] = cy + RING_WIDENING * (lips[1][i] - cy);
    }
    return Pixels.meanColour(image, ring, lips);
  }

  static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  static int clampByte(double v) {
    return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5);
  }
}
