package org.portraitperf.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portraitperf.engine.RealEngines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.Images;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.testing.TestMedia;

/** Tracking through the real driving clips with the real models. */
@ExtendWith(RealEngines.class)
class FaceTrackerIT {
  private static FaceAnalyzer analyzer;

  @BeforeAll
  static void open(FaceAnalyzer shared) {
    analyzer = shared;
  }

  static Stream<Path> drivingClips() {
    return TestMedia.all("driving").stream();
  }

  @ParameterizedTest
  @MethodSource("drivingClips")
  void track_drivingClip_followsFaceOnAtLeast98PercentOfFrames(Path clip) {
    int frames = 0;
    int tracked = 0;
    int detections = 0;
    try (VideoReader reader = VideoReader.open(clip)) {
      FaceTracker tracker = analyzer.newTracker(FaceSelection.LARGEST, reader.info().frameRate().toDouble());
      for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
        TrackedFrame result = tracker.track(frame.image());
        frames++;
        tracked += result.tracked() ? 1 : 0;
        detections += result.detected() ? 1 : 0;
      }
    }
    double share = (double) tracked / frames;
    assertTrue(share >= 0.98, clip.getFileName() + ": tracked " + tracked + " of " + frames);
    // Re-detect only when lost: detection should run on a small minority of frames.
    assertTrue(detections <= Math.max(2, frames / 20), clip.getFileName() + ": detector found the face anew " + detections + " times");
  }

  @Test
  void track_stillImageRepeated30Frames_jittersBelowHalfPixelRms() {
    RgbImage still = Images.read(TestMedia.portrait("lp_s42.jpg"));
    FaceTracker tracker = analyzer.newTracker(FaceSelection.LARGEST, 25);
    List<Landmarks> track = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      track.add(tracker.track(still).face().orElseThrow().landmarks());
    }
    double squared = 0;
    int samples = 0;
    for (int i = 0; i < Landmarks.COUNT; i++) {
      double meanX = 0, meanY = 0;
      for (Landmarks l : track) {
        meanX += l.x(i) / track.size();
        meanY += l.y(i) / track.size();
      }
      for (Landmarks l : track) {
        squared += (l.x(i) - meanX) * (l.x(i) - meanX) + (l.y(i) - meanY) * (l.y(i) - meanY);
        samples++;
      }
    }
    double rms = Math.sqrt(squared / samples);
    assertTrue(rms < 0.5, "landmark jitter on a still: " + rms + " px RMS");
  }

  @Test
  void track_frameWithoutFace_reportsUntrackedThenRecovers() {
    RgbImage face = Images.read(TestMedia.portrait("lp_s42.jpg"));
    RgbImage empty = RgbImage.blank(face.width(), face.height());
    FaceTracker tracker = analyzer.newTracker(FaceSelection.LARGEST, 25);
    assertTrue(tracker.track(face).tracked());
    TrackedFrame gone = tracker.track(empty);
    TrackedFrame back = tracker.track(face);
    assertEquals(false, gone.tracked());
    assertTrue(back.tracked() && back.detected(), "the face is found again by the detector");
  }
}
