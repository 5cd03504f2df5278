package org.portraitperf.engine.warp;

import java.util.Objects;
import java.util.Optional;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.HeadPose;
import org.portraitperf.face.IrisLocator;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbPixels;

/**
 * What the warp needs to know about one driving frame.
 *
 * @param image the driving frame, for the mouth interior and wrinkle detail; a host's may be lent for
 *     the call only, so nothing keeps it
 * @param face the driving face in this frame (smoothed landmarks); where the face was lost, the
 *     session passes the last frame's face in which it was found, so the portrait holds its pose
 * @param reference the driving face in the reference (neutral) frame
 * @param referenceImage the reference frame itself: wrinkles are carried over as the ratio of this
 *     frame to it (an expression-ratio image), so without it there is no detail transfer; null
 *     when the caller has no reference picture
 * @param referenceGaze where the eyes look in the reference frame, see {@link #gazeOf}: the same for
 *     every frame of a session, so a session finds it once
 * @param head the head's pose as the pictures show it: measured by aligning this frame's picture with
 *     the reference's ({@link HeadRegistration}), free of the expression and the fitting noise that
 *     tip the landmarks' pose; hair and the head's outline follow it. The face's own pose where no
 *     alignment was trusted
 * @param aligned how far (0 to 1) {@code head} was measured rather than taken from the landmarks
 */
record DrivingFrame(RgbPixels image, FaceObservation face, FaceObservation reference, RgbImage referenceImage,
    Optional<IrisLocator.Gaze> referenceGaze, HeadPose head, double aligned) {

  DrivingFrame {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(face, "face");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(referenceGaze, "referenceGaze");
    Objects.requireNonNull(head, "head");
  }

  /**
   * A driving frame whose reference gaze is found here, from the reference picture, and whose pose
   * is the landmarks'.
   */
  DrivingFrame(RgbPixels image, FaceObservation face, FaceObservation reference, RgbImage referenceImage) {
    this(image, face, reference, referenceImage, gazeOf(referenceImage, reference), face.pose(), 0);
  }

  /** A driving frame without its reference picture: geometry only, no detail transfer. */
  DrivingFrame(RgbPixels image, FaceObservation face, FaceObservation reference) {
    this(image, face, reference, null);
  }

  /** The reference frame's gaze; none without its picture or where its irises cannot be found. */
  static Optional<IrisLocator.Gaze> gazeOf(RgbImage referenceImage, FaceObservation reference) {
    return referenceImage == null ? Optional.empty() : IrisLocator.gaze(referenceImage, reference.landmarks());
  }
}
