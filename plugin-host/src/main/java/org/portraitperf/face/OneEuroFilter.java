package org.portraitperf.face;

/**
 * The One-Euro filter (Casiez, Roussel and Vogel, CHI 2012) for one coordinate: a low-pass filter
 * whose cut-off rises with speed, so a still face stops jittering while fast lip motion passes
 * with little lag. The speed that raises the cut-off is measured in units of a caller-given
 * scale (see {@link LandmarkSmoother}), so that one tuning serves small and large faces.
 */
final class OneEuroFilter {
  private final double minCutoffHz;
  private final double beta;
  private final double derivativeCutoffHz;

  private boolean primed;
  private double value;
  private double derivative;

  OneEuroFilter(double minCutoffHz, double beta, double derivativeCutoffHz) {
    if (minCutoffHz <= 0 || beta < 0 || derivativeCutoffHz <= 0) {
      throw new IllegalArgumentException(
          "One-Euro parameters must be positive, found minCutoff=" + minCutoffHz + " beta=" + beta
              + " dCutoff=" + derivativeCutoffHz);
    }
    this.minCutoffHz = minCutoffHz;
    this.beta = beta;
    this.derivativeCutoffHz = derivativeCutoffHz;
  }

  /**
   * Filters the next sample, {@code dtSeconds} after the previous one; {@code speedUnit} is the
   * length in which the speed term is measured (the face size for landmarks).
   */
  double filter(double sample, double dtSeconds, double speedUnit) {
    if (!primed) {
      primed = true;
      value = sample;
      derivative = 0;
      return sample;
    }
    double rawDerivative = (sample - value) / dtSeconds;
    derivative += alpha(derivativeCutoffHz, dtSeconds) * (rawDerivative - derivative);
    double cutoff = minCutoffHz + beta * Math.abs(derivative) / speedUnit;
    value += alpha(cutoff, dtSeconds) * (sample - value);
    return value;
  }

  /** Forgets the past, as after a cut or a lost face: the next sample passes unfiltered. */
  void reset() {
    primed = false;
  }

  private static double alpha(double cutoffHz, double dtSeconds) {
    double tau = 1.0 / (2 * Math.PI * cutoffHz);
    return 1.0 / (1.0 + tau / dtSeconds);
  }
}
