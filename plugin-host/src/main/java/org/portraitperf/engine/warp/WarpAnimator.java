package org.portraitperf.engine.warp;

import org.portraitperf.engine.EngineSettings;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;

/** Prepared once per session from the portrait and its analysed face; immutable, thread-safe. */
final class WarpAnimator {

  static WarpAnimator prepare(RgbImage portrait, FaceObservation portraitFace) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The portrait following the driving frame, at the portrait's size. Alpha = the animated
   * head/face region's feathered mask (opaque where the warp moved or synthesised pixels, 0 far
   * from the face), so callers can build a face layer; RGB is the full composited portrait frame.
   * Pure function of its inputs (no hidden state: frame t must not depend on previously rendered
   * frames).
   */
  RgbaImage render(DrivingFrame driving, EngineSettings settings) {
    throw new UnsupportedOperationException("not yet");
  }
}
