package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One opened file: the demuxer, its best video stream and that stream's decoder. Hands out decoded
 * {@link AVFrame}s that stay valid only until the next call; callers copy what they keep.
 */
final class FfmpegInput implements AutoCloseable {

  private final String name;
  private final AVFormatContext format;
  private final AVStream stream;
  private final AVCodecContext decoder;
  private final boolean hasAudio;
  private final AVPacket packet;
  private final AVFrame frame;
  private boolean draining;

  private FfmpegInput(String name, AVFormatContext format, AVStream stream, AVCodecContext decoder,
      boolean hasAudio) {
    this.name = name;
    this.format = format;
    this.stream = stream;
    this.decoder = decoder;
    this.hasAudio = hasAudio;
    this.packet = av_packet_alloc();
    this.frame = av_frame_alloc();
  }

  /**
   * Opens {@code path} and readies the decoder of its main video stream (a still image counts).
   *
   * @throws MediaException naming the file when it is missing, empty, not media, or has no video
   */
  static FfmpegInput open(Path path) {
    Ffmpeg.ensureLoaded();
    Ffmpeg.requireNonEmptyFile(path);
    String name = path.toString();
    AVFormatContext format = new AVFormatContext(null);
    AVDictionary options = new AVDictionary(null);
    // A still opened by name goes to FFmpeg's image2 demuxer, which would read '%' or '*' in the
    // name as a sequence pattern; sequences are expanded by ImageSequenceReader instead.
    av_dict_set(options, "pattern_type", "none", 0);
    int err = avformat_open_input(format, Ffmpeg.fileUrl(path), null, options);
    av_dict_free(options);
    if (err < 0) {
      // A text file and an MP4 cut before its index look the same to FFmpeg.
      throw new MediaException(name, "not a video file, or a damaged one: FFmpeg cannot read it ("
          + Ffmpeg.describe(err) + ")");
    }
    AVCodecContext decoder = null;
    try {
      err = avformat_find_stream_info(format, (org.bytedeco.javacpp.PointerPointer<?>) null);
      if (err < 0) {
        throw new MediaException(name, "truncated or corrupt: cannot read stream information ("
            + Ffmpeg.describe(err) + ")");
      }
      int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      if (index < 0) {
        throw new MediaException(name, "not a video file: it has no video stream (found "
            + format.nb_streams() + " other stream(s))");
      }
      AVStream stream = format.streams(index);
      AVCodecParameters params = stream.codecpar();
      if (params.width() > 0 && params.height() > 0) { // 0 = unknown until decoded (stills)
        MediaLimits.requireReadable(name, params.width(), params.height());
      }
      AVCodec codec = avcodec_find_decoder(params.codec_id());
      if (codec == null) {
        throw new MediaException(name, "unsupported codec " + avcodec_get_name(params.codec_id())
            .getString() + " (this FFmpeg build has no decoder for it)");
      }
      decoder = avcodec_alloc_context3(codec);
      avcodec_parameters_to_context(decoder, params);
      decoder.pkt_timebase(stream.time_base());
      decoder.thread_count(0); // 0 = one thread per core, decided by FFmpeg
      err = avcodec_open2(decoder, codec, (AVDictionary) null);
      if (err < 0) {
        throw new MediaException(name, "cannot open the " + codec.name().getString()
            + " decoder (" + Ffmpeg.describe(err) + ")");
      }
      boolean audio = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0) >= 0;
      return new FfmpegInput(name, format, stream, decoder, audio);
    } catch (RuntimeException e) {
      if (decoder != null) {
        avcodec_free_context(decoder);
      }
      avformat_close_input(format);
      throw e;
    }
  }

  String name() {
    return name;
  }

  AVFormatContext format() {
    return format;
  }

  AVStream stream() {
    return stream;
  }

  boolean hasAudio() {
    return hasAudio;
  }

  /**
   * The next decoded picture, or null at the end of the stream.
   *
   * @throws MediaException when the demuxer or decoder reports damage other than a clean end
   */
  AVFrame decodeNext() {
    while (true) {
      int err = avcodec_receive_frame(decoder, frame);
      if (err >= 0) {
        return frame;
      }
      if (err == AVERROR_EOF) {
        return null;
      }
      if (err != AVERROR_EAGAIN()) {
        throw new MediaException(name, "truncated or corrupt video data (" + Ffmpeg.describe(err) + ")");
      }
      feedDecoder();
    }
  }

  private void feedDecoder() {
    if (draining) {
      throw new IllegalStateException("decoder asked for input after end of stream");
    }
    int err = av_read_frame(format, packet);
    if (err == AVERROR_EOF) {
      draining = true;
      avcodec_send_packet(decoder, null); // enter draining mode: delayed frames come out now
      return;
    }
    if (err < 0) {
      throw new MediaException(name, "truncated or corrupt file (" + Ffmpeg.describe(err) + ")");
    }
    try {
      if (packet.stream_index() == stream.index()) {
        err = avcodec_send_packet(decoder, packet);
        if (err < 0 && err != AVERROR_EAGAIN()) {
          throw new MediaException(name, "truncated or corrupt video data (" + Ffmpeg.describe(err) + ")");
        }
      }
    } finally {
      av_packet_unref(packet);
    }
  }

  /**
   * Moves to the key frame at or before {@code timestamp} (stream time base) and resets the
   * decoder; returns false when the container cannot seek.
   */
  boolean seekBefore(long timestamp) {
    if (av_seek_frame(format, stream.index(), timestamp, AVSEEK_FLAG_BACKWARD) < 0) {
      return false;
    }
    avcodec_flush_buffers(decoder);
    draining = false;
    return true;
  }

  @Override
  public void close() {
    av_frame_free(frame);
    av_packet_free(packet);
    avcodec_free_context(decoder);
    avformat_close_input(format);
  }
}
