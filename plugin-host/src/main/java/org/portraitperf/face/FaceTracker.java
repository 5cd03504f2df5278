package org.portraitperf.face;

import java.util.List;
import java.util.Optional;
import org.portraitperf.media.RgbPixels;

/**
 * Follows one face through a clip, frame by frame, in order. The detector runs only to find the
 * face at the start, to find it again once lost, and every {@link #CHECK_INTERVAL} frames to make
 * sure the landmarks still sit on a face; in between, each frame's landmarks are fitted from the
 * previous frame's, which is an order of magnitude cheaper than detection.
 *
 * <p>Not thread-safe: a tracker holds one clip's history. Open one per clip.
 */
public final class FaceTracker {
  /** Frames between detector checks while tracking. */
  static final int CHECK_INTERVAL = 15;

  /**
   * Checks in a row in which the detector sees no face at all before the track is dropped. The
   * detector misses faces at strong yaw that the landmark model still follows, so a single miss
   * is not proof of loss.
   */
  static final int MISSES_BEFORE_LOST = 3;

  /**
   * Below this similarity between consecutive face samples the look changed too much to trust
   * the landmarks without asking the detector at once; speech and blinks stay well above it.
   */
  static final double APPEARANCE_CHANGE_LIMIT = 0.6;

  /** Raw landmarks closer than this to the smoothed ones (in eye spans, on average) mean a still face. */
  static final double STILL_FACE_SPAN_FRACTION = 0.03;

  /** A re-detection within this many frames of a loss prefers the face nearest the lost one. */
  static final int RECENT_LOSS_FRAMES = 30;

  private final FaceDetector detector;
  private final LandmarkModel landmarkModel;
  private final FaceSelection selection;
  private final LandmarkSmoother smoother;

  private int nextIndex;
  private Landmarks previous;
  private float[] previousPatch;
  private int framesSinceCheck;
  private int consecutiveMisses;
  private float[] lastCentre;
  private int lastSeenIndex = -1;

  FaceTracker(FaceDetector detector, LandmarkModel landmarkModel, FaceSelection selection, double framesPerSecond,
      double smoothing) {
    this.detector = detector;
    this.landmarkModel = landmarkModel;
    this.selection = selection;
    this.smoother = new LandmarkSmoother(framesPerSecond, smoothing);
  }

  /** Tracks the next frame of the clip. */
  public TrackedFrame track(RgbPixels frame) {
    int index = nextIndex++;
    boolean detected = false;
    Landmarks raw = previous == null ? null : follow(frame);
    if (raw == null) {
      raw = detect(frame, index);
      detected = raw != null;
    }
    if (raw == null) {
      previous = null;
      smoother.reset();
      return new TrackedFrame(index, Optional.empty(), false);
    }
    if (detected) {
      // A new track: the filters' history belongs to another face or another moment.
      smoother.reset();
    }
    Landmarks smoothed = smoother.smooth(raw);
    // While the face is nearly still, the next fit starts from the smoothed landmarks: fitting
    // from the raw ones feeds the predictor's own noise back into its face box, and on a still
    // face that loop can settle into a cycle of two answers a few pixels apart. In motion the
    // smoothed landmarks trail the face, so the raw ones lead.
    previous = meanDistance(raw, smoothed) < STILL_FACE_SPAN_FRACTION * FaceMeasures.eyeSpan(raw) ? smoothed : raw;
    previousPatch = FacePatch.sample(frame, previous);
    lastCentre = smoothed.mean(36, 47);
    lastSeenIndex = index;
    return new TrackedFrame(index, Optional.of(FaceObservation.of(smoothed)), detected);
  }

