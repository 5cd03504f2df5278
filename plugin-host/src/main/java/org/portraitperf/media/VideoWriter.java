package org.portraitperf.media;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes frames one at a time into a video file or a PNG sequence. Output is written under a
 * hidden temporary name beside the target and renamed into place by a successful {@link #close()};
 * after a failure or {@link #abort()} nothing appears under the target name. Not thread-safe.
 */
public interface VideoWriter extends AutoCloseable {

  /** What to produce. */
  enum Format {
    /** libx264, yuv420p, BT.709 limited range, CRF and preset from the options, fast start. */
    H264_MP4,
    /** prores_ks profile 4444 with 16-bit alpha (yuva444p10le), BT.709, in QuickTime MOV. */
    PRORES_4444_MOV,
    /**
     * Lossless PNG files in a new directory: either the target itself (files {@code 000000.png},
     * {@code 000001.png}, ...) or the parent of a printf pattern such as {@code out/f_%04d.png}.
     * Carries no audio and no metadata.
     */
    PNG_SEQUENCE;

    /**
     * The format a file name asks for: {@code .mov} ProRes 4444, a printf pattern or a name
     * without extension a PNG sequence, anything else H.264 MP4.
     */
    public static Format forPath(Path target) {
      String name = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      if (name.endsWith(".mov")) {
        return PRORES_4444_MOV;
      }
      if (name.contains("%") || !name.contains(".")) {
        return PNG_SEQUENCE;
      }
      return H264_MP4;
    }
  }

  /**
   * @param format what to produce
   * @param frameRate exact output rate, e.g. {@code new Rational(30000, 1001)}
   * @param audioSource a file whose audio is copied (or re-encoded to AAC when the container does
   *     not take its codec) and trimmed to the video's length; null for none
   * @param audioStartMicros where in {@code audioSource} the output's audio starts, so that an
   *     output of a clip's later frames keeps its sound in sync (packet-accurate when copied)
   * @param metadata container tags such as title and comment, kept in insertion order
   * @param crf H.264 constant rate factor, 0 (lossless) .. 51
   * @param preset H.264 speed preset, e.g. {@code medium}, {@code ultrafast}
   */
  record Options(Format format, Rational frameRate, Path audioSource, long audioStartMicros,
      Map<String, String> metadata, int crf, String preset) {

    public static final int DEFAULT_CRF = 18;
    /**
     * x264's fastest preset: at CRF 18 its 1080p output measures the same PSNR as veryfast's for about
     * a third of the encoder time (the largest cost of a 1080p take on two cores), in files about
     * 2.8 times the size. See BENCHMARKS.md.
     */
    public static final String DEFAULT_PRESET = "ultrafast";
    /** x264's speed presets, fastest first: each step down costs more encoder time for a smaller file. */
    public static final List<String> PRESETS = List.of("ultrafast", "superfast", "veryfast", "faster", "fast",
        "medium", "slow", "slower", "veryslow");

    public Options {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(frameRate, "frameRate");
      Objects.requireNonNull(preset, "preset");
      metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(
          new LinkedHashMap<>(metadata));
      metadata.forEach((key, value) -> {
        if (key == null || key.isEmpty() || value == null) {
          throw new IllegalArgumentException("metadata needs non-empty keys and non-null values,"
              + " found " + key + "=" + value);
        }
      });
      if (!PRESETS.contains(preset)) {
        throw new IllegalArgumentException("preset must be one of " + String.join(", ", PRESETS)
            + ", found '" + preset + "'");
      }
      if (audioStartMicros < 0) {
        throw new IllegalArgumentException("audio start must be >= 0, found " + audioStartMicros);
      }
      if (crf < 0 || crf > 51) {
        throw new IllegalArgumentException("crf must be 0..51, found " + crf);
      }
    }

    /** Defaults for {@code format}: no audio, no metadata, CRF 18, preset ultrafast. */
    public static Options of(Format format, Rational frameRate) {
      return new Options(format, frameRate, null, 0, Map.of(), DEFAULT_CRF, DEFAULT_PRESET);
    }

    public Options withAudio(Path source) {
      return withAudio(source, 0);
    }

    /** Audio from {@code source}, starting {@code startMicros} into it. */
    public Options withAudio(Path source, long startMicros) {
      return new Options(format, frameRate, source, startMicros, metadata, crf, preset);
    }

    public Options withMetadata(Map<String, String> tags) {
      return new Options(format, frameRate, audioSource, audioStartMicros, tags, crf, preset);
    }

    public Options withQuality(int crf, String preset) {
      return new Options(format, frameRate, audioSource, audioStartMicros, metadata, crf, preset);
    }
  }

  /**
   * Checks the options and that the encoder exists; encoding starts with the first frame, whose
   * size every later frame must share.
   *
   * @throws MediaException when the encoder is missing from this FFmpeg build, the audio source
   *     is unusable or the target directory does not exist
   */
  static VideoWriter open(Path target, Options options) {
    return options.format() == Format.PNG_SEQUENCE
        ? PngSequenceWriter.open(target, options)
        : EncodedVideoWriter.open(target, options);
  }

  /** Appends an opaque frame. */
  void write(RgbImage frame);

  /**
   * Appends a frame with alpha.
   *
   * @throws MediaException when the format cannot store alpha (H.264)
   */
  void write(RgbaImage frame);

  /**
   * Appends the colour of a frame that carries alpha, the alpha dropped: for outputs that are
   * opaque by choice. Encoders read the RGBA pixels directly, sparing a full-frame copy.
   */
  default void writeColour(RgbaImage frame) {
    write(frame.rgb());
  }

  long framesWritten();

  /** Gives up: releases everything and deletes the partial output. Safe to call repeatedly. */
  void abort();

  /**
   * Finishes the output and renames it into place.
   *
   * @throws MediaException when no frame was written or finishing fails; nothing is left behind
   */
  @Override
  void close();
}
