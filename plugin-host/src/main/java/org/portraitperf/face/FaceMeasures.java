package org.portraitperf.face;

/**
 * Scale-free measures read off the 68 landmarks. Ratios rather than pixel distances, so that they
 * compare across faces, resolutions and distances from the camera.
 */
public final class FaceMeasures {
  private FaceMeasures() {}

  /** Distance between the outer eye corners (36 and 45): the face's own unit of length. */
  public static double eyeSpan(Landmarks l) {
    return distance(l, 36, 45);
  }

  /**
   * Openness of the eye on the image's left (landmarks 36-41): lid gap over eye width, about 0.3
   * for an open eye and under 0.1 for a closed one (the eye aspect ratio of Soukupová and Čech).
   */
  public static double leftImageEyeOpenness(Landmarks l) {
    return eyeAspect(l, 36);
  }

  /** Openness of the eye on the image's right (landmarks 42-47), as {@link #leftImageEyeOpenness}. */
  public static double rightImageEyeOpenness(Landmarks l) {
    return eyeAspect(l, 42);
  }

  /** Inner-lip gap over mouth width: 0 closed, about 0.5 to 0.8 wide open. */
  public static double mouthOpenness(Landmarks l) {
    double gap = (distance(l, 61, 67) + distance(l, 62, 66) + distance(l, 63, 65)) / 3;
    return gap / Math.max(1e-6, distance(l, 48, 54));
  }

  private static double eyeAspect(Landmarks l, int first) {
    double lids = distance(l, first + 1, first + 5) + distance(l, first + 2, first + 4);
    return lids / Math.max(1e-6, 2 * distance(l, first, first + 3));
  }

  static double distance(Landmarks l, int a, int b) {
    return Math.hypot(l.x(a) - l.x(b), l.y(a) - l.y(b));
  }
}
