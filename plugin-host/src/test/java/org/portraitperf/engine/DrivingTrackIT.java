package org.portraitperf.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceException;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.testing.TestMedia;

/** The driving track on real clips and the real tracker: order independence, held faces, the neutral frame. */
@ExtendWith(RealEngines.class)
class DrivingTrackIT {

  private static DrivingTrack track(VideoDrivingSource source, FaceAnalyzer faces) {
    return new DrivingTrack(source, faces, FaceSelection.LARGEST, 0.5);
  }

  @Test
  void faceAt_frameAskedAlone_equalsSameFrameTrackedInOrder(FaceAnalyzer faces) {
    try (VideoDrivingSource inOrder = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        VideoDrivingSource alone = DrivingClips.open(TestMedia.driving("lp_d12.mp4"))) {
      DrivingTrack sequential = track(inOrder, faces);
      FaceObservation expected = null;
      for (int t = 0; t <= 57; t++) {
        expected = sequential.faceAt(t).face();
      }
      FaceObservation actual = track(alone, faces).faceAt(57).face();

      assertArrayEquals(expected.landmarks().xs(), actual.landmarks().xs());
      assertArrayEquals(expected.landmarks().ys(), actual.landmarks().ys());
    }
  }

  @Test
  void faceAt_faceGoneForTwentyFrames_holdsLastFoundFaceThenFollowsAgain(FaceAnalyzer faces, @TempDir Path dir) {
    Path clip = DrivingClips.withGreyGap(TestMedia.driving("lp_d12.mp4"), 80, 40, 60, dir.resolve("gap.mp4"));
    try (VideoDrivingSource source = DrivingClips.open(clip)) {
      DrivingTrack track = track(source, faces);
      DrivingTrack.Found lastBefore = track.faceAt(39);

      assertEquals(39, lastBefore.frame());
      for (int t = 41; t < 60; t++) {
        assertEquals(lastBefore, track.faceAt(t), "frame " + t + " holds frame 39's face");
      }
      assertEquals(70, track.faceAt(70).frame(), "found again after the gap");
    }
  }

  @Test
  void faceAt_clipWithoutFace_failsNamingTheClip(FaceAnalyzer faces, @TempDir Path dir) {
    Path clip = DrivingClips.withGreyGap(TestMedia.driving("lp_d12.mp4"), 12, 0, 12, dir.resolve("nobody.mp4"));
    try (VideoDrivingSource source = DrivingClips.open(clip)) {
      FaceException error = assertThrows(FaceException.class, () -> track(source, faces).faceAt(3));

      assertEquals(clip.toString(), error.subject());
    }
  }

  @Test
  void faceAt_outsideTheClip_isRefused(FaceAnalyzer faces) {
    try (VideoDrivingSource source = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      assertThrows(IllegalArgumentException.class, () -> track(source, faces).faceAt(source.frameCount()));
    }
  }

  /** lp_d0 goes from a neutral face to a broad smile (about frames 20 to 67) and back. */
  @Test
  void mostNeutralFrame_neutralSmilingNeutral_picksAClosedMouthFrameOutsideTheSmile(FaceAnalyzer faces) {
    try (VideoDrivingSource source = DrivingClips.open(TestMedia.driving("lp_d0.mp4"))) {
      DrivingTrack track = track(source, faces);
      int neutral = track.mostNeutralFrame();

      List<Double> mouths = new ArrayList<>();
      for (int t = 0; t < track.frameCount(); t++) {
        mouths.add(track.faceAt(t).face().mouth());
      }
      double neutralMouth = track.faceAt(neutral).face().mouth();
      assertTrue(neutral < 20 || neutral > 67, "neutral frame " + neutral + " lies outside the smile");
      assertTrue(mouths.stream().filter(m -> m < neutralMouth).count() <= mouths.size() / 4,
          "the neutral frame's mouth (" + neutralMouth + ") is among the most closed: " + mouths);
    }
  }
}
