package org.portraitperf.media;

/**
 * Sizes beyond which media is refused with a clear error instead of an out-of-memory failure or a
 * codec crash. Named here so that every reader, writer and the engine check the same numbers.
 */
public final class MediaLimits {

  /** Largest width or height accepted anywhere (the H.264/HEVC level ceiling is of this order). */
  public static final int MAX_SIDE = 16384;

  /** Largest frame area the animation engine accepts: 8K UHD, 7680 x 4320. */
  public static final long MAX_ENGINE_AREA = 7680L * 4320L;

  /** Frame rate assumed for image sequences, which carry no timing (FFmpeg's image2 default). */
  public static final Rational IMAGE_SEQUENCE_RATE = Rational.of(25);

  private MediaLimits() {}

  /** Rejects a picture whose sides exceed {@link #MAX_SIDE}. */
  public static void requireReadable(String input, int width, int height) {
    if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new MediaException(input, "frame size out of range (expected 1.." + MAX_SIDE
          + " per side, found " + width + "x" + height + ")");
    }
  }

  /** Rejects a frame larger than the engine handles; call before handing frames to the engine. */
  public static void requireEngineSize(String input, int width, int height) {
    requireReadable(input, width, height);
    if ((long) width * height > MAX_ENGINE_AREA) {
      throw new MediaException(input, "frame too large for the animation engine (expected at most"
          + " 7680x4320 = " + MAX_ENGINE_AREA + " pixels, found " + width + "x" + height + ")");
    }
  }
}
