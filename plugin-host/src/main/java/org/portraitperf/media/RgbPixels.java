package org.portraitperf.media;

/**
 * An 8-bit RGB picture to read: rows top to bottom, pixels packed as R, G, B, no row padding. Either
 * an {@link RgbImage} of one's own, or pixels only lent for the length of a call (a driving frame
 * that a host wrote into shared memory and will overwrite once the call returns). Whoever keeps a
 * picture beyond the call that handed it over keeps {@link #toImage()}, never the picture itself.
 */
public interface RgbPixels {

  int width();

  int height();

  /** Byte {@code index} of the packed rows, 0..255; pixel (x, y)'s channel c is at {@code (y * width + x) * 3 + c}. */
  int at(int index);

  /**
   * Intensity at (x, y) as dlib reads colour pixels: the plain mean of R, G and B, 0..255; outside
   * the picture it reads 0, as dlib does. Landmark models sample a few thousand pixels a frame, so
   * reading them here costs far less than converting a whole 1080p frame to grey first.
   */
  default int intensity(int x, int y) {
    if (x < 0 || y < 0 || x >= width() || y >= height()) {
      return 0;
    }
    int p = (y * width() + x) * 3;
    return (at(p) + at(p + 1) + at(p + 2)) / 3;
  }

  /** {@code length} bytes of the packed rows from {@code index} into {@code target} at {@code offset}. */
  void read(int index, byte[] target, int offset, int length);

  /** The picture as an image of one's own, to keep: itself when it is one, else a copy. */
  RgbImage toImage();
}
