package org.portraitperf.face;

import java.util.Optional;

/**
 * The tracker's answer for one frame.
 *
 * @param index frame number in the clip, from 0
 * @param face the face, empty when none was found in this frame
 * @param detected true when the face was (re)found by the detector in this frame rather than
 *     followed from the previous one
 */
public record TrackedFrame(int index, Optional<FaceObservation> face, boolean detected) {

  public boolean tracked() {
    return face.isPresent();
  }
}
