package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_FCC;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE240M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_SMPTE240M;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_isSupportedInput;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.portraitperf.media.VideoInfo.ColorMatrix;
import org.portraitperf.media.VideoInfo.ColorRange;

/**
 * Turns decoded pictures into upright, square-pixel, full-range RGB owned by Java. One converter
 * per source: it keeps its scaler and native buffer between frames and rebuilds them only when
 * the picture format changes mid-stream.
 */
final class FrameConverter implements AutoCloseable {

  // Bicubic for the aspect-ratio resample, and full chroma interpolation so that 4:2:0 chroma is
  // interpolated rather than repeated: the ffmpeg command line's defaults, and our frames match
  // its output bit for bit. SWS_ACCURATE_RND was measured 5x slower at 1080p (50 vs 274 fps) for
  // differences of one code value, so it is left out.
  private static final int SCALE_FLAGS = SWS_BICUBIC | SWS_FULL_CHR_H_INT;

  /**
   * swscale's SIMD writers store whole vectors, so they run past the end of a row whose length
   * is not a multiple of the vector size; rows are padded to this and the buffer gets one spare
   * vector of slack (an exact-size buffer corrupted the native heap in testing).
   */
  private static final int ROW_ALIGN = 64;

  private final String name;
  private final Rational sampleAspect;
  private final Orientation orientation;
  private final ColorMatrix defaultMatrix;
  private final ColorRange defaultRange;

  private SwsContext scaler;
  private Setup setup;
  private BytePointer buffer;

  /** What the scaler was built for; a change rebuilds it. */
  private record Setup(int width, int height, int format, int outWidth, int outHeight,
      boolean alpha, ColorMatrix matrix, ColorRange range) {}

  FrameConverter(String name, Rational sampleAspect, Orientation orientation,
      ColorMatrix defaultMatrix, ColorRange defaultRange) {
    this.name = name;
    this.sampleAspect = sampleAspect;
    this.orientation = orientation;
    this.defaultMatrix = defaultMatrix;
    this.defaultRange = defaultRange;
  }

  /** Width and height after square-pixel resampling: stretch, never shrink, the short axis. */
  static int[] squarePixelSize(int width, int height, Rational sar) {
    if (sar.num() > sar.den()) {
      return new int[] {(int) Math.round((double) width * sar.num() / sar.den()), height};
    }
    if (sar.num() < sar.den()) {
      return new int[] {width, (int) Math.round((double) height * sar.den() / sar.num())};
    }
    return new int[] {width, height};
  }

  /** The matrix a stream's tags name; untagged YUV is guessed from the size as players do. */
  static ColorMatrix matrixOf(int avColorspace, int pixelFormat, int codedWidth, int codedHeight) {
    if (!isYuv(pixelFormat)) {
      return ColorMatrix.RGB;
    }
    if (avColorspace == AVCOL_SPC_BT709) {
      return ColorMatrix.BT709;
    }
    if (avColorspace == AVCOL_SPC_BT470BG || avColorspace == AVCOL_SPC_SMPTE170M
        || avColorspace == AVCOL_SPC_FCC) {
      return ColorMatrix.BT601;
    }
    if (avColorspace == AVCOL_SPC_BT2020_NCL || avColorspace == AVCOL_SPC_BT2020_CL) {
      return ColorMatrix.BT2020;
    }
    if (avColorspace == AVCOL_SPC_SMPTE240M) {
      return ColorMatrix.SMPTE240M;
    }
    // Untagged: SD sizes were mastered in BT.601, everything larger in BT.709.
    return codedWidth >= 1280 || codedHeight > 576 ? ColorMatrix.BT709 : ColorMatrix.BT601;
  }

  /** The range a stream's tags name; untagged YUV is limited unless it is a JPEG ("yuvj") format. */
  static ColorRange rangeOf(int avRange, int pixelFormat) {
    if (!isYuv(pixelFormat) || avRange == AVCOL_RANGE_JPEG
        || Ffmpeg.pixelFormatName(pixelFormat).startsWith("yuvj")) {
      return ColorRange.FULL;
    }
    return ColorRange.LIMITED;
  }

