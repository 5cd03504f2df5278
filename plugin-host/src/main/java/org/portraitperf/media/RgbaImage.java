package org.portraitperf.media;

import java.util.Objects;

/**
 * An 8-bit RGB picture with straight (not premultiplied) alpha, packed R, G, B, A, rows top to
 * bottom with no padding. Used where transparency must survive, e.g. ProRes 4444 output.
 */
public record RgbaImage(int width, int height, byte[] pixels) {

  public RgbaImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, found " + width + "x" + height);
    }
    Objects.requireNonNull(pixels, "pixels");
    if (pixels.length != width * height * 4) {
      throw new IllegalArgumentException("pixel buffer holds " + pixels.length + " bytes, expected "
          + (width * height * 4) + " for " + width + "x" + height + " RGBA");
    }
  }

  /** Joins colour and a coverage plane of the same size. */
  public static RgbaImage of(RgbImage rgb, GrayImage alpha) {
    if (rgb.width() != alpha.width() || rgb.height() != alpha.height()) {
      throw new IllegalArgumentException("alpha is " + alpha.width() + "x" + alpha.height()
          + ", expected " + rgb.width() + "x" + rgb.height());
    }
    byte[] out = new byte[rgb.width() * rgb.height() * 4];
    byte[] src = rgb.pixels();
    byte[] a = alpha.pixels();
    for (int i = 0, p = 0, q = 0; i < a.length; i++, p += 3, q += 4) {
      out[q] = src[p];
      out[q + 1] = src[p + 1];
      out[q + 2] = src[p + 2];
      out[q + 3] = a[i];
    }
    return new RgbaImage(rgb.width(), rgb.height(), out);
  }

  /** The colour made opaque: alpha 255 everywhere. One pass, no intermediate planes. */
  public static RgbaImage opaque(RgbImage rgb) {
    byte[] src = rgb.pixels();
    byte[] out = new byte[rgb.width() * rgb.height() * 4];
    for (int p = 0, q = 0; q < out.length; p += 3, q += 4) {
      out[q] = src[p];
      out[q + 1] = src[p + 1];
      out[q + 2] = src[p + 2];
      out[q + 3] = (byte) 255;
    }
    return new RgbaImage(rgb.width(), rgb.height(), out);
  }

  /**
   * A copy with alpha 255 everywhere, colour unchanged (not composited): cheaper than going
   * through {@link #rgb()} and {@link #of}, which copy the frame twice.
   */
  public RgbaImage opaque() {
    byte[] out = pixels.clone();
    for (int q = 3; q < out.length; q += 4) {
      out[q] = (byte) 255;
    }
    return new RgbaImage(width, height, out);
  }

  /** The colour channels, alpha dropped (not composited). */
  public RgbImage rgb() {
    byte[] out = new byte[width * height * 3];
    for (int p = 0, q = 0; p < out.length; p += 3, q += 4) {
      out[p] = pixels[q];
      out[p + 1] = pixels[q + 1];
      out[p + 2] = pixels[q + 2];
    }
    return new RgbImage(width, height, out);
  }

  /** The alpha channel as a plane, 0 transparent .. 255 opaque. */
  public GrayImage alpha() {
    byte[] out = new byte[width * height];
    for (int i = 0, q = 3; i < out.length; i++, q += 4) {
      out[i] = pixels[q];
    }
    return new GrayImage(width, height, out);
  }
}
