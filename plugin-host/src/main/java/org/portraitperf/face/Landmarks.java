package org.portraitperf.face;

import java.util.Arrays;

/**
 * The 68 facial landmarks of the iBUG 300-W scheme, in image pixels. Indices: 0-16 jaw line (from
 * the image's left), 17-21 and 22-26 brows, 27-35 nose, 36-41 and 42-47 eyes (36 is the outer
 * corner of the eye on the image's left), 48-59 outer lips, 60-67 inner lips.
 */
public final class Landmarks {
  public static final int COUNT = 68;

  /** For each landmark, the landmark that takes its place when the face is mirrored left to right. */
  private static final int[] MIRROR = mirrorPermutation();

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

  /** The landmarks of the same face in a picture of {@code imageWidth} flipped left to right. */
  public Landmarks mirrored(int imageWidth) {
    float[] mx = new float[COUNT];
    float[] my = new float[COUNT];
    for (int i = 0; i < COUNT; i++) {
      // Pixel centres: column c maps to column width-1-c.
      mx[MIRROR[i]] = imageWidth - 1 - xs[i];
      my[MIRROR[i]] = ys[i];
    }
    return new Landmarks(mx, my);
  }

  private static int[] mirrorPermutation() {
    int[] m = new int[COUNT];
    for (int i = 0; i < COUNT; i++) {
      m[i] = i;
    }
    int[][] pairs = {
      {0, 16}, {1, 15}, {2, 14}, {3, 13}, {4, 12}, {5, 11}, {6, 10}, {7, 9}, // jaw
      {17, 26}, {18, 25}, {19, 24}, {20, 23}, {21, 22}, // brows
      {31, 35}, {32, 34}, // nostrils
      {36, 45}, {37, 44}, {38, 43}, {39, 42}, {40, 47}, {41, 46}, // eyes
      {48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58}, // outer lips
      {60, 64}, {61, 63}, {65, 67}, // inner lips
    };
    for (int[] pair : pairs) {
      m[pair[0]] = pair[1];
      m[pair[1]] = pair[0];
    }
    return m;
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
