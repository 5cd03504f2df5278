package org.portraitperf.media;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An 8-bit RGB picture with straight (not premultiplied) alpha, packed R, G, B, A, rows top to
 * bottom with no padding. Used where transparency must survive, e.g. ProRes 4444 output.
 */
public record RgbaImage(int width, int height, byte[] pixels) {
  /** Bytes made opaque and copied at a time by {@link #makeOpaque(ByteBuffer)}: well inside a core's cache. */
  private static final int CACHED_RUN = 64 * 1024;

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
   * Sets alpha to 255 everywhere in this picture's own array (colour unchanged, not composited) and
   * returns it. For the owner of a freshly rendered frame: a copy would cost a new frame-size array,
   * which at 1080p takes longer than the whole pass.
   */
  public RgbaImage makeOpaque() {
    setOpaque(0, pixels.length);
    return this;
  }

  /**
   * {@link #makeOpaque()}, copying the picture into {@code target} as it goes: tight rows from the
   * target's position on, which does not move. Run by run, each run copied while the pass has it in
   * cache, so a frame bound for another process's memory is read from main memory once.
   *
   * @throws IllegalArgumentException when the target has less room than the picture's bytes
   */
  public void makeOpaque(ByteBuffer target) {
    requireRoom(target);
    int start = target.position();
    for (int at = 0; at < pixels.length; at += CACHED_RUN) {
      int end = Math.min(pixels.length, at + CACHED_RUN);
      setOpaque(at, end);
      target.put(start + at, pixels, at, end - at);
    }
  }

  /** Alpha 255 in the pixels of bytes [from, to), both on pixel boundaries. */
  private void setOpaque(int from, int to) {
    for (int q = from + 3; q < to; q += 4) {
      pixels[q] = (byte) 255;
    }
  }

  /**
   * Copies the picture into {@code target}: tight rows from the target's position on, which does not move.
   *
   * @throws IllegalArgumentException when the target has less room than the picture's bytes
   */
  public void copyTo(ByteBuffer target) {
    requireRoom(target);
    target.put(target.position(), pixels);
  }

  private void requireRoom(ByteBuffer target) {
    if (target.remaining() < pixels.length) {
      throw new IllegalArgumentException("target holds " + target.remaining() + " bytes, the " + width + "x" + height
          + " RGBA picture needs " + pixels.length);
    }
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
