package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.portraitperf.AtomicFiles;
import org.portraitperf.media.VideoInfo.ColorMatrix;
import org.portraitperf.media.VideoInfo.ColorRange;

/** Still pictures: portraits in, debug and sequence frames out. */
public final class Images {

  private Images() {}

  /**
   * Reads a PNG, JPEG, TIFF, BMP or WebP file (anything FFmpeg decodes as a picture; for a video,
   * its first frame) as upright RGB. A JPEG's EXIF orientation is applied.
   *
   * @throws MediaException when the file is missing, empty, not an image or too large
   */
  public static RgbImage read(Path path) {
    return readStill(path, 0, 0).frame().image();
  }

  /** Writes {@code image} as an RGB PNG, atomically: a reader never sees a half-written file. */
  public static void write(Path path, RgbImage image) {
    try (PngEncoder png = new PngEncoder(path.toString(), image.width(), image.height(), false)) {
      writeAtomically(path, png.encode(image.pixels()));
    }
  }

  /** Writes {@code image} as an RGBA PNG, atomically. */
  public static void write(Path path, RgbaImage image) {
    try (PngEncoder png = new PngEncoder(path.toString(), image.width(), image.height(), true)) {
      writeAtomically(path, png.encode(image.pixels()));
    }
  }

  static void writeAtomically(Path path, byte[] bytes) {
    Path temp = AtomicFiles.temporaryBeside(path);
    try {
      Files.write(temp, bytes);
      AtomicFiles.commit(temp, path);
    } catch (IOException e) {
      AtomicFiles.discard(temp);
      throw new MediaException(path.toString(), "cannot write the image: " + e.getMessage(), e);
    }
  }

  /** A decoded still together with the facts a sequence's {@link VideoInfo} needs. */
  record Still(DecodedFrame frame, String codec, String pixelFormat, int codedWidth,
      int codedHeight, Orientation orientation, ColorMatrix matrix, ColorRange range,
      boolean hasAlpha) {}

  static Still readStill(Path path, int index, long timestampMicros) {
    try (FfmpegInput input = FfmpegInput.open(path)) {
      String codec = avcodec_get_name(input.stream().codecpar().codec_id()).getString();
      Orientation orientation = codec.equals("mjpeg")
          ? Orientation.ofExif(Exif.jpegOrientation(path))
          : Orientation.UPRIGHT;
      AVFrame frame;
      try {
        frame = input.decodeNext();
      } catch (MediaException e) {
        throw new MediaException(path.toString(), "not an image file, or a damaged one: FFmpeg"
            + " cannot decode it", e);
      }
      if (frame == null) {
        throw new MediaException(path.toString(), "not an image file, or a damaged one: no"
            + " picture could be decoded");
      }
      ColorMatrix matrix = FrameConverter.matrixOf(frame.colorspace(), frame.format(),
          frame.width(), frame.height());
      ColorRange range = FrameConverter.rangeOf(frame.color_range(), frame.format());
      try (FrameConverter converter =
          new FrameConverter(path.toString(), Rational.of(1), orientation, matrix, range)) {
        DecodedFrame decoded = converter.convert(frame, index, timestampMicros);
        return new Still(decoded, codec, Ffmpeg.pixelFormatName(frame.format()), frame.width(),
            frame.height(), orientation, matrix, range, decoded.alpha() != null);
      }
    }
  }
}
