package org.portraitperf.api;

import java.nio.ByteBuffer;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbPixels;

/**
 * A driving frame read where the client wrote it, in shared memory, for the length of one call: at
 * 1080p this spares the call a 6 MB copy. The client reuses the region as soon as the call returns,
 * so {@link #release} cuts the view off then; a read after that fails at once instead of reading
 * whatever frame the client wrote next. Not thread-safe to release: only the call that was lent
 * these pixels releases them, after its engine work is done.
 */
final class LentPixels implements RgbPixels {
  private final int width;
  private final int height;
  private ByteBuffer pixels;

  /** @param pixels the frame's rows, packed RGB with no padding, from index 0 */
  LentPixels(int width, int height, ByteBuffer pixels) {
    if (pixels.remaining() != width * height * 3) {
      throw new IllegalArgumentException(pixels.remaining() + " bytes lent for a " + width + "x" + height + " RGB frame");
    }
    this.width = width;
    this.height = height;
    this.pixels = pixels.slice();
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public int at(int index) {
    return pixels.get(index) & 0xff;
  }

  @Override
  public void read(int index, byte[] target, int offset, int length) {
    pixels.get(index, target, offset, length);
  }

  @Override
  public RgbImage toImage() {
    byte[] copy = new byte[width * height * 3];
    pixels.get(0, copy);
    return new RgbImage(width, height, copy);
  }

  /** The call that was lent these pixels has ended: the client may overwrite them now. */
  void release() {
    pixels = null;
  }
}
