package org.portraitperf.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.portraitperf.media.MediaLimits;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbPixels;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.proto.v1.Channels;
import org.portraitperf.proto.v1.Depth;
import org.portraitperf.proto.v1.Frame;
import org.portraitperf.proto.v1.FrameFormat;
import org.portraitperf.proto.v1.Origin;

/**
 * Pixels on the wire and back: any {@link FrameFormat} (RGB or RGBA; 8-bit, 16-bit or float;
 * either origin; straight or premultiplied) to the engine's 8-bit straight RGBA, top row first,
 * and back. Values are taken as they come (no colour-space transform): float 1.0 is 8-bit 255.
 *
 * <p>The default format, 8-bit RGBA top-left straight with tight rows, is passed through without a
 * per-pixel loop in either direction, so the editor's common case costs one copy at most.
 */
final class FrameCodec {
  /** The format of an answer when the request names none, the engine's own. */
  static final FrameFormat DEFAULT_FORMAT = FrameFormat.newBuilder()
      .setChannels(Channels.CHANNELS_RGBA).setDepth(Depth.DEPTH_U8)
      .setOrigin(Origin.ORIGIN_TOP_LEFT).setPremultiplied(false).build();

  private FrameCodec() {}

  /** Checked geometry of a frame format: sample size and channel count. */
  private record Layout(int channels, int bytesPerSample, Depth depth, boolean bottomUp, boolean premultiplied) {
    static Layout of(FrameFormat format, String name) {
      int channels = switch (format.getChannels()) {
        case CHANNELS_RGB -> 3;
        case CHANNELS_RGBA -> 4;
        default -> throw invalid(name, "channels " + format.getChannels() + " (expected CHANNELS_RGB or CHANNELS_RGBA)");
      };
      int bytes = switch (format.getDepth()) {
        case DEPTH_U8 -> 1;
        case DEPTH_U16 -> 2;
        case DEPTH_F32 -> 4;
        default -> throw invalid(name, "depth " + format.getDepth() + " (expected DEPTH_U8, DEPTH_U16 or DEPTH_F32)");
      };
      boolean bottomUp = switch (format.getOrigin()) {
        case ORIGIN_TOP_LEFT -> false;
        case ORIGIN_BOTTOM_LEFT -> true;
        default -> throw invalid(name, "origin " + format.getOrigin() + " (expected ORIGIN_TOP_LEFT or ORIGIN_BOTTOM_LEFT)");
      };
      if (format.getPremultiplied() && channels != 4) {
        throw invalid(name, "premultiplied is set on an RGB frame (only RGBA has alpha to multiply by)");
      }
      return new Layout(channels, bytes, format.getDepth(), bottomUp, format.getPremultiplied());
    }

    int rowBytes(int width) {
      return width * channels * bytesPerSample;
    }

    boolean isDefault() {
      return channels == 4 && depth == Depth.DEPTH_U8 && !bottomUp && !premultiplied;
    }
  }

  /**
   * A frame whose pixels are in the message, as the engine's RGBA.
   *
   * @param name what the frame is, for errors (e.g. "driving frame 12")
   * @throws ApiError INVALID_ARGUMENT when the geometry or format is inconsistent or over 8K
   */
  static RgbaImage decode(Frame frame, String name) {
    return decode(frame, inline(frame), name);
  }

  /**
   * A frame as the engine's RGBA, its pixels read from {@code pixels} (the message's, or a region of
   * shared memory), from its position on.
   *
   * @throws ApiError as {@link #decode(Frame, String)}
   */
  static RgbaImage decode(Frame frame, ByteBuffer pixels, String name) {
    Layout layout = checked(frame, pixels, name);
    int width = frame.getWidth();
    int height = frame.getHeight();
    int stride = frame.getRowStride();
    ByteBuffer src = pixels.slice().order(ByteOrder.LITTLE_ENDIAN);
    byte[] out = new byte[width * height * 4];
    if (layout.depth() == Depth.DEPTH_U8 && !layout.premultiplied()) {
      decodeBytes(src, layout, width, height, stride, out);
      return new RgbaImage(width, height, out);
    }
    int channels = layout.channels();
    int[] samples = new int[width * channels];
    Object row = rowOf(layout.depth(), samples.length);
    for (int y = 0; y < height; y++) {
      readRow(src, layout, (layout.bottomUp() ? height - 1 - y : y) * stride, row, samples);
      for (int x = 0, i = 0, o = y * width * 4; x < width; x++, i += channels, o += 4) {
        int alpha = channels == 4 ? samples[i + 3] : 255;
        for (int c = 0; c < 3; c++) {
          int value = samples[i + c];
          if (layout.premultiplied() && alpha != 255) {
            value = alpha == 0 ? 0 : Math.min(255, (value * 255 + alpha / 2) / alpha);
          }
          out[o + c] = (byte) value;
        }
        out[o + 3] = (byte) alpha;
      }
    }
    return new RgbaImage(width, height, out);
  }

