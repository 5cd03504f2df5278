package org.portraitperf.media;

/**
 * How to turn stored pixels upright: a clockwise rotation by a multiple of 90 degrees, then an
 * optional left-right mirror. Covers a video's display matrix and all eight EXIF orientations.
 */
record Orientation(int clockwise, boolean mirror) {

  static final Orientation UPRIGHT = new Orientation(0, false);

  Orientation {
    if (clockwise % 90 != 0 || clockwise < 0 || clockwise >= 360) {
      throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, found " + clockwise);
    }
  }

  /** Rounds any angle (degrees clockwise) to the nearest quarter turn. */
  static Orientation ofDegrees(double clockwiseDegrees) {
    long quarters = Math.round(clockwiseDegrees / 90.0);
    return new Orientation((int) Math.floorMod(quarters * 90, 360L), false);
  }

  /** The EXIF Orientation tag (1..8); values outside that range mean upright. */
  static Orientation ofExif(int tag) {
    return switch (tag) {
      case 2 -> new Orientation(0, true);
      case 3 -> new Orientation(180, false);
      case 4 -> new Orientation(180, true);
      case 5 -> new Orientation(90, true);
      case 6 -> new Orientation(90, false);
      case 7 -> new Orientation(270, true);
      case 8 -> new Orientation(270, false);
      default -> UPRIGHT;
    };
  }

  boolean swapsSides() {
    return clockwise == 90 || clockwise == 270;
  }

  RgbImage apply(RgbImage image) {
    if (this.equals(UPRIGHT)) {
      return image;
    }
    byte[] out = transform(image.pixels(), image.width(), image.height(), 3);
    return swapsSides()
        ? new RgbImage(image.height(), image.width(), out)
        : new RgbImage(image.width(), image.height(), out);
  }

  GrayImage apply(GrayImage image) {
    if (this.equals(UPRIGHT)) {
      return image;
    }
    byte[] out = transform(image.pixels(), image.width(), image.height(), 1);
    return swapsSides()
        ? new GrayImage(image.height(), image.width(), out)
        : new GrayImage(image.width(), image.height(), out);
  }

  /** Writes each output pixel from the input pixel it shows; one pass, no intermediate copy. */
  private byte[] transform(byte[] src, int width, int height, int channels) {
    int outW = swapsSides() ? height : width;
    int outH = swapsSides() ? width : height;
    byte[] out = new byte[src.length];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int rx = mirror ? outW - 1 - x : x; // position before the mirror
        int sx;
        int sy;
        switch (clockwise) {
          case 90 -> { sx = y; sy = height - 1 - rx; }
          case 180 -> { sx = width - 1 - rx; sy = height - 1 - y; }
          case 270 -> { sx = width - 1 - y; sy = rx; }
          default -> { sx = rx; sy = y; }
        }
        int from = (sy * width + sx) * channels;
        int to = (y * outW + x) * channels;
        for (int c = 0; c < channels; c++) {
          out[to + c] = src[from + c];
        }
      }
    }
    return out;
  }
}
