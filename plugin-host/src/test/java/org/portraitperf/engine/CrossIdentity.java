package org.portraitperf.engine;

import java.nio.file.Path;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.FaceTracker;
import org.portraitperf.media.RgbImage;
import org.portraitperf.testing.PerformanceCurves;
import org.portraitperf.testing.TestMedia;

/**
 * Cross-identity reenactment: one person's portrait driven by another's clip. There is no true
 * answer frame, so the check is whether the animation acts like the driving: the foundation's
 * landmark model measures mouth and eye openness, yaw and pitch on both, and the curves are
 * correlated.
 *
 * <p>A stride above 1 scores every stride-th frame only (both trackers see the same frames, at the
 * correspondingly lower rate): for quick iteration, and for integration tests that must run fast.
 */
public final class CrossIdentity {
  private CrossIdentity() {}

  public record Score(String portrait, String clip, int frames, double mouth, double eyes, double yaw, double pitch) {}

  /** Scores every stride-th frame of the first maxFrames, rendered with the default settings. */
  public static Score run(EngineSelector engines, FaceAnalyzer faces, String engine, String portrait, Path clip, int maxFrames,
      int stride) {
    return run(engines, faces, engine, portrait, clip, maxFrames, stride, EngineSettings.DEFAULTS);
  }

  /** As {@link #run(EngineSelector, FaceAnalyzer, String, String, Path, int, int)}, rendered with the given settings. */
  public static Score run(EngineSelector engines, FaceAnalyzer faces, String engine, String portrait, Path clip, int maxFrames,
      int stride, EngineSettings settings) {
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be at least 1, found " + stride);
    }
    try (DrivingSource driving = DrivingClips.open(clip)) {
      int frames = Math.min(maxFrames, driving.frameCount());
      double fps = driving.frameRate().toDouble() / stride;
      PerformanceCurves drivingCurves = new PerformanceCurves(frames);
      PerformanceCurves outputCurves = new PerformanceCurves(frames);
      FaceTracker drivingTracker = faces.newTracker(FaceSelection.LARGEST, fps);
      FaceTracker outputTracker = faces.newTracker(FaceSelection.LARGEST, fps);
      RgbImage still = TestMedia.image(portrait);
      try (Session session = engines.choose(engine).engine().open(still, portrait, driving, settings)) {
        for (int t = 0; t < frames; t += stride) {
          RgbImage rendered = session.render(t).rgb();
          drivingCurves.add(drivingTracker.track(driving.frame(t)).face().orElse(null));
          outputCurves.add(outputTracker.track(rendered).face().orElse(null));
        }
      }
      return new Score(portrait, clip.getFileName().toString(), (frames + stride - 1) / stride,
          outputCurves.mouthCorrelation(drivingCurves), outputCurves.eyeCorrelation(drivingCurves),
          outputCurves.yawCorrelation(drivingCurves), outputCurves.pitchCorrelation(drivingCurves));
    }
  }
}
