package org.portraitperf.testing;

import org.portraitperf.face.FaceObservation;

/**
 * The acting of a face over a clip as four curves (mouth openness, mean eye openness, yaw,
 * pitch), so that a driving clip and an animation can be compared by correlation. Frames where
 * no face was found are filled with the previous value (or the first found), as a viewer would
 * see the last pose held.
 */
public final class PerformanceCurves {
  private final double[] mouth;
  private final double[] eyes;
  private final double[] yaw;
  private final double[] pitch;
  private int size;

  public PerformanceCurves(int capacity) {
    mouth = new double[capacity];
    eyes = new double[capacity];
    yaw = new double[capacity];
    pitch = new double[capacity];
  }

  /** Appends one frame's face; null when no face was found in it. */
  public void add(FaceObservation face) {
    if (face == null) {
      int from = Math.max(0, size - 1);
      mouth[size] = size == 0 ? Double.NaN : mouth[from];
      eyes[size] = size == 0 ? Double.NaN : eyes[from];
      yaw[size] = size == 0 ? Double.NaN : yaw[from];
      pitch[size] = size == 0 ? Double.NaN : pitch[from];
    } else {
      mouth[size] = face.mouth();
      eyes[size] = (face.leftImageEye() + face.rightImageEye()) / 2;
      yaw[size] = face.pose().yaw();
      pitch[size] = face.pose().pitch();
    }
    size++;
  }

  public double mouthCorrelation(PerformanceCurves other) {
    return pearson(mouth, other.mouth, Math.min(size, other.size));
  }

  public double eyeCorrelation(PerformanceCurves other) {
    return pearson(eyes, other.eyes, Math.min(size, other.size));
  }

  public double yawCorrelation(PerformanceCurves other) {
    return pearson(yaw, other.yaw, Math.min(size, other.size));
  }

  public double pitchCorrelation(PerformanceCurves other) {
    return pearson(pitch, other.pitch, Math.min(size, other.size));
  }

  /** Pearson's correlation over the first n samples where both curves have values. */
  public static double pearson(double[] a, double[] b, int n) {
    double sa = 0, sb = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        sa += a[i];
        sb += b[i];
        count++;
      }
    }
    double ma = sa / count, mb = sb / count;
    double cross = 0, va = 0, vb = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        cross += (a[i] - ma) * (b[i] - mb);
        va += (a[i] - ma) * (a[i] - ma);
        vb += (b[i] - mb) * (b[i] - mb);
      }
    }
    return va == 0 || vb == 0 ? 0 : cross / Math.sqrt(va * vb);
  }
}
