package org.portraitperf.face;

/**
 * The face region dlib's shape predictor works in, as dlib's {@code rectangle} describes it: the
 * predictor's unit square maps (0,0) to ({@code left}, {@code top}) and (1,1) to ({@code right},
 * {@code bottom}), in image pixels whose centres sit on integer coordinates. Axis-aligned, like
 * every box dlib's own detector gives.
 */
record DlibBox(float left, float top, float right, float bottom) {

  DlibBox {
    if (!Float.isFinite(left) || !Float.isFinite(top) || !Float.isFinite(right) || !Float.isFinite(bottom)) {
      throw new IllegalArgumentException(
          "box corners must be finite, found " + left + ", " + top + ", " + right + ", " + bottom);
    }
    if (right <= left || bottom <= top) {
      throw new IllegalArgumentException(
          "box must have positive size, found " + left + ", " + top + " to " + right + ", " + bottom);
    }
  }

  /** A square box of side {@code side} centred on ({@code centreX}, {@code centreY}). */
  static DlibBox square(float centreX, float centreY, float side) {
    float half = side / 2;
    return new DlibBox(centreX - half, centreY - half, centreX + half, centreY + half);
  }

  float width() {
    return right - left;
  }

  float height() {
    return bottom - top;
  }
}
