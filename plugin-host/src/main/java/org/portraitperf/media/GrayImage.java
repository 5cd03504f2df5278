package org.portraitperf.media;

import java.util.Objects;

/** An 8-bit single-channel picture, rows top to bottom, no row padding. */
public record GrayImage(int width, int height, byte[] pixels) {

  public GrayImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, found " + width + "x" + height);
    }
    Objects.requireNonNull(pixels, "pixels");
    if (pixels.length != width * height) {
      throw new IllegalArgumentException(
          "pixel buffer holds " + pixels.length + " bytes, expected " + (width * height));
    }
  }
}
