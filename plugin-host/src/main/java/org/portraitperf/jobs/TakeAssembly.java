package org.portraitperf.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.portraitperf.AtomicFiles;
import org.portraitperf.engine.ControlValues;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.MediaException;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoReader;
import org.portraitperf.media.VideoWriter;
import org.portraitperf.media.VideoWriter.Format;

/**
 * Puts a take's rendered ranges together into its output, as {@code animate} would have written it:
 * the clip's frame rate, its audio from the in point on, the provenance label in the container and
 * {@code <output>.provenance.json} beside it. Idempotent: assembling again writes the same frames
 * over the same name, through a temporary and a rename, so a kill at any moment leaves either the
 * old output or the new one.
 */
final class TakeAssembly {
  private TakeAssembly() {}

  static void assemble(JobStore.StoredTake take, List<Path> ranges, Instant started) {
    Path output = take.output();
    Format format = Format.forPath(output);
    EngineSettings settings = ControlValues.apply(EngineSettings.DEFAULTS, take.settings());
    VideoInfo info;
    try (VideoReader reader = VideoReader.open(take.driving())) {
      info = reader.info();
    }
    Provenance provenance = Provenance.of(take.engine(), take.portrait(), take.driving());
    VideoWriter.Options options = VideoWriter.Options.of(format, info.frameRate())
        .withMetadata(provenance.containerTags());
    if (info.hasAudio() && format != Format.PNG_SEQUENCE) {
      options = options.withAudio(take.driving(), info.frameRate().periodsToMicros(take.first()));
    }
    prepare(output, format);
    VideoWriter writer = VideoWriter.open(output, options);
    TakeRender.fill(writer, () -> {
      for (Path range : ranges) {
        try (VideoReader frames = VideoReader.open(range)) {
          for (DecodedFrame frame = frames.next(); frame != null; frame = frames.next()) {
            write(writer, format, settings.layout(), frame);
          }
        }
      }
      long expected = take.last() - take.first() + 1L;
      if (writer.framesWritten() != expected) {
        throw new MediaException(output.toString(), "assembled " + writer.framesWritten() + " frames from "
            + ranges.size() + " ranges, expected " + expected);
      }
    });
    provenance.write(output, ControlValues.of(take.engine(), settings), take.first(), take.last(), info.frameRate(),
        started, Instant.now());
  }

  private static void write(VideoWriter writer, Format format, OutputLayout layout, DecodedFrame frame) {
    if (layout == OutputLayout.FACE_LAYER && frame.alpha() != null) {
      writer.write(RgbaImage.of(frame.image(), frame.alpha()));
    } else {
      writer.write(format == Format.H264_MP4 ? TakeRender.evenSided(frame.image()) : frame.image());
    }
  }

  /**
   * Makes room for the output: its folder must exist, and a PNG folder output cannot be renamed
   * over an older one, so an older one (this take's earlier output, or the take it replaces) goes.
   */
  private static void prepare(Path output, Format format) {
    try {
      Files.createDirectories(output.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new MediaException(output.toString(), "its folder cannot be created: " + e.getMessage(), e);
    }
    if (format == Format.PNG_SEQUENCE && Files.isDirectory(output)) {
      AtomicFiles.discard(output);
    }
  }
}