  private static boolean isYuv(int pixelFormat) {
    AVPixFmtDescriptor desc = av_pix_fmt_desc_get(pixelFormat);
    // Gray has one component and no chroma; it needs no matrix either.
    return desc != null && (desc.flags() & AV_PIX_FMT_FLAG_RGB) == 0 && desc.nb_components() >= 3;
  }

  DecodedFrame convert(AVFrame frame, int index, long timestampMicros) {
    int format = frame.format();
    if (sws_isSupportedInput(format) == 0) {
      throw new MediaException(name, "unsupported pixel format " + Ffmpeg.pixelFormatName(format)
          + " (expected one FFmpeg's scaler reads, e.g. yuv420p, rgb24)");
    }
    int[] out = squarePixelSize(frame.width(), frame.height(), sampleAspect);
    MediaLimits.requireReadable(name, out[0], out[1]);
    ColorMatrix matrix = frame.colorspace() == AVCOL_SPC_UNSPECIFIED
        ? defaultMatrix
        : matrixOf(frame.colorspace(), format, frame.width(), frame.height());
    ColorRange range = frame.color_range() == AVCOL_RANGE_MPEG || frame.color_range() == AVCOL_RANGE_JPEG
        ? rangeOf(frame.color_range(), format)
        : defaultRange;
    Setup wanted = new Setup(frame.width(), frame.height(), format, out[0], out[1],
        Ffmpeg.hasAlpha(format), matrix, range);
    if (!wanted.equals(setup)) {
      rebuild(wanted);
    }
    int rowBytes = out[0] * (wanted.alpha() ? 4 : 3);
    int stride = stride(rowBytes);
    // position() also moves where a Pointer points when passed to native code: reset it.
    try (PointerPointer<BytePointer> dst = new PointerPointer<>(buffer.position(0), null, null, null);
        IntPointer dstStride = new IntPointer(stride, 0, 0, 0)) {
      sws_scale(scaler, frame.data(), frame.linesize(), 0, frame.height(), dst, dstStride);
    }
    byte[] packed = new byte[rowBytes * out[1]];
    if (stride == rowBytes) {
      buffer.position(0).get(packed);
    } else {
      for (int y = 0; y < out[1]; y++) {
        buffer.position((long) y * stride).get(packed, y * rowBytes, rowBytes);
      }
    }
    if (!wanted.alpha()) {
      return new DecodedFrame(index, timestampMicros,
          orientation.apply(new RgbImage(out[0], out[1], packed)), null);
    }
    RgbaImage rgba = new RgbaImage(out[0], out[1], packed);
    return new DecodedFrame(index, timestampMicros, orientation.apply(rgba.rgb()),
        orientation.apply(rgba.alpha()));
  }

  private void rebuild(Setup wanted) {
    release();
    int dstFormat = wanted.alpha() ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24;
    scaler = sws_getContext(wanted.width(), wanted.height(), wanted.format(), wanted.outWidth(),
        wanted.outHeight(), dstFormat, SCALE_FLAGS, null, null, (DoublePointer) null);
    if (scaler == null) {
      throw new MediaException(name, "unsupported pixel format "
          + Ffmpeg.pixelFormatName(wanted.format()) + " at " + wanted.width() + "x" + wanted.height());
    }
    int srcRange = wanted.range() == ColorRange.FULL ? 1 : 0;
    // Output is always full-range RGB; the input matrix and range come from the stream.
    sws_setColorspaceDetails(scaler, sws_getCoefficients(swsMatrix(wanted.matrix())), srcRange,
        sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
    int rowBytes = wanted.outWidth() * (wanted.alpha() ? 4 : 3);
    buffer = new BytePointer((long) stride(rowBytes) * wanted.outHeight() + ROW_ALIGN);
    setup = wanted;
  }

  private static int stride(int rowBytes) {
    return (rowBytes + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
  }

  private static int swsMatrix(ColorMatrix matrix) {
    return switch (matrix) {
      case BT709 -> SWS_CS_ITU709;
      case BT2020 -> SWS_CS_BT2020;
      case SMPTE240M -> SWS_CS_SMPTE240M;
      case BT601, RGB -> SWS_CS_ITU601;
    };
  }

  private void release() {
    if (scaler != null) {
      sws_freeContext(scaler);
      scaler = null;
    }
    if (buffer != null) {
      buffer.close();
      buffer = null;
    }
    setup = null;
  }

  @Override
  public void close() {
    release();
  }
}
