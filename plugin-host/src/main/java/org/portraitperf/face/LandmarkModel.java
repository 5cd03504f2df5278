package org.portraitperf.face;

import org.portraitperf.media.RgbPixels;

/**
 * Places the 68 landmarks on a face. Each model has its own idea of the face region it was
 * trained on, so callers hand it what they know (a fresh detection, or the previous frame's
 * landmarks) and the model derives its own region. Kept behind this interface so that a model
 * with a permissive licence can replace the default one.
 */
public interface LandmarkModel {

  /** Landmarks for a face just found by a detector. */
  Landmarks fit(RgbPixels image, Detection detection);

  /** Landmarks for a face that was at {@code previous} in the last frame (tracking). */
  Landmarks refit(RgbPixels image, Landmarks previous);

  /** A short name for reports, such as "dlib 68-point shape predictor". */
  String name();
}
