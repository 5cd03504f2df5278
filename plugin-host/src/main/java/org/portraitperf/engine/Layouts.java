package org.portraitperf.engine;

import java.nio.ByteBuffer;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.media.Resampling;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;

/**
 * Turns an engine's portrait-size result (colour plus a face mask in alpha) into the frame the
 * chosen {@link OutputLayout} asks for. Shared by every engine, so layouts look the same whichever
 * engine made the pixels.
 */
public final class Layouts {
  private Layouts() {}

  /** An output frame's size. */
  public record Size(int width, int height) {
    public Size {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("size must be positive, found " + width + "x" + height);
      }
    }
  }

  /** The output size of {@code layout} for a portrait and a driving clip of the given sizes. */
  public static Size size(OutputLayout layout, Size portrait, Size driving) {
    return layout == OutputLayout.FIT_DRIVING ? driving : portrait;
  }

  /**
   * Lays out one rendered frame.
   *
   * @param rendered the engine's result at the portrait's size, alpha the face mask; the layout
   *     takes it over and may write into its array (a frame-size copy costs more than the layout)
   * @param driving the driving clip's frame size, for {@link OutputLayout#FIT_DRIVING}
   */
  public static RgbaImage apply(RgbaImage rendered, OutputLayout layout, Size driving) {
    return switch (layout) {
      case FACE_LAYER -> rendered;
      case PORTRAIT_CANVAS -> rendered.makeOpaque();
      case FIT_DRIVING -> RgbaImage.opaque(letterbox(rendered.rgb(), driving));
    };
  }

  /**
   * {@link #apply}, the laid-out frame written into {@code target} from its position on (8-bit
   * straight RGBA, top row first, tight rows) instead of into a new array: the layout's own pass is
   * the copy, so a caller whose buffer another process reads makes none.
   *
   * @throws IllegalArgumentException when the target has less room than the laid-out frame
   */
  public static void applyInto(RgbaImage rendered, OutputLayout layout, Size driving, ByteBuffer target) {
    if (layout == OutputLayout.PORTRAIT_CANVAS) {
      rendered.makeOpaque(target);
      return;
    }
    apply(rendered, layout, driving).copyTo(target);
  }

  /** {@code image} scaled to fit inside {@code frame}, keeping its shape, centred on black. */
  static RgbImage letterbox(RgbImage image, Size frame) {
    double scale = Math.min((double) frame.width() / image.width(), (double) frame.height() / image.height());
    int width = Math.max(1, Math.min(frame.width(), (int) Math.round(image.width() * scale)));
    int height = Math.max(1, Math.min(frame.height(), (int) Math.round(image.height() * scale)));
    RgbImage scaled = Resampling.resize(image, width, height);
    if (width == frame.width() && height == frame.height()) {
      return scaled;
    }
    RgbImage out = RgbImage.blank(frame.width(), frame.height());
    int left = (frame.width() - width) / 2;
    int top = (frame.height() - height) / 2;
    for (int y = 0; y < height; y++) {
      System.arraycopy(scaled.pixels(), y * width * 3, out.pixels(), ((top + y) * frame.width() + left) * 3, width * 3);
    }
    return out;
  }
}
