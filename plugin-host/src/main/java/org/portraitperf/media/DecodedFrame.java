package org.portraitperf.media;

import java.util.Objects;
import java.util.Optional;

/**
 * One decoded frame, already upright, square-pixelled and in full-range RGB. It owns its pixels:
 * nothing here aliases a decoder buffer, so it may be kept after the next frame is read.
 *
 * @param index position in the source, 0-based
 * @param timestampMicros presentation time from the start of the source
 * @param image the picture
 * @param alpha coverage when the source carries alpha (ProRes 4444, RGBA PNG), else null
 */
public record DecodedFrame(int index, long timestampMicros, RgbImage image, GrayImage alpha) {

  public DecodedFrame {
    if (index < 0) {
      throw new IllegalArgumentException("frame index must be >= 0, found " + index);
    }
    Objects.requireNonNull(image, "image");
    if (alpha != null && (alpha.width() != image.width() || alpha.height() != image.height())) {
      throw new IllegalArgumentException("alpha size differs from image size");
    }
  }

  public Optional<GrayImage> alphaPlane() {
    return Optional.ofNullable(alpha);
  }
}
