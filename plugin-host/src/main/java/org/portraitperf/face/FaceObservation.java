package org.portraitperf.face;

/**
 * What is known about one face in one picture.
 *
 * @param landmarks the 68 landmarks (smoothed, when they come from a tracker)
 * @param pose head orientation fitted to the landmarks
 * @param leftImageEye openness of the eye on the image's left, see {@link FaceMeasures}
 * @param rightImageEye openness of the eye on the image's right
 * @param mouth inner-lip openness, see {@link FaceMeasures#mouthOpenness}
 */
public record FaceObservation(
    Landmarks landmarks, HeadPose pose, double leftImageEye, double rightImageEye, double mouth) {

  /** Measures everything that follows from a set of landmarks. */
  public static FaceObservation of(Landmarks landmarks) {
    return new FaceObservation(
        landmarks,
        HeadPoseEstimator.estimate(landmarks),
        FaceMeasures.leftImageEyeOpenness(landmarks),
        FaceMeasures.rightImageEyeOpenness(landmarks),
        FaceMeasures.mouthOpenness(landmarks));
  }
}
