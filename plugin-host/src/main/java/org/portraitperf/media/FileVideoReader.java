package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;
import org.portraitperf.media.VideoInfo.ColorMatrix;
import org.portraitperf.media.VideoInfo.ColorRange;

/**
 * A video file decoded by FFmpeg. Frame indices count decoded frames from the start; after a seek
 * they continue from the frame sought.
 *
 * <p>Truncated files: when the index (MP4 "moov") sits at the end, a cut file fails at
 * {@link #open} because the index is gone. When the index is at the front, the frames present
 * decode normally and the reader then throws, instead of ending quietly, once the stream stops
 * short of the duration its header promises.
 */
final class FileVideoReader implements VideoReader {

  private static final AVRational MICROS = av_make_q(1, 1_000_000);

  private final FfmpegInput input;
  private final VideoInfo info;
  private final FrameConverter converter;
  private final AVRational timeBase;
  private final long startTs;
  /** Whether the duration is the video stream's own, so a short stream really is truncated. */
  private final boolean durationFromStream;
  private int nextIndex;
  private long lastTimestampMicros = -1;
  /** The frame a seek decoded and has not handed out yet, else null. */
  private AVFrame pendingFrame;
  private boolean ended;

  private FileVideoReader(FfmpegInput input, VideoInfo info, FrameConverter converter) {
    this.input = input;
    this.info = info;
    this.converter = converter;
    AVStream stream = input.stream();
    this.timeBase = stream.time_base();
    this.startTs = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
    // A container-wide duration (MKV) also covers a longer audio track; it proves nothing.
    this.durationFromStream = stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0;
  }

