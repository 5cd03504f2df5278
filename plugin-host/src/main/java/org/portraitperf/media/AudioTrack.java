package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;

import java.nio.file.Path;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;

/**
 * The audio of another file carried into an output, trimmed to the video's length. Packets are
 * copied unchanged when the output container accepts the codec; otherwise they are decoded and
 * re-encoded to AAC. Written in step with the video so the output stays interleaved.
 */
final class AudioTrack implements AutoCloseable {

  private static final AVRational MICROS = av_make_q(1, 1_000_000);
  private static final int AAC_BIT_RATE = 192_000;

  private final String name;
  private final AVFormatContext input;
  private final AVStream inStream;
  /** The source time, in its stream's time base, that becomes the output's time 0. */
  private final long inStart;
  private final AVPacket packet = av_packet_alloc();
  /** The packet in {@link #packet} was read but lies past the last limit; it goes next time. */
  private boolean held;
  private boolean inputEnded;

  private String outputName;
  private AVFormatContext output;
  private AVStream outStream;
  private boolean copy;

  // Re-encoding only:
  private AVCodecContext decoder;
  private AVCodecContext encoder;
  private SwrContext resampler;
  private AVAudioFifo fifo;
  private AVFrame decoded;
  private AVFrame converted;
  private AVFrame chunk;
  private long samplesWritten;

  private AudioTrack(String name, AVFormatContext input, AVStream inStream, long startMicros) {
    this.name = name;
    this.input = input;
    this.inStream = inStream;
    long streamStart = inStream.start_time() == AV_NOPTS_VALUE ? 0 : inStream.start_time();
    this.inStart = streamStart + av_rescale_q(startMicros, MICROS, inStream.time_base());
  }

  /**
   * Opens the source and checks that it has audio; the output stream is added later.
   *
   * @param startMicros where in the source the output's audio starts; packets that begin before
   *     it are left out, so the sound stays in sync with a video that starts at a later frame
   */
  static AudioTrack open(Path source, long startMicros) {
    Ffmpeg.ensureLoaded();
    Ffmpeg.requireNonEmptyFile(source);
    String name = source.toString();
    AVFormatContext input = new AVFormatContext(null);
    int err = avformat_open_input(input, Ffmpeg.fileUrl(source), null, null);
    if (err < 0) {
      throw new MediaException(name, "not a media file FFmpeg can read (" + Ffmpeg.describe(err) + ")");
    }
    err = avformat_find_stream_info(input, (org.bytedeco.javacpp.PointerPointer<?>) null);
    if (err < 0) {
      avformat_close_input(input);
      throw new MediaException(name, "truncated or corrupt: cannot read stream information ("
          + Ffmpeg.describe(err) + ")");
    }
    int index = av_find_best_stream(input, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
    if (index < 0) {
      avformat_close_input(input);
      throw new MediaException(name, "has no audio stream to copy (expected a file with sound)");
    }
    AudioTrack track = new AudioTrack(name, input, input.streams(index), startMicros);
    if (startMicros > 0 && av_seek_frame(input, index, track.inStart, AVSEEK_FLAG_BACKWARD) < 0) {
      track.close();
      throw new MediaException(name, "cannot seek its audio to " + startMicros + " us");
    }
    return track;
  }

  /**
   * Adds the audio stream to {@code out}; call before the header is written. {@code copyable}
   * narrows what is copied to codecs players handle in that container (null: whatever the muxer
   * accepts); MP4 muxes PCM, for instance, but few players play it.
   */
  void addStreamTo(AVFormatContext out, String outName, Set<String> copyable) {
    output = out;
    outputName = outName;
    int codecId = inStream.codecpar().codec_id();
    String codecName = avcodec_get_name(codecId).getString();
    copy = avformat_query_codec(out.oformat(), codecId, FF_COMPLIANCE_NORMAL) == 1
        && (copyable == null || copyable.contains(codecName));
    outStream = avformat_new_stream(out, null);
    if (copy) {
      check(avcodec_parameters_copy(outStream.codecpar(), inStream.codecpar()), "cannot copy audio");
      outStream.codecpar().codec_tag(0); // let the output container pick its own tag
      outStream.time_base(inStream.time_base());
    } else {
      openTranscoder(codecId);
    }
  }

  private void openTranscoder(int codecId) {
    AVCodec decoding = avcodec_find_decoder(codecId);
    AVCodec aac = avcodec_find_encoder_by_name("aac");
    if (decoding == null || aac == null) {
      throw new MediaException(name, "cannot convert audio codec "
          + avcodec_get_name(codecId).getString() + " to AAC in this FFmpeg build");
    }
    decoder = avcodec_alloc_context3(decoding);
    avcodec_parameters_to_context(decoder, inStream.codecpar());
    decoder.pkt_timebase(inStream.time_base());
    check(avcodec_open2(decoder, decoding, (AVDictionary) null), "cannot decode the audio");
    encoder = avcodec_alloc_context3(aac);
    encoder.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(decoder.sample_rate())
        .bit_rate(AAC_BIT_RATE).time_base(av_make_q(1, decoder.sample_rate()));
    if (decoder.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
      av_channel_layout_default(encoder.ch_layout(), decoder.ch_layout().nb_channels());
    } else {
      av_channel_layout_copy(encoder.ch_layout(), decoder.ch_layout());
    }
    if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    check(avcodec_open2(encoder, aac, (AVDictionary) null), "cannot start the AAC encoder");
    check(avcodec_parameters_from_context(outStream.codecpar(), encoder), "cannot set up audio");
    outStream.time_base(encoder.time_base());
    // The resampler configures itself from the first frames it converts.
    resampler = swr_alloc();
    fifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, encoder.ch_layout().nb_channels(),
        encoder.frame_size());
    decoded = av_frame_alloc();
    converted = av_frame_alloc();
    chunk = av_frame_alloc();
  }

