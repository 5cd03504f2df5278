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
 * old output or the new one. The job runner assembles through it, and so does
 * {@code batch assemble}, the command a render farm runs once a take's ranges are all rendered.
 */
public final class TakeAssembly {
  private TakeAssembly() {}

  public enum Outcome { ASSEMBLED, ALREADY_THERE }

  static void assemble(JobStore.StoredTake take, List<Path> ranges, Instant started) {
    assemble(take.output(), take.portrait(), take.driving(), take.engine(),
        ControlValues.apply(EngineSettings.DEFAULTS, take.settings()), take.first(), take.last(), ranges, started);
  }

  /**
   * Assembles frames {@code frames} of {@code take} from the ranges in {@code ranges}, however they
   * were cut, then removes the ranges: the output holds every frame now. When the ranges are gone
   * and the output and its record are in place, an earlier run got this far and nothing is done, so
   * a farm task that is run again after finishing succeeds.
   *
   * @param engine the engine that rendered the ranges, for the provenance label
   * @throws JobException when a range is missing, naming its frames
   */
  public static Outcome assemble(TakeSpec take, String engine, RangeFolder.Span frames, RangeFolder ranges,
      Instant started) {
    // What a run killed while it removed the ranges left of them.
    AtomicFiles.discard(AtomicFiles.removing(ranges.folder()));
    if (!Files.exists(ranges.folder()) && Files.exists(take.output())
        && Files.exists(Provenance.recordPath(take.output()))) {
      return Outcome.ALREADY_THERE;
    }
    assemble(take.output(), take.portrait(), take.driving(), engine, take.settings(), frames.first(), frames.last(),
        ranges.covering(frames.first(), frames.last()), started);
    // Gone from its name at once: a run killed halfway through deleting it in place left some
    // ranges there, and the next run, finding them short of the take, failed a finished take.
    AtomicFiles.removeTree(ranges.folder());
    return Outcome.ASSEMBLED;
  }

  private static void assemble(Path output, Path portrait, Path driving, String engine, EngineSettings settings,
      int first, int last, List<Path> ranges, Instant started) {
    Format format = Format.forPath(output);
    VideoInfo info;
    try (VideoReader reader = VideoReader.open(driving)) {
      info = reader.info();
    }
    Provenance provenance = Provenance.of(engine, portrait, driving);
    VideoWriter.Options options = VideoWriter.Options.of(format, info.frameRate())
        .withMetadata(provenance.containerTags());
    if (info.hasAudio() && format != Format.PNG_SEQUENCE) {
      options = options.withAudio(driving, info.frameRate().periodsToMicros(first));
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
      long expected = last - first + 1L;
      if (writer.framesWritten() != expected) {
        throw new MediaException(output.toString(), "assembled " + writer.framesWritten() + " frames from "
            + ranges.size() + " ranges, expected " + expected);
      }
    });
    provenance.write(output, ControlValues.of(engine, settings), first, last, info.frameRate(), started, Instant.now());
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
