package org.portraitperf.engine.warp;

import org.portraitperf.face.FaceObservation;
import org.portraitperf.media.RgbImage;

/**
 * What the warp needs to know about one driving frame.
 *
 * @param image the driving frame, for the mouth interior and wrinkle detail
 * @param face the driving face in this frame (smoothed landmarks); where the face was lost, the
 *     session passes the last frame's face in which it was found, so the portrait holds its pose
 * @param reference the driving face in the reference (neutral) frame
 */
record DrivingFrame(RgbImage image, FaceObservation face, FaceObservation reference) {}
