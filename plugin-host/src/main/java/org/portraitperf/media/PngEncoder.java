package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Lossless PNG bytes from packed RGB or RGBA, one encoder reused for pictures of one size. */
final class PngEncoder implements AutoCloseable {

  private final String output;
  private final int width;
  private final int height;
  private final int channels;
  private final AVCodecContext context;
  private final AVFrame frame;
  private final AVPacket packet;

  PngEncoder(String output, int width, int height, boolean alpha) {
    Ffmpeg.ensureLoaded();
    MediaLimits.requireReadable(output, width, height);
    this.output = output;
    this.width = width;
    this.height = height;
    this.channels = alpha ? 4 : 3;
    AVCodec codec = avcodec_find_encoder_by_name("png");
    if (codec == null) {
      throw new MediaException(output, "encoder png is not in this FFmpeg build");
    }
    context = avcodec_alloc_context3(codec);
    context.width(width).height(height).pix_fmt(alpha ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24);
    context.time_base(av_make_q(1, 25)); // required by the API, meaningless for a still
    int err = avcodec_open2(context, codec, (AVDictionary) null);
    if (err < 0) {
      avcodec_free_context(context);
      throw new MediaException(output, "cannot open the png encoder (" + Ffmpeg.describe(err) + ")");
    }
    frame = av_frame_alloc();
    frame.format(context.pix_fmt()).width(width).height(height);
    av_frame_get_buffer(frame, 0);
    packet = av_packet_alloc();
  }

  byte[] encode(byte[] pixels) {
    if (pixels.length != width * height * channels) {
      throw new IllegalArgumentException("expected " + width + "x" + height + "x" + channels
          + " bytes, found " + pixels.length);
    }
    av_frame_make_writable(frame);
    Ffmpeg.copyIn(pixels, width * channels, height, frame);
    int err = avcodec_send_frame(context, frame);
    if (err >= 0) {
      err = avcodec_receive_packet(context, packet);
    }
    if (err < 0) {
      throw new MediaException(output, "PNG encoding failed (" + Ffmpeg.describe(err) + ")");
    }
    try {
      byte[] bytes = new byte[packet.size()];
      packet.data().get(bytes);
      return bytes;
    } finally {
      av_packet_unref(packet);
    }
  }

  @Override
  public void close() {
    av_packet_free(packet);
    av_frame_free(frame);
    avcodec_free_context(context);
  }
}
