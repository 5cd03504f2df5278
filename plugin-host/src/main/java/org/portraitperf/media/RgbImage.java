package org.portraitperf.media;

import java.util.Objects;

/**
 * An 8-bit RGB picture of one's own, rows top to bottom, pixels packed as R, G, B with no row
 * padding. This is the one pixel type that leaves {@code media}; decoders copy into it so that
 * nothing outside this package holds a codec's reused buffer.
 */
public record RgbImage(int width, int height, byte[] pixels) implements RgbPixels {

  public RgbImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, found " + width + "x" + height);
    }
    Objects.requireNonNull(pixels, "pixels");
    if (pixels.length != width * height * 3) {
      throw new IllegalArgumentException(
          "pixel buffer holds " + pixels.length + " bytes, expected " + (width * height * 3)
              + " for " + width + "x" + height + " RGB");
    }
  }

  /** A black image of the given size. */
  public static RgbImage blank(int width, int height) {
    return new RgbImage(width, height, new byte[width * height * 3]);
  }

  @Override
  public int at(int index) {
    return pixels[index] & 0xff;
  }

  @Override
  public void read(int index, byte[] target, int offset, int length) {
    System.arraycopy(pixels, index, target, offset, length);
  }

  /** Itself: it is one's own already. */
  @Override
  public RgbImage toImage() {
    return this;
  }

  /** The same picture flipped left to right. */
  public RgbImage mirrored() {
    byte[] out = new byte[pixels.length];
    int row = width * 3;
    for (int y = 0; y < height; y++) {
      int base = y * row;
      for (int x = 0; x < width; x++) {
        int src = base + x * 3;
        int dst = base + (width - 1 - x) * 3;
        out[dst] = pixels[src];
        out[dst + 1] = pixels[src + 1];
        out[dst + 2] = pixels[src + 2];
      }
    }
    return new RgbImage(width, height, out);
  }
}
