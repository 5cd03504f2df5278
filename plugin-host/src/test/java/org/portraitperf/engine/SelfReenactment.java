package org.portraitperf.engine;

import java.nio.file.Path;
import org.portraitperf.media.Rational;
import org.portraitperf.media.Resampling;
import org.portraitperf.media.RgbImage;
import org.portraitperf.testing.ImageQuality;

/**
 * Self-reenactment, the standard check of a portrait animator: the portrait is a frame of the
 * clip and the driving is the clip itself, so every output frame has a true answer, the real
 * frame. The engine is scored against the static baseline (the portrait shown unchanged) on the
 * same frames.
 */
public final class SelfReenactment {
  private SelfReenactment() {}

  /** Mean scores over the compared frames. */
  public record Score(String clip, int frames, double enginePsnr, double baselinePsnr, double engineSsim, double baselineSsim) {
    public double psnrGain() {
      return enginePsnr - baselinePsnr;
    }
  }

  /**
   * @param divisor every frame is shrunk by this factor first (1 = full resolution)
   * @param step compare every {@code step}-th frame
   * @param maxFrames compare frames below this index only
   */
  public static Score run(EngineSelector engines, String engine, Path clip, int divisor, int step, int maxFrames) {
    try (DrivingSource driving = new Shrunk(DrivingClips.open(clip), divisor)) {
      RgbImage portrait = driving.frame(0).toImage();
      double enginePsnr = 0, baselinePsnr = 0, engineSsim = 0, baselineSsim = 0;
      int frames = 0;
      try (Session session = engines.choose(engine).engine().open(portrait, "frame 0 of " + clip.getFileName(), driving, EngineSettings.DEFAULTS)) {
        int last = Math.min(maxFrames, driving.frameCount());
        for (int t = step; t < last; t += step) {
          RgbImage real = driving.frame(t).toImage();
          RgbImage rendered = session.render(t).rgb();
          enginePsnr += ImageQuality.psnr(rendered, real);
          engineSsim += ImageQuality.ssim(rendered, real);
          baselinePsnr += ImageQuality.psnr(portrait, real);
          baselineSsim += ImageQuality.ssim(portrait, real);
          frames++;
        }
      }
      return new Score(clip.getFileName().toString(), frames, enginePsnr / frames, baselinePsnr / frames,
          engineSsim / frames, baselineSsim / frames);
    }
  }

  /** A driving source whose frames are shrunk by a whole factor, for quick checks in tests. */
  private static final class Shrunk implements DrivingSource {
    private final DrivingSource source;
    private final int divisor;

    Shrunk(DrivingSource source, int divisor) {
      this.source = source;
      this.divisor = divisor;
    }

    @Override
    public String name() {
      return source.name();
    }

    @Override
    public int frameCount() {
      return source.frameCount();
    }

    @Override
    public Rational frameRate() {
      return source.frameRate();
    }

    @Override
    public RgbImage frame(int index) {
      RgbImage full = source.frame(index).toImage();
      return divisor == 1 ? full : Resampling.resize(full, full.width() / divisor, full.height() / divisor);
    }

    @Override
    public void close() {
      source.close();
    }
  }
}
