package org.portraitperf.face;

/**
 * Smooths landmark tracks over time with one {@link OneEuroFilter} per coordinate. Speed is
 * measured in units of the face's own size (the outer eye-corner distance), so the same cut-offs
 * suit a face of 100 px and one of 1000 px.
 *
 * <p>Tuning: a 0.7 Hz floor removes the frame-to-frame shimmer of a still face, while the speed term
 * lets the cut-off climb to tens of hertz during speech, so a lip closing within two frames at 25 fps is
 * followed without visible lag.
 */
public final class LandmarkSmoother {
  static final double MIN_CUTOFF_HZ = 0.7;
  static final double BETA = 4.0;
  static final double DERIVATIVE_CUTOFF_HZ = 1.0;

  private final OneEuroFilter[] filters = new OneEuroFilter[Landmarks.COUNT * 2];
  private final double frameSeconds;

  /** @param framesPerSecond the clip's frame rate, which sets the filters' time step */
  public LandmarkSmoother(double framesPerSecond) {
    if (!(framesPerSecond > 0)) {
      throw new IllegalArgumentException("frame rate must be positive, found " + framesPerSecond);
    }
    this.frameSeconds = 1.0 / framesPerSecond;
    for (int i = 0; i < filters.length; i++) {
      filters[i] = new OneEuroFilter(MIN_CUTOFF_HZ, BETA, DERIVATIVE_CUTOFF_HZ);
    }
  }

  /** The smoothed landmarks of the next frame. */
  public Landmarks smooth(Landmarks raw) {
    double scale = Math.max(1e-3, FaceMeasures.eyeSpan(raw));
    float[] xs = new float[Landmarks.COUNT];
    float[] ys = new float[Landmarks.COUNT];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      xs[i] = (float) filters[2 * i].filter(raw.x(i), frameSeconds, scale);
      ys[i] = (float) filters[2 * i + 1].filter(raw.y(i), frameSeconds, scale);
    }
    return new Landmarks(xs, ys);
  }

  /** Starts afresh, for a face found again after it was lost. */
  public void reset() {
    for (OneEuroFilter filter : filters) {
      filter.reset();
    }
  }
}