  /** Landmarks fitted from the previous frame's, or null when the face is lost. */
  private Landmarks follow(RgbPixels frame) {
    Landmarks candidate = landmarkModel.refit(frame, previous);
    if (!plausible(candidate, frame.width(), frame.height())) {
      return null;
    }
    boolean lookChanged =
        FacePatch.similarity(previousPatch, FacePatch.sample(frame, candidate)) < APPEARANCE_CHANGE_LIMIT;
    if (++framesSinceCheck < CHECK_INTERVAL && !lookChanged) {
      return candidate;
    }
    framesSinceCheck = 0;
    List<Detection> faces = detector.detect(frame);
    if (faces.stream().anyMatch(face -> agrees(face, candidate))) {
      consecutiveMisses = 0;
      return candidate;
    }
    // A sudden change of look with no face where the landmarks are is a loss, not a hard pose.
    if (!lookChanged && faces.isEmpty() && ++consecutiveMisses < MISSES_BEFORE_LOST) {
      // Check again on the next frame rather than waiting a whole interval.
      framesSinceCheck = CHECK_INTERVAL - 1;
      return candidate;
    }
    consecutiveMisses = 0;
    return null;
  }

  private Landmarks detect(RgbPixels frame, int index) {
    List<Detection> faces = detector.detect(frame);
    Optional<Detection> chosen = lastCentre != null && index - lastSeenIndex <= RECENT_LOSS_FRAMES
        ? nearest(faces, lastCentre)
        : selection.pick(faces, frame.width(), frame.height());
    if (chosen.isEmpty()) {
      return null;
    }
    framesSinceCheck = 0;
    consecutiveMisses = 0;
    Landmarks fitted = landmarkModel.fit(frame, chosen.get());
    return plausible(fitted, frame.width(), frame.height()) ? fitted : null;
  }

  private static Optional<Detection> nearest(List<Detection> faces, float[] centre) {
    Detection best = null;
    double bestDistance = Double.MAX_VALUE;
    for (Detection face : faces) {
      double eyesX = (face.keypointX(Detection.RIGHT_EYE) + face.keypointX(Detection.LEFT_EYE)) / 2;
      double eyesY = (face.keypointY(Detection.RIGHT_EYE) + face.keypointY(Detection.LEFT_EYE)) / 2;
      double distance = Math.hypot(eyesX - centre[0], eyesY - centre[1]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = face;
      }
    }
    return Optional.ofNullable(best);
  }

  private static double meanDistance(Landmarks a, Landmarks b) {
    double sum = 0;
    for (int i = 0; i < Landmarks.COUNT; i++) {
      sum += Math.hypot(a.x(i) - b.x(i), a.y(i) - b.y(i));
    }
    return sum / Landmarks.COUNT;
  }

  /** True when the detector's eyes fall on the landmarks' eyes, within a third of the eye span. */
  static boolean agrees(Detection face, Landmarks landmarks) {
    double tolerance = FaceMeasures.eyeSpan(landmarks) / 3;
    float[] imageLeftEye = landmarks.mean(36, 41);
    float[] imageRightEye = landmarks.mean(42, 47);
    return Math.hypot(face.keypointX(Detection.RIGHT_EYE) - imageLeftEye[0],
            face.keypointY(Detection.RIGHT_EYE) - imageLeftEye[1]) < tolerance
        && Math.hypot(face.keypointX(Detection.LEFT_EYE) - imageRightEye[0],
            face.keypointY(Detection.LEFT_EYE) - imageRightEye[1]) < tolerance;
  }

  /**
   * Rejects fits that cannot be a face in this frame: mostly outside it, collapsed to a few
   * pixels, or with the eyes on the wrong sides.
   */
  static boolean plausible(Landmarks landmarks, int width, int height) {
    int inside = 0;
    for (int i = 0; i < Landmarks.COUNT; i++) {
      if (landmarks.x(i) >= 0 && landmarks.y(i) >= 0 && landmarks.x(i) < width && landmarks.y(i) < height) {
        inside++;
      }
    }
    double span = FaceMeasures.eyeSpan(landmarks);
    return inside >= Landmarks.COUNT * 0.7
        && span >= 8
        && landmarks.x(36) < landmarks.x(45);
  }
}
