package org.portraitperf.face;

/**
 * Smooths landmark tracks over time with one {@link OneEuroFilter} per coordinate. Speed is
 * measured in units of the face's own size (the outer eye-corner distance), so the same cut-offs
 * suit a face of 100 px and one of 1000 px.
 *
 * <p>Tuning: a 0.7 Hz floor removes the frame-to-frame shimmer of a still face, while the speed term
 * lets the cut-off climb to tens of hertz during speech, so a lip closing within two frames at 25 fps is
 * followed without visible lag.
 *
 * <p>A smoothing amount from 0 to 1 scales that floor: {@link #DEFAULT_SMOOTHING} (0.5) is the tuning
 * above, each 0.25 step halves (more smoothing) or doubles (less) the floor, so 1 gives 0.175 Hz
 * (a slow drift only) and just above 0 gives 2.8 Hz; 0 turns the filter off. The speed term is left
 * alone, so fast motion passes at every setting.
 */
public final class LandmarkSmoother {
  static final double MIN_CUTOFF_HZ = 0.7;
  static final double BETA = 4.0;
  static final double DERIVATIVE_CUTOFF_HZ = 1.0;
  /** The smoothing amount at which the floor is {@link #MIN_CUTOFF_HZ}. */
  public static final double DEFAULT_SMOOTHING = 0.5;

  private final OneEuroFilter[] filters = new OneEuroFilter[Landmarks.COUNT * 2];
  private final double frameSeconds;
  private final boolean off;

  /** @param framesPerSecond the clip's frame rate, which sets the filters' time step */
  public LandmarkSmoother(double framesPerSecond) {
    this(framesPerSecond, DEFAULT_SMOOTHING);
  }

  /**
   * @param framesPerSecond the clip's frame rate, which sets the filters' time step
   * @param smoothing 0 (none) to 1 (heavy); see the class comment
   */
  public LandmarkSmoother(double framesPerSecond, double smoothing) {
    if (!(framesPerSecond > 0)) {
      throw new IllegalArgumentException("frame rate must be positive, found " + framesPerSecond);
    }
    if (!(smoothing >= 0 && smoothing <= 1)) {
      throw new IllegalArgumentException("smoothing must be between 0 and 1, found " + smoothing);
    }
    this.frameSeconds = 1.0 / framesPerSecond;
    this.off = smoothing == 0;
    double minCutoff = MIN_CUTOFF_HZ * Math.pow(2, 4 * (DEFAULT_SMOOTHING - smoothing));
    for (int i = 0; i < filters.length; i++) {
      filters[i] = new OneEuroFilter(minCutoff, BETA, DERIVATIVE_CUTOFF_HZ);
    }
  }

  /** The smoothed landmarks of the next frame. */
  public Landmarks smooth(Landmarks raw) {
    if (off) {
      return raw;
    }
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
