package org.portraitperf.engine.warp;

import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.FaceTracker;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.testing.TestMedia;

/** Finds telling frames (a blink, a wide mouth, a head turn) in the real driving clips by tracking them. */
final class DrivingClips {
  private DrivingClips() {}

  /** Frame {@code index} of a clip, with frame 0 as the reference. */
  static DrivingFrame frame(FaceAnalyzer analyzer, String clip, int index) {
    return best(analyzer, clip, index + 1, (at, face, reference) -> at == index ? 1 : 0);
  }

  /** How telling a tracked frame is. */
  interface Score {
    double of(int index, FaceObservation face, FaceObservation reference);
  }

  /**
   * The frame among the first {@code frames} of a clip that scores highest (ties: the earliest),
   * as a driving frame whose reference is frame 0.
   *
   */
  static DrivingFrame best(FaceAnalyzer analyzer, String clip, int frames,
      Score score) {
    try (VideoReader reader = VideoReader.open(TestMedia.driving(clip))) {
      FaceTracker tracker = analyzer.newTracker(FaceSelection.LARGEST, reader.info().frameRate().toDouble());
      FaceObservation reference = null;
      RgbImage referenceImage = null;
      DrivingFrame best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (DecodedFrame f = reader.next(); f != null && f.index() < frames; f = reader.next()) {
        FaceObservation face = tracker.track(f.image()).face().orElse(null);
        if (face == null) {
          continue;
        }
        if (reference == null) {
          reference = face;
          referenceImage = f.image();
        }
        double value = score.of(f.index(), face, reference);
        if (best == null || value > bestScore) {
          bestScore = value;
          best = new DrivingFrame(f.image(), face, reference, referenceImage);
        }
      }
      if (best == null) {
        throw new IllegalStateException(clip + ": no face tracked in the first " + frames + " frames");
      }
      return best;
    }
  }
}
