package org.portraitperf.engine;

import java.nio.file.Path;
import java.util.Arrays;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.media.VideoWriter;

/** Driving clips made for a test from the real ones: broken on purpose, in a temp dir. */
public final class DrivingClips {
  private DrivingClips() {}

  /**
   * The first {@code frames} frames of {@code source}, with frames {@code gapFrom} to {@code gapTo - 1}
   * replaced by flat grey: the face leaves the picture and comes back.
   */
  public static Path withGreyGap(Path source, int frames, int gapFrom, int gapTo, Path target) {
    try (VideoReader reader = VideoReader.open(source);
        VideoWriter writer = VideoWriter.open(target,
            VideoWriter.Options.of(VideoWriter.Format.forPath(target), reader.info().frameRate()).withQuality(12, "veryfast"))) {
      for (int t = 0; t < frames; t++) {
        DecodedFrame frame = reader.next();
        writer.write(t >= gapFrom && t < gapTo ? grey(frame.image()) : frame.image());
      }
    }
    return target;
  }

  /** A clip open as a session reads it. */
  public static VideoDrivingSource open(Path clip) {
    return VideoDrivingSource.of(VideoReader.open(clip));
  }

  private static RgbImage grey(RgbImage like) {
    byte[] pixels = new byte[like.pixels().length];
    Arrays.fill(pixels, (byte) 128);
    return new RgbImage(like.width(), like.height(), pixels);
  }
}