  static FileVideoReader open(Path path) {
    FfmpegInput input = FfmpegInput.open(path);
    try {
      Orientation orientation = Orientation.ofDegrees(rotationOf(input.stream()));
      VideoInfo info = describe(input, orientation);
      FrameConverter converter = new FrameConverter(input.name(), info.sampleAspectRatio(),
          orientation, info.colorMatrix(), info.colorRange());
      return new FileVideoReader(input, info, converter);
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
  }

  /** Clockwise degrees from the display matrix, else from the legacy "rotate" tag, else 0. */
  private static double rotationOf(AVStream stream) {
    AVCodecParameters params = stream.codecpar();
    AVPacketSideData matrix = av_packet_side_data_get(params.coded_side_data(),
        params.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
    if (matrix != null && matrix.size() >= 9 * 4) {
      // The matrix stores the counter-clockwise angle that displays the picture correctly.
      double ccw = av_display_rotation_get(new IntPointer(matrix.data()));
      return Double.isNaN(ccw) ? 0 : -ccw;
    }
    AVDictionaryEntry tag = av_dict_get(stream.metadata(), "rotate", null, 0);
    if (tag != null) {
      try {
        return Double.parseDouble(tag.value().getString().trim());
      } catch (NumberFormatException e) {
        return 0; // a malformed legacy tag is ignored, as FFmpeg itself does
      }
    }
    return 0;
  }

  private static VideoInfo describe(FfmpegInput input, Orientation orientation) {
    AVStream stream = input.stream();
    AVCodecParameters params = stream.codecpar();
    String name = input.name();
    Rational rate = frameRateOf(stream);
    if (rate == null) {
      throw new MediaException(name, "no usable frame rate in the video stream (expected e.g. 25 or"
          + " 30000/1001, found none)");
    }
    long durationMicros;
    if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
      durationMicros = av_rescale_q(stream.duration(), stream.time_base(), MICROS);
    } else if (input.format().duration() != AV_NOPTS_VALUE && input.format().duration() > 0) {
      durationMicros = input.format().duration() * (1_000_000L / AV_TIME_BASE);
    } else {
      durationMicros = 0;
    }
    boolean estimated = stream.nb_frames() <= 0;
    long frames = estimated
        ? Math.round(durationMicros / 1e6 * rate.toDouble())
        : stream.nb_frames();
    AVRational guessed = av_guess_sample_aspect_ratio(input.format(), stream, null);
    Rational sar = guessed.num() > 0 && guessed.den() > 0
        ? new Rational(guessed.num(), guessed.den())
        : Rational.of(1);
    int[] square = FrameConverter.squarePixelSize(params.width(), params.height(), sar);
    int format = params.format();
    ColorMatrix matrix = FrameConverter.matrixOf(params.color_space(), format, params.width(),
        params.height());
    ColorRange range = FrameConverter.rangeOf(params.color_range(), format);
    return new VideoInfo(name,
        orientation.swapsSides() ? square[1] : square[0],
        orientation.swapsSides() ? square[0] : square[1],
        params.width(), params.height(), rate, frames, estimated, durationMicros,
        avcodec_get_name(params.codec_id()).getString(), Ffmpeg.pixelFormatName(format),
        orientation.clockwise(), sar, range, matrix, input.hasAudio(), Ffmpeg.hasAlpha(format));
  }

  /**
   * The average rate when the container knows it (exact for constant-rate MP4/MOV), else the
   * codec's base rate.
   */
  private static Rational frameRateOf(AVStream stream) {
    for (AVRational r : new AVRational[] {stream.avg_frame_rate(), stream.r_frame_rate()}) {
      if (r.num() > 0 && r.den() > 0) {
        return new Rational(r.num(), r.den());
      }
    }
    return null;
  }

  @Override
  public VideoInfo info() {
    return info;
  }

  @Override
  public DecodedFrame next() {
    if (ended) {
      return null;
    }
    AVFrame frame = pendingFrame != null ? pendingFrame : input.decodeNext();
    pendingFrame = null;
    if (frame == null) {
      ended = true;
      requireComplete();
      return null;
    }
    long micros = timestampMicros(frame, nextIndex);
    DecodedFrame out = converter.convert(frame, nextIndex, micros);
    lastTimestampMicros = micros;
    nextIndex++;
    return out;
  }

  /** Fails a stream that stopped well short of the length its header announced. */
  private void requireComplete() {
    if (lastTimestampMicros < 0) {
      throw new MediaException(info.source(), "truncated or corrupt: no frame could be decoded");
    }
    if (!durationFromStream) {
      return;
    }
    long frameMicros = info.frameRate().periodsToMicros(1);
    long reached = lastTimestampMicros + frameMicros;
    // Two frames of slack absorb edit lists and rounding in the container's duration.
    if (info.durationMicros() - reached > 2 * frameMicros) {
      throw new MediaException(info.source(), String.format(
          "truncated or corrupt: the video stops at %.2f s after %d frames (expected %.2f s, %d frames)",
          reached / 1e6, nextIndex, info.durationMicros() / 1e6, info.frameCount()));
    }
  }

  private long timestampMicros(AVFrame frame, int index) {
    long ts = frame.best_effort_timestamp();
    if (ts == AV_NOPTS_VALUE) {
      return info.frameRate().periodsToMicros(index);
    }
    return av_rescale_q(ts - startTs, timeBase, MICROS);
  }

  @Override
  public void seekToFrame(int index) {
    if (index < 0 || (!info.frameCountEstimated() && index >= info.frameCount())) {
      throw new MediaException(info.source(), "frame " + index + " is outside the video (expected 0.."
          + (info.frameCount() - 1) + ")");
    }
    Rational rate = info.frameRate();
    AVRational period = av_make_q(rate.den(), rate.num());
    long target = startTs + av_rescale_q(index, period, timeBase);
    // A frame within half a period of the target is that frame: container timestamps are rounded.
    long tolerance = av_rescale_q(1, period, timeBase) / 2;
    if (!input.seekBefore(target)) {
      throw new MediaException(info.source(), "cannot seek in this file (the container does not"
          + " support it)");
    }
    ended = false;
    while (true) {
      AVFrame frame = input.decodeNext();
      if (frame == null) {
        throw new MediaException(info.source(), "frame " + index
            + " is beyond the last decodable frame");
      }
      long ts = frame.best_effort_timestamp();
      if (ts == AV_NOPTS_VALUE || ts >= target - tolerance) {
        pendingFrame = frame;
        nextIndex = index;
        return;
      }
    }
  }

  @Override
  public void close() {
    converter.close();
    input.close();
  }
}
