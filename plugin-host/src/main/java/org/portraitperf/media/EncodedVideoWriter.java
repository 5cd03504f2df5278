package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA444P10LE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.portraitperf.AtomicFiles;

/** H.264/MP4 and ProRes 4444/MOV output through libavformat, with optional audio. */
final class EncodedVideoWriter implements VideoWriter {

  /**
   * Encoder, pixel format and container for one output format, and the audio codecs copied into
   * it unchanged (null: any the muxer accepts).
   */
  private record Spec(String encoder, int pixelFormat, String muxer, boolean alpha,
      String movflags, Set<String> copyableAudio) {}

  private static final Spec H264 = new Spec("libx264", AV_PIX_FMT_YUV420P, "mp4", false,
      // faststart puts the index first so players can start before the download ends;
      // use_metadata_tags keeps arbitrary keys (provenance) instead of only iTunes ones.
      "+faststart+use_metadata_tags",
      Set.of("aac", "mp3", "ac3", "eac3", "opus", "alac", "flac"));
  private static final Spec PRORES = new Spec("prores_ks", AV_PIX_FMT_YUVA444P10LE, "mov", true,
      "+use_metadata_tags", null);

  private final Path target;
  private final String name;
  private final Path temp;
  private final Options options;
  private final Spec spec;
  private final AVCodec codec;
  private final AudioTrack audio;

  private AVFormatContext output;
  private AVCodecContext encoder;
  private AVStream stream;
  private AVFrame source;
  private AVFrame encoded;
  private AVPacket packet;
  private SwsContext scaler;
  private int scalerFormat = -1;
  private int width;
  private int height;
  private long frames;
  private boolean finished;

  private EncodedVideoWriter(Path target, Options options, Spec spec, AVCodec codec,
      AudioTrack audio) {
    this.target = target;
    this.name = target.toString();
    this.temp = AtomicFiles.temporaryBeside(target);
    this.options = options;
    this.spec = spec;
    this.codec = codec;
    this.audio = audio;
  }

