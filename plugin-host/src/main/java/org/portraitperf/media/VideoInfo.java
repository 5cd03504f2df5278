package org.portraitperf.media;

import java.util.Objects;

/**
 * What a source holds, read from its headers before any frame is decoded.
 *
 * @param source the file or pattern as given
 * @param width displayed width: after rotation and square-pixel resampling, as frames come out
 * @param height displayed height, likewise
 * @param codedWidth width of the pictures as the codec stores them
 * @param codedHeight height of the pictures as the codec stores them
 * @param frameRate nominal frame rate, exact
 * @param frameCount frames in the source; see {@code frameCountEstimated}
 * @param frameCountEstimated true when the container does not state the count and it was derived
 *     from duration x frame rate
 * @param durationMicros length of the video stream
 * @param codec codec short name, e.g. {@code h264}, {@code png}
 * @param pixelFormat decoder pixel format name, e.g. {@code yuv420p}
 * @param rotation clockwise degrees (0, 90, 180, 270) applied to make frames upright
 * @param sampleAspectRatio pixel shape of the coded pictures (1/1 for square pixels)
 * @param colorRange the YUV range used to expand to RGB
 * @param colorMatrix the YUV to RGB matrix used (from stream tags, else guessed from the size)
 * @param hasAudio whether the source has an audio stream
 * @param hasAlpha whether frames carry an alpha plane
 */
public record VideoInfo(
    String source,
    int width,
    int height,
    int codedWidth,
    int codedHeight,
    Rational frameRate,
    long frameCount,
    boolean frameCountEstimated,
    long durationMicros,
    String codec,
    String pixelFormat,
    int rotation,
    Rational sampleAspectRatio,
    ColorRange colorRange,
    ColorMatrix colorMatrix,
    boolean hasAudio,
    boolean hasAlpha) {

  /** How YUV samples map to 0..255: studio swing (16..235) or the full byte. */
  public enum ColorRange { LIMITED, FULL }

  /** The YUV to RGB matrix; RGB means the source is stored as RGB and needs none. */
  public enum ColorMatrix { BT601, BT709, BT2020, SMPTE240M, RGB }

  public VideoInfo {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(frameRate, "frameRate");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(pixelFormat, "pixelFormat");
    Objects.requireNonNull(sampleAspectRatio, "sampleAspectRatio");
    Objects.requireNonNull(colorRange, "colorRange");
    Objects.requireNonNull(colorMatrix, "colorMatrix");
    if (width <= 0 || height <= 0 || codedWidth <= 0 || codedHeight <= 0) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    if (frameCount < 0 || durationMicros < 0) {
      throw new IllegalArgumentException("frame count and duration must be >= 0");
    }
    if (rotation % 90 != 0 || rotation < 0 || rotation >= 360) {
      throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, found " + rotation);
    }
  }
}
