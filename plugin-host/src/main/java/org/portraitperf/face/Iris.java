package org.portraitperf.face;

/**
 * Where one eye's iris sits, as {@link IrisLocator} found it.
 *
 * <p>The gaze coordinates are measured in the eye's own frame, so they compare across head roll,
 * size and distance: the axis runs from the eye's corner on the image's left (landmark 36 or 42)
 * to its corner on the image's right (39 or 45).
 *
 * @param x centre in image pixels
 * @param y centre in image pixels
 * @param radius in image pixels
 * @param along the centre's position along the corner-to-corner axis, 0 at the image-left corner,
 *     1 at the image-right corner; about 0.5 looking straight ahead, growing as the eye looks
 *     towards the image's right
 * @param across the centre's offset from that axis per eye width, positive towards the image's
 *     bottom (for an upright face: looking down)
 * @param confidence how much darker the iris disc is than the white around it, 0 (no contrast) to
 *     1 (a black disc on white)
 */
public record Iris(double x, double y, double radius, double along, double across, double confidence) {

  public Iris {
    if (!(radius > 0) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(along)
        || !Double.isFinite(across)) {
      throw new IllegalArgumentException("iris needs a finite centre and positive radius, found (" + x + ", " + y
          + ") r " + radius + " along " + along + " across " + across);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("iris confidence must be 0..1, found " + confidence);
    }
  }
}
