package org.portraitperf.engine;

import org.portraitperf.media.RgbImage;

/**
 * An animation engine: turns a still portrait into a performance of a driving clip. Creating an
 * engine is cheap; models and analyses load in {@link #open}.
 */
public interface AnimationEngine {

  /** Name, readiness and a one-line description, for {@code doctor} and the sidecar's info. */
  EngineInfo info();

  /**
   * Opens a session for one portrait and one driving clip.
   *
   * @param portrait the still to animate
   * @param portraitName how the user named it, for errors
   * @param driving the performance, readable at any frame
   * @throws org.portraitperf.face.FaceException when the portrait has no face
   */
  Session open(RgbImage portrait, String portraitName, DrivingSource driving, EngineSettings settings);
}
