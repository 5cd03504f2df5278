package org.portraitperf.face;

import java.util.Arrays;

/**
 * The 68 facial landmarks of the iBUG 300-W scheme, in image pixels. Indices: 0-16 jaw line (from
 * the image's left), 17-21 and 22-26 brows, 27-35 nose, 36-41 and 42-47 eyes (36 is the outer
 * corner of the eye on the image's left), 48-59 outer lips, 60-67 inner lips.
 */
public final class Landmarks {
  public static final int COUNT = 68;

  private final float[] xs;
  private final float[] ys;

  public Landmarks(float[] xs, float[] ys) {
    if (xs.length != COUNT || ys.length != COUNT) {
      throw new IllegalArgumentException(
          "expected " + COUNT + " landmarks, found " + xs.length + " x and " + ys.length + " y");
    }
    this.xs = xs.clone();
    this.ys = ys.clone();
  }

  public float x(int i) {
    return xs[i];
  }

  public float y(int i) {
    return ys[i];
  }

  /** A copy of the x coordinates. */
  public float[] xs() {
    return xs.clone();
  }

  /** A copy of the y coordinates. */
  public float[] ys() {
    return ys.clone();
  }

  /** Mean position of landmarks {@code from..to} inclusive, as {x, y}. */
  public float[] mean(int from, int to) {
    float sx = 0, sy = 0;
    for (int i = from; i <= to; i++) {
      sx += xs[i];
      sy += ys[i];
    }
    int n = to - from + 1;
    return new float[] {sx / n, sy / n};
  }

  /** Tight bounds of all points as {minX, minY, maxX, maxY}. */
  public float[] bounds() {
    float minX = Float.MAX_VALUE, minY = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
    for (int i = 0; i < COUNT; i++) {
      minX = Math.min(minX, xs[i]);
      minY = Math.min(minY, ys[i]);
      maxX = Math.max(maxX, xs[i]);
      maxY = Math.max(maxY, ys[i]);
    }
    return new float[] {minX, minY, maxX, maxY};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Landmarks other && Arrays.equals(xs, other.xs) && Arrays.equals(ys, other.ys);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
  }
}