  /** Writes the source's audio that starts before {@code endMicros}. */
  void writeUntil(long endMicros) {
    while (!inputEnded) {
      if (!held) {
        int err = av_read_frame(input, packet);
        if (err == AVERROR_EOF) {
          inputEnded = true;
          break;
        }
        check(err, "cannot read the audio");
        if (packet.stream_index() != inStream.index()) {
          av_packet_unref(packet);
          continue;
        }
        held = true;
      }
      long ts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
      if (ts != AV_NOPTS_VALUE && ts < inStart) {
        av_packet_unref(packet); // before the output's start (after a seek to the key packet before it)
        held = false;
        continue;
      }
      if (ts != AV_NOPTS_VALUE && av_rescale_q(ts - inStart, inStream.time_base(), MICROS) >= endMicros) {
        return;
      }
      held = false;
      if (copy) {
        writeCopied();
      } else {
        decodeIntoFifo(packet);
        av_packet_unref(packet);
        encodeFromFifo(Long.MAX_VALUE, false);
      }
    }
  }

  /** Writes what is left up to {@code endMicros} and flushes the encoder. */
  void finish(long endMicros) {
    writeUntil(endMicros);
    if (copy) {
      return;
    }
    if (inputEnded) {
      decodeIntoFifo(null); // the decoder's delayed samples
    }
    long limit = av_rescale_q(endMicros, MICROS, encoder.time_base());
    encodeFromFifo(limit, true);
    sendToEncoder(null);
  }

  private void writeCopied() {
    if (packet.pts() != AV_NOPTS_VALUE) {
      packet.pts(packet.pts() - inStart);
    }
    if (packet.dts() != AV_NOPTS_VALUE) {
      packet.dts(packet.dts() - inStart);
    }
    av_packet_rescale_ts(packet, inStream.time_base(), outStream.time_base());
    packet.stream_index(outStream.index());
    packet.pos(-1);
    check(av_interleaved_write_frame(output, packet), "cannot write audio");
  }

  private void decodeIntoFifo(AVPacket in) {
    int err = avcodec_send_packet(decoder, in);
    if (err < 0 && err != AVERROR_EOF) {
      check(err, "corrupt audio");
    }
    while (true) {
      err = avcodec_receive_frame(decoder, decoded);
      if (err == AVERROR_EAGAIN() || err == AVERROR_EOF) {
        return;
      }
      check(err, "corrupt audio");
      if (decoded.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
        // WAV and raw PCM often leave the layout unnamed; the resampler names it on first use
        // and would then reject every later frame as "input changed" unless we name it first.
        int channels = decoded.ch_layout().nb_channels();
        av_channel_layout_uninit(decoded.ch_layout());
        av_channel_layout_default(decoded.ch_layout(), channels);
      }
      converted.format(AV_SAMPLE_FMT_FLTP).sample_rate(encoder.sample_rate());
      av_channel_layout_copy(converted.ch_layout(), encoder.ch_layout());
      check(swr_convert_frame(resampler, converted, decoded), "cannot convert audio samples");
      av_audio_fifo_write(fifo, converted.data(), converted.nb_samples());
      av_frame_unref(converted);
      av_frame_unref(decoded);
    }
  }

  /**
   * Encodes whole encoder frames from the FIFO, never past {@code limit} samples; with
   * {@code last}, a final short frame takes what remains.
   */
  private void encodeFromFifo(long limit, boolean last) {
    int frameSize = encoder.frame_size();
    while (samplesWritten < limit) {
      int available = av_audio_fifo_size(fifo);
      int size = (int) Math.min(Math.min(frameSize, available), limit - samplesWritten);
      if (size <= 0 || (size < frameSize && !last)) {
        return;
      }
      chunk.nb_samples(size).format(AV_SAMPLE_FMT_FLTP).sample_rate(encoder.sample_rate());
      av_channel_layout_copy(chunk.ch_layout(), encoder.ch_layout());
      check(av_frame_get_buffer(chunk, 0), "out of memory for audio");
      av_audio_fifo_read(fifo, chunk.data(), size);
      chunk.pts(samplesWritten);
      samplesWritten += size;
      sendToEncoder(chunk);
      av_frame_unref(chunk);
    }
  }

  private void sendToEncoder(AVFrame frame) {
    check(avcodec_send_frame(encoder, frame), "AAC encoding failed");
    AVPacket out = av_packet_alloc();
    try {
      while (true) {
        int err = avcodec_receive_packet(encoder, out);
        if (err == AVERROR_EAGAIN() || err == AVERROR_EOF) {
          return;
        }
        check(err, "AAC encoding failed");
        av_packet_rescale_ts(out, encoder.time_base(), outStream.time_base());
        out.stream_index(outStream.index());
        check(av_interleaved_write_frame(output, out), "cannot write audio");
      }
    } finally {
      av_packet_free(out);
    }
  }

  private void check(int err, String what) {
    if (err < 0) {
      throw new MediaException(outputName == null ? name : outputName,
          what + " from " + name + " (" + Ffmpeg.describe(err) + ")");
    }
  }

  @Override
  public void close() {
    if (decoded != null) {
      av_frame_free(decoded);
      av_frame_free(converted);
      av_frame_free(chunk);
      av_audio_fifo_free(fifo);
      swr_free(resampler);
      avcodec_free_context(encoder);
      avcodec_free_context(decoder);
      decoded = null;
    }
    av_packet_free(packet);
    avformat_close_input(input);
  }
}