  /**
   * One row's samples scaled to 0..255, read in bulk through a view of the row's depth: a 4K float
   * frame has 33 million samples, too many for a call and a switch each.
   */
  private static void readRow(ByteBuffer src, Layout layout, int from, Object scratch, int[] samples) {
    int count = samples.length;
    switch (layout.depth()) {
      case DEPTH_U8 -> {
        byte[] row = (byte[]) scratch;
        src.get(from, row);
        for (int i = 0; i < count; i++) {
          samples[i] = row[i] & 0xff;
        }
      }
      case DEPTH_U16 -> {
        short[] row = (short[]) scratch;
        src.slice(from, count * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(row);
        for (int i = 0; i < count; i++) {
          samples[i] = ((row[i] & 0xffff) * 255 + 32767) / 65535;
        }
      }
      default -> {
        float[] row = (float[]) scratch;
        src.slice(from, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(row);
        for (int i = 0; i < count; i++) {
          float value = row[i];
          // NaN reads as 0, as if the sample were black.
          samples[i] = value > 0 ? Math.min(255, (int) (value * 255 + 0.5f)) : 0;
        }
      }
    }
  }

  /** A frame whose pixels are in the message, as the engine reads a driving frame; see {@link #decodeRgb(Frame, ByteBuffer, String)}. */
  static RgbImage decodeRgb(Frame frame, String name) {
    return decodeRgb(frame, inline(frame), name);
  }

  /**
   * A frame's colour as the engine reads a driving frame, alpha dropped (not composited). Straight
   * 8-bit frames go row by row straight into RGB (an RGB frame in the engine's row order is one bulk
   * copy): decoding to RGBA first made and dropped an 8 MB image and read every pixel twice per
   * 1080p call.
   *
   * @throws ApiError as {@link #decode(Frame, String)}
   */
  static RgbImage decodeRgb(Frame frame, ByteBuffer pixels, String name) {
    return decodeRgb(frame, checked(frame, pixels, name), pixels, name);
  }

  private static RgbImage decodeRgb(Frame frame, Layout layout, ByteBuffer pixels, String name) {
    if (layout.depth() != Depth.DEPTH_U8 || layout.premultiplied()) {
      return decode(frame, pixels, name).rgb();
    }
    int width = frame.getWidth();
    int height = frame.getHeight();
    int rowBytes = layout.rowBytes(width);
    int stride = frame.getRowStride();
    ByteBuffer src = pixels.slice();
    byte[] out = new byte[width * height * 3];
    if (isEngineRgb(frame, layout)) {
      src.get(0, out, 0, out.length);
      return new RgbImage(width, height, out);
    }
    byte[] row = new byte[rowBytes];
    for (int y = 0; y < height; y++) {
      int from = (layout.bottomUp() ? height - 1 - y : y) * stride;
      int to = y * width * 3;
      if (layout.channels() == 3) {
        src.get(from, out, to, rowBytes);
      } else {
        src.get(from, row, 0, rowBytes);
        for (int p = 0, q = to; p < rowBytes; p += 4, q += 3) {
          out[q] = row[p];
          out[q + 1] = row[p + 1];
          out[q + 2] = row[p + 2];
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  /**
   * A driving frame's colour for one call. Pixels in shared memory laid out as the engine reads them
   * (8-bit straight RGB, top row first, tight rows: the bridge's layout) are lent where they lie, to
   * be released when the call ends; any other frame is decoded into an image of its own
   * ({@link #decodeRgb(Frame, ByteBuffer, String)}).
   *
   * @throws ApiError as {@link #decode(Frame, String)}
   */
  static RgbPixels readRgb(Frame frame, ByteBuffer pixels, String name) {
    Layout layout = checked(frame, pixels, name);
    return frame.hasShared() && isEngineRgb(frame, layout)
        ? new LentPixels(frame.getWidth(), frame.getHeight(), pixels)
        : decodeRgb(frame, layout, pixels, name);
  }

  /** True when the frame's bytes are already the engine's RGB: 8-bit straight RGB, top row first, tight rows. */
  private static boolean isEngineRgb(Frame frame, Layout layout) {
    return layout.depth() == Depth.DEPTH_U8 && !layout.premultiplied() && layout.channels() == 3 && !layout.bottomUp()
        && frame.getRowStride() == layout.rowBytes(frame.getWidth());
  }

  /** The message's own pixels; a frame that names shared memory has none there. */
  private static ByteBuffer inline(Frame frame) {
    return frame.getPixels().asReadOnlyByteBuffer();
  }

  /** The frame's layout, once its size, stride and byte count agree with each other. */
  private static Layout checked(Frame frame, ByteBuffer pixels, String name) {
    int width = frame.getWidth();
    int height = frame.getHeight();
    if (width <= 0 || height <= 0 || (long) width * height > MediaLimits.MAX_ENGINE_AREA) {
      throw invalid(name, "frame size " + width + "x" + height + " out of range (expected 1x1 up to 7680x4320 pixels)");
    }
    Layout layout = Layout.of(frame.getFormat(), name);
    int rowBytes = layout.rowBytes(width);
    long stride = frame.getRowStride();
    if (stride < rowBytes) {
      throw invalid(name, "row stride " + stride + " is shorter than a row (" + width + " pixels need " + rowBytes + " bytes)");
    }
    long needed = stride * (height - 1) + rowBytes;
    int size = pixels.remaining();
    if (size < needed || size > stride * height) {
      throw invalid(name, "pixels hold " + size + " bytes, expected " + needed + ".." + (stride * height)
          + " for " + height + " rows of stride " + stride);
    }
    return layout;
  }

  /**
   * Straight 8-bit frames, the hosts' usual case, row by row without per-sample dispatch: a flipped
   * or padded RGBA frame costs one row copy each, RGB one pass that adds opaque alpha.
   */
  private static void decodeBytes(ByteBuffer src, Layout layout, int width, int height, int stride, byte[] out) {
    int rowBytes = layout.rowBytes(width);
    byte[] row = new byte[rowBytes];
    for (int y = 0; y < height; y++) {
      int from = (layout.bottomUp() ? height - 1 - y : y) * stride;
      int to = y * width * 4;
      if (layout.channels() == 4) {
        src.get(from, out, to, rowBytes);
      } else {
        src.get(from, row, 0, rowBytes);
        for (int p = 0, q = to; p < rowBytes; p += 3, q += 4) {
          out[q] = row[p];
          out[q + 1] = row[p + 1];
          out[q + 2] = row[p + 2];
          out[q + 3] = (byte) 255;
        }
      }
    }
  }

  /** An engine frame in the format the caller asked for, its pixels in the message; rows are tight. */
  static Frame encode(RgbaImage image, FrameFormat format) {
    Layout layout = Layout.of(format, "output_format");
    Frame.Builder frame = header(image.width(), image.height(), format, layout);
    if (layout.isDefault()) {
      // The image is never written again once rendered, so its array can back the message as it is.
      return frame.setPixels(UnsafeByteOperations.unsafeWrap(image.pixels())).build();
    }
    byte[] bytes = new byte[layout.rowBytes(image.width()) * image.height()];
    write(image, layout, ByteBuffer.wrap(bytes));
    // Freshly made and never written again, so it can back the message without another copy.
    return frame.setPixels(UnsafeByteOperations.unsafeWrap(bytes)).build();
  }

  /**
   * An engine frame in the format the caller asked for, its pixels written into {@code target} (a
   * region of shared memory) from its position on; the frame returned carries no pixels.
   *
   * @throws ApiError INVALID_ARGUMENT when the target is too small for the frame
   */
  static Frame encodeInto(RgbaImage image, FrameFormat format, ByteBuffer target, String name) {
    Layout layout = Layout.of(format, "output_format");
    requireRoom(layout, image.width(), image.height(), target, name);
    write(image, layout, target.slice());
    return header(image.width(), image.height(), format, layout).build();
  }

  /** True when {@code format} is the engine's own layout, which an engine can write into a buffer itself. */
  static boolean isEngineLayout(FrameFormat format) {
    return Layout.of(format, "output_format").isDefault();
  }

  /**
   * The header of a frame in the engine's own layout that an engine writes into {@code target}
   * itself (see {@link #isEngineLayout}); the frame carries no pixels.
   *
   * @throws ApiError INVALID_ARGUMENT when the target is too small for the frame
   */
  static Frame engineLayoutHeader(int width, int height, FrameFormat format, ByteBuffer target, String name) {
    Layout layout = Layout.of(format, "output_format");
    requireRoom(layout, width, height, target, name);
    return header(width, height, format, layout).build();
  }

  private static void requireRoom(Layout layout, int width, int height, ByteBuffer target, String name) {
    long needed = (long) layout.rowBytes(width) * height;
    if (target.remaining() < needed) {
      throw invalid(name, "holds " + target.remaining() + " bytes, the " + width + "x" + height + " answer needs " + needed);
    }
  }

  private static Frame.Builder header(int width, int height, FrameFormat format, Layout layout) {
    return Frame.newBuilder().setWidth(width).setHeight(height).setFormat(format).setRowStride(layout.rowBytes(width));
  }

  /** The image's samples in the layout, tight rows, from index 0 of {@code out}. */
  private static void write(RgbaImage image, Layout layout, ByteBuffer out) {
    int width = image.width();
    int height = image.height();
    int rowBytes = layout.rowBytes(width);
    byte[] pixels = image.pixels();
    if (layout.channels() == 4 && layout.depth() == Depth.DEPTH_U8 && !layout.premultiplied()) {
      if (!layout.bottomUp()) {
        out.put(0, pixels, 0, rowBytes * height);
        return;
      }
      // Only the row order differs from the engine's: one row copy each.
      for (int y = 0; y < height; y++) {
        out.put((height - 1 - y) * rowBytes, pixels, y * rowBytes, rowBytes);
      }
      return;
    }
    int channels = layout.channels();
    int[] samples = new int[width * channels];
    Object row = rowOf(layout.depth(), samples.length);
    for (int y = 0; y < height; y++) {
      for (int x = 0, i = 0, p = y * width * 4; x < width; x++, i += channels, p += 4) {
        int alpha = pixels[p + 3] & 0xff;
        for (int c = 0; c < channels; c++) {
          int value = pixels[p + c] & 0xff;
          samples[i + c] = layout.premultiplied() && c < 3 ? (value * alpha + 127) / 255 : value;
        }
      }
      writeRow(samples, layout, row, out, (layout.bottomUp() ? height - 1 - y : y) * rowBytes);
    }
  }

  /** A row of {@code count} samples of the depth, to read or write a frame's rows through. */
  private static Object rowOf(Depth depth, int count) {
    return switch (depth) {
      case DEPTH_U8 -> new byte[count];
      case DEPTH_U16 -> new short[count];
      default -> new float[count];
    };
  }

  /** One row of 0..255 samples in the layout's depth, written in bulk through a view of that depth. */
  private static void writeRow(int[] samples, Layout layout, Object scratch, ByteBuffer out, int at) {
    int count = samples.length;
    switch (layout.depth()) {
      case DEPTH_U8 -> {
        byte[] row = (byte[]) scratch;
        for (int i = 0; i < count; i++) {
          row[i] = (byte) samples[i];
        }
        out.put(at, row);
      }
      case DEPTH_U16 -> {
        short[] row = (short[]) scratch;
        for (int i = 0; i < count; i++) {
          row[i] = (short) (samples[i] * 257);
        }
        out.slice(at, count * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(row);
      }
      default -> {
        float[] row = (float[]) scratch;
        for (int i = 0; i < count; i++) {
          row[i] = samples[i] / 255f;
        }
        out.slice(at, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(row);
      }
    }
  }

  private static ApiError invalid(String name, String problem) {
    return new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_FRAME, name + ": " + problem);
  }
}