  static EncodedVideoWriter open(Path target, Options options) {
    Ffmpeg.ensureLoaded();
    String name = target.toString();
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new MediaException(name, "the output directory does not exist (expected " + dir + ")");
    }
    Spec spec = options.format() == Format.H264_MP4 ? H264 : PRORES;
    // Looked up by name, not by codec id: asking for "h264" could silently give another encoder.
    AVCodec codec = avcodec_find_encoder_by_name(spec.encoder());
    if (codec == null) {
      throw new MediaException(name, "encoder " + spec.encoder() + " is not in this FFmpeg build"
          + " (expected the GPL build that JavaCV's ffmpeg-platform-gpl ships)");
    }
    AudioTrack audio = options.audioSource() == null ? null : AudioTrack.open(options.audioSource(),
        options.audioStartMicros());
    return new EncodedVideoWriter(target, options, spec, codec, audio);
  }

  @Override
  public void write(RgbImage frame) {
    append(frame.width(), frame.height(), AV_PIX_FMT_RGB24, frame.pixels());
  }

  @Override
  public void write(RgbaImage frame) {
    if (!spec.alpha()) {
      throw new MediaException(name, options.format() + " cannot store alpha (expected RGB frames,"
          + " or the PRORES_4444_MOV format for transparency)");
    }
    append(frame.width(), frame.height(), AV_PIX_FMT_RGBA, frame.pixels());
  }

  @Override
  public void writeColour(RgbaImage frame) {
    // The colour converter reads RGBA and writes only what the encoder's format keeps.
    append(frame.width(), frame.height(), AV_PIX_FMT_RGBA, frame.pixels());
  }

  @Override
  public long framesWritten() {
    return frames;
  }

  private void append(int frameWidth, int frameHeight, int format, byte[] pixels) {
    if (finished) {
      throw new IllegalStateException(name + ": writer already closed or aborted");
    }
    try {
      if (output == null) {
        start(frameWidth, frameHeight);
      } else if (frameWidth != width || frameHeight != height) {
        throw new MediaException(name, "frame " + frames + " changes size (expected " + width + "x"
            + height + ", found " + frameWidth + "x" + frameHeight + ")");
      }
      convert(format, pixels);
      encoded.pts(frames);
      encode(encoded);
      frames++;
      if (audio != null) {
        audio.writeUntil(options.frameRate().periodsToMicros(frames));
      }
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
  }

  private void start(int frameWidth, int frameHeight) {
    MediaLimits.requireReadable(name, frameWidth, frameHeight);
    if (spec.pixelFormat() == AV_PIX_FMT_YUV420P && (frameWidth % 2 != 0 || frameHeight % 2 != 0)) {
      throw new MediaException(name, "H.264 4:2:0 needs even frame sides (found " + frameWidth
          + "x" + frameHeight + ")");
    }
    width = frameWidth;
    height = frameHeight;
    output = new AVFormatContext(null);
    String url = Ffmpeg.fileUrl(temp);
    check(avformat_alloc_output_context2(output, null, spec.muxer(), url), "cannot create the "
        + spec.muxer() + " container");
    Rational rate = options.frameRate();
    encoder = avcodec_alloc_context3(codec);
    encoder.width(width).height(height).pix_fmt(spec.pixelFormat())
        .time_base(av_make_q(rate.den(), rate.num()))
        .framerate(av_make_q(rate.num(), rate.den()))
        .sample_aspect_ratio(av_make_q(1, 1))
        .color_primaries(AVCOL_PRI_BT709).color_trc(AVCOL_TRC_BT709)
        .colorspace(AVCOL_SPC_BT709).color_range(AVCOL_RANGE_MPEG);
    if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    AVDictionary codecOptions = new AVDictionary(null);
    if (spec == H264) {
      av_dict_set(codecOptions, "crf", Integer.toString(options.crf()), 0);
      av_dict_set(codecOptions, "preset", options.preset(), 0);
    } else {
      av_dict_set(codecOptions, "profile", "4444", 0);
      av_dict_set(codecOptions, "alpha_bits", "16", 0);
      av_dict_set(codecOptions, "vendor", "apl0", 0); // QuickTime players expect Apple's tag
    }
    int err = avcodec_open2(encoder, codec, codecOptions);
    av_dict_free(codecOptions);
    check(err, "cannot start encoder " + spec.encoder());
    String got = encoder.codec().name().getString();
    if (!got.equals(spec.encoder()) || encoder.pix_fmt() != spec.pixelFormat()) {
      throw new MediaException(name, "encoder " + spec.encoder() + " was not used (expected "
          + spec.encoder() + " with " + Ffmpeg.pixelFormatName(spec.pixelFormat()) + ", found "
          + got + " with " + Ffmpeg.pixelFormatName(encoder.pix_fmt()) + ")");
    }
    stream = avformat_new_stream(output, null);
    check(avcodec_parameters_from_context(stream.codecpar(), encoder), "cannot set up the stream");
    stream.time_base(encoder.time_base());
    stream.avg_frame_rate(av_make_q(rate.num(), rate.den()));
    stream.r_frame_rate(av_make_q(rate.num(), rate.den()));
    output.metadata(dictionaryOf(options.metadata()));
    if (audio != null) {
      audio.addStreamTo(output, name, spec.copyableAudio());
    }
    AVIOContext io = new AVIOContext(null);
    check(avio_open(io, url, AVIO_FLAG_WRITE), "cannot create " + temp);
    output.pb(io);
    AVDictionary muxerOptions = new AVDictionary(null);
    av_dict_set(muxerOptions, "movflags", spec.movflags(), 0);
    err = avformat_write_header(output, muxerOptions);
    av_dict_free(muxerOptions);
    check(err, "cannot write the " + spec.muxer() + " header");
    encoded = av_frame_alloc();
    encoded.format(spec.pixelFormat()).width(width).height(height);
    check(av_frame_get_buffer(encoded, 0), "out of memory for a frame");
    packet = av_packet_alloc();
  }

  private static AVDictionary dictionaryOf(Map<String, String> tags) {
    AVDictionary dict = new AVDictionary(null);
    tags.forEach((key, value) -> av_dict_set(dict, key, value, 0));
    return dict;
  }

  /** RGB(A) full range to the encoder's BT.709 limited-range YUV. */
  private void convert(int format, byte[] pixels) {
    if (format != scalerFormat) {
      if (scaler != null) {
        sws_freeContext(scaler);
      }
      scaler = sws_getContext(width, height, format, width, height, spec.pixelFormat(),
          SWS_BICUBIC, null, null, (DoublePointer) null);
      if (scaler == null) {
        throw new MediaException(name, "cannot convert " + Ffmpeg.pixelFormatName(format) + " to "
            + Ffmpeg.pixelFormatName(spec.pixelFormat()));
      }
      sws_setColorspaceDetails(scaler, sws_getCoefficients(SWS_CS_DEFAULT), 1,
          sws_getCoefficients(SWS_CS_ITU709), 0, 0, 1 << 16, 1 << 16);
      scalerFormat = format;
      if (source != null) {
        av_frame_free(source);
      }
      source = av_frame_alloc();
      source.format(format).width(width).height(height);
      check(av_frame_get_buffer(source, 0), "out of memory for a frame");
    }
    Ffmpeg.copyIn(pixels, width * (format == AV_PIX_FMT_RGBA ? 4 : 3), height, source);
    // The encoder may still hold a reference to the previous picture's buffers.
    check(av_frame_make_writable(encoded), "out of memory for a frame");
    sws_scale(scaler, source.data(), source.linesize(), 0, height, encoded.data(),
        encoded.linesize());
  }

  /** Sends a frame (null flushes) and writes every packet the encoder has ready. */
  private void encode(AVFrame frame) {
    check(avcodec_send_frame(encoder, frame), "encoder " + spec.encoder() + " failed");
    while (true) {
      int err = avcodec_receive_packet(encoder, packet);
      if (err == AVERROR_EAGAIN() || err == AVERROR_EOF) {
        return;
      }
      check(err, "encoder " + spec.encoder() + " failed");
      av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      check(av_interleaved_write_frame(output, packet), "cannot write to " + temp);
    }
  }

  private void check(int err, String what) {
    if (err < 0) {
      throw new MediaException(name, what + " (" + Ffmpeg.describe(err) + ")");
    }
  }

  @Override
  public void close() {
    if (finished) {
      return;
    }
    if (output == null) {
      abort();
      throw new MediaException(name, "no frames were written (expected at least 1)");
    }
    try {
      encode(null);
      if (audio != null) {
        audio.finish(options.frameRate().periodsToMicros(frames));
      }
      check(av_write_trailer(output), "cannot finish the " + spec.muxer() + " file");
      check(closeFile(), "cannot close " + temp);
      release();
      AtomicFiles.commit(temp, target);
    } catch (IOException e) {
      AtomicFiles.discard(temp);
      throw new MediaException(name, "cannot move the finished file into place: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
  }

  @Override
  public void abort() {
    if (!finished) {
      closeFile();
      release();
    }
    AtomicFiles.discard(temp);
  }

  /** Closes the output file handle if open; the container struct must not keep a stale pointer. */
  private int closeFile() {
    if (output == null || output.pb() == null || output.pb().isNull()) {
      return 0;
    }
    AVIOContext io = output.pb();
    output.pb(null);
    return avio_closep(io);
  }

  /** Frees every native resource (called once); leaves the files alone. */
  private void release() {
    finished = true;
    if (audio != null) {
      audio.close();
    }
    if (scaler != null) {
      sws_freeContext(scaler);
    }
    if (source != null) {
      av_frame_free(source);
    }
    if (encoded != null) {
      av_frame_free(encoded);
    }
    if (packet != null) {
      av_packet_free(packet);
    }
    if (encoder != null) {
      avcodec_free_context(encoder);
    }
    if (output != null) {
      avformat_free_context(output);
    }
  }
}
