package org.portraitperf.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_version;

import java.util.ArrayList;
import java.util.List;

/** Which of the codecs the product relies on this FFmpeg build carries, for {@code doctor}. */
public final class CodecSupport {
  /** A codec and whether it is present. */
  public record Entry(String role, String codec, boolean present) {}

  private static final String[][] DECODERS = {
    {"H.264", "h264"}, {"HEVC", "hevc"}, {"ProRes", "prores"}, {"DNxHD/DNxHR", "dnxhd"},
    {"PNG", "png"}, {"JPEG", "mjpeg"}, {"TIFF", "tiff"}, {"AAC", "aac"}
  };
  private static final String[][] ENCODERS = {
    {"H.264 MP4", "libx264"}, {"ProRes 4444", "prores_ks"}, {"PNG sequence", "png"}, {"AAC audio", "aac"}
  };

  private CodecSupport() {}

  /** libavformat's version as major.minor.micro. */
  public static String ffmpegVersion() {
    Ffmpeg.ensureLoaded();
    int v = avformat_version();
    return "libavformat " + (v >> 16) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
  }

  public static List<Entry> check() {
    Ffmpeg.ensureLoaded();
    List<Entry> entries = new ArrayList<>();
    for (String[] d : DECODERS) {
      entries.add(new Entry("decode " + d[0], d[1], avcodec_find_decoder_by_name(d[1]) != null));
    }
    for (String[] e : ENCODERS) {
      entries.add(new Entry("encode " + e[0], e[1], avcodec_find_encoder_by_name(e[1]) != null));
    }
    return entries;
  }
}
