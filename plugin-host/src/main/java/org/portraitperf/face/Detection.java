package org.portraitperf.face;

import java.util.Objects;

/**
 * One face found by a {@link FaceDetector}, in pixel coordinates of the analysed image.
 *
 * @param x left edge of the face box
 * @param y top edge of the face box
 * @param width box width
 * @param height box height
 * @param score detector confidence, 0..1
 * @param keypoints six points as x0, y0, x1, y1, ...: the subject's right eye, left eye, nose tip,
 *     mouth centre, right ear tragion, left ear tragion ("right" is the subject's own right, which
 *     is on the image's left for a face looking at the camera)
 */
public record Detection(float x, float y, float width, float height, float score, float[] keypoints) {

  /** Index of each keypoint in {@link #keypoints()} (times two). */
  public static final int RIGHT_EYE = 0, LEFT_EYE = 1, NOSE_TIP = 2, MOUTH = 3, RIGHT_EAR = 4, LEFT_EAR = 5;

  public Detection {
    Objects.requireNonNull(keypoints, "keypoints");
    if (keypoints.length != 12) {
      throw new IllegalArgumentException("expected 6 keypoints (12 values), found " + keypoints.length);
    }
  }

  public float keypointX(int index) {
    return keypoints[index * 2];
  }

  public float keypointY(int index) {
    return keypoints[index * 2 + 1];
  }

  public float area() {
    return width * height;
  }

  public float centerX() {
    return x + width / 2;
  }

  public float centerY() {
    return y + height / 2;
  }
}
