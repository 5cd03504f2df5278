package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_ALPHA;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.javacpp.BytePointer;

/** Small shared pieces of the FFmpeg binding: loading, error text, file checks, pixel copies. */
final class Ffmpeg {

  static {
    // FFmpeg logs to stderr from inside the codecs. Every failure we care about comes back as an
    // error code that we turn into a MediaException naming the file, so its own lines would only
    // duplicate ours (and a damaged stream can print one per frame).
    av_log_set_level(AV_LOG_QUIET);
  }

  private Ffmpeg() {}

  /** Loads the natives and silences the log; cheap after the first call. */
  static void ensureLoaded() {
    // The static initialiser does the work; this method exists to trigger it.
  }

  /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
  static String describe(int error) {
    byte[] buffer = new byte[256];
    if (av_strerror(error, buffer, buffer.length) < 0) {
      return "FFmpeg error " + error;
    }
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The URL that makes FFmpeg read {@code path} as a plain file, whatever characters it holds. */
  static String fileUrl(Path path) {
    return "file:" + path.toAbsolutePath();
  }

  /** Refuses a missing, unreadable or empty file with the message users will see. */
  static void requireNonEmptyFile(Path path) {
    String name = path.toString();
    if (!Files.exists(path)) {
      throw new MediaException(name, "no such file");
    }
    if (!Files.isRegularFile(path)) {
      throw new MediaException(name, "not a regular file");
    }
    if (!Files.isReadable(path)) {
      throw new MediaException(name, "file is not readable (check its permissions)");
    }
    try {
      if (Files.size(path) == 0) {
        throw new MediaException(name, "empty file (0 bytes)");
      }
    } catch (IOException e) {
      throw new MediaException(name, "cannot read file size: " + e.getMessage(), e);
    }
  }

  static String pixelFormatName(int format) {
    BytePointer name = av_get_pix_fmt_name(format);
    return name == null ? "unknown" : name.getString();
  }

  static boolean hasAlpha(int format) {
    AVPixFmtDescriptor desc = av_pix_fmt_desc_get(format);
    return desc != null && (desc.flags() & AV_PIX_FMT_FLAG_ALPHA) != 0;
  }

  /** Copies packed rows from Java into plane 0 of {@code frame}, honouring its line size. */
  static void copyIn(byte[] src, int rowBytes, int rows, AVFrame frame) {
    BytePointer dst = frame.data(0);
    int stride = frame.linesize(0);
    if (stride == rowBytes) {
      dst.position(0).put(src, 0, rowBytes * rows);
    } else {
      for (int y = 0; y < rows; y++) {
        dst.position((long) y * stride).put(src, y * rowBytes, rowBytes);
      }
    }
    dst.position(0);
  }
}
