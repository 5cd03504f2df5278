package org.portraitperf.engine;

import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.MediaException;
import org.portraitperf.media.Rational;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoReader;

/**
 * A {@link DrivingSource} over a {@link VideoReader}: decodes forward while frames are asked for in
 * order, and seeks only when a request goes backwards or jumps further ahead than decoding the
 * gap would cost. Keeps the one frame it last decoded, because a session typically asks for the
 * same frame twice in a row (once to track it, once for its pixels).
 *
 * <p>Thread-safe (one lock around the reader, which is not).
 */
public final class VideoDrivingSource implements DrivingSource {
  /** Jumps ahead by more than this many frames seek; shorter ones decode through (a key frame interval is often 12-250). */
  static final int MAX_DECODE_AHEAD = 30;

  private final VideoReader reader;
  private final VideoInfo info;
  private int nextIndex;
  private int lastIndex = -1;
  private RgbImage lastImage;

  private VideoDrivingSource(VideoReader reader) {
    this.reader = reader;
    this.info = reader.info();
  }

  /** Wraps an open reader positioned at its first frame; the source closes it. */
  public static VideoDrivingSource of(VideoReader reader) {
    return new VideoDrivingSource(reader);
  }

  public VideoInfo info() {
    return info;
  }

  @Override
  public String name() {
    return info.source();
  }

  @Override
  public int frameCount() {
    return (int) Math.min(Integer.MAX_VALUE, info.frameCount());
  }

  @Override
  public Rational frameRate() {
    return info.frameRate();
  }

  @Override
  public synchronized RgbImage frame(int index) {
    if (index < 0 || index >= frameCount()) {
      throw new IllegalArgumentException(
          "frame " + index + " is outside the driving clip (0.." + (frameCount() - 1) + ")");
    }
    if (index == lastIndex) {
      return lastImage;
    }
    if (index < nextIndex || index - nextIndex > MAX_DECODE_AHEAD) {
      reader.seekToFrame(index);
      nextIndex = index;
    }
    while (nextIndex <= index) {
      DecodedFrame frame = reader.next();
      if (frame == null) {
        throw new MediaException(info.source(), "ends after " + nextIndex + " frames, before frame " + index
            + " (its header promised " + frameCount() + ")");
      }
      lastIndex = nextIndex++;
      lastImage = frame.image();
    }
    return lastImage;
  }

  @Override
  public synchronized void close() {
    reader.close();
  }
}
