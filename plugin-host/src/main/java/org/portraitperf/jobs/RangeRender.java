package org.portraitperf.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.media.Rational;
import org.portraitperf.media.VideoWriter;
import org.portraitperf.media.VideoWriter.Format;

/**
 * The unit of batch work: one take's frames {@code first..last} rendered into a folder of lossless
 * PNG files, which appears under its name only when complete. Idempotent: a folder already there is
 * a finished range and is left as it is. The same code serves the job runner and
 * {@code batch render-range}, the command a render farm runs.
 *
 * <p>Why PNG files: lossless, so ranges assemble into exactly the frames an unbroken render makes;
 * frame-exact to concatenate (one file per frame, no codec delay or key-frame boundary); alpha for
 * the face layer; and written one frame at a time, so memory stays flat however long the range.
 */
public final class RangeRender {
  private RangeRender() {}

  public enum Outcome { RENDERED, ALREADY_THERE }

  /** What {@link #renderInto} did: ranges rendered now, and ranges an earlier run had finished. */
  public record Ranges(int rendered, int alreadyThere) {}

  /**
   * @param threads frames of this range rendering at once
   * @param progress told the number of frames done after each frame
   * @param cancelled polled between frames; true stops the render and leaves nothing behind
   * @throws java.util.concurrent.CancellationException when cancelled
   * @throws org.portraitperf.PortraitPerfException for bad input (no face, corrupt clip)
   */
  public static Outcome render(TakeRender take, EngineSettings settings, int first, int last, Path target,
      int threads, IntConsumer progress, BooleanSupplier cancelled) {
    if (first < 0 || first > last || last >= take.frameCount()) {
      throw new IllegalArgumentException("frames " + first + "-" + last + " are not a range of "
          + take.driving().source() + " (frames 0.." + (take.frameCount() - 1) + ")");
    }
    if (Files.isDirectory(target)) {
      return Outcome.ALREADY_THERE;
    }
    take.start(settings);
    // The rate is only a label for a PNG folder; assembly takes the clip's own.
    VideoWriter writer = VideoWriter.open(target, VideoWriter.Options.of(Format.PNG_SEQUENCE, Rational.of(25)));
    int[] done = {0};
    TakeRender.fill(writer, () -> take.render(first, last, threads, (index, frame) -> {
      TakeRender.write(writer, Format.PNG_SEQUENCE, settings.layout(), frame);
      progress.accept(++done[0]);
    }, cancelled));
    return Outcome.RENDERED;
  }

  /**
   * Renders frames {@code first..last} into {@code folder} as ranges of {@code rangeSize} frames from
   * {@code first} on, each appearing only when complete. Ranges already there are kept, so a task
   * that is run again (a farm's retry) renders only the ranges it lacks.
   *
   * @param progress told the frames of {@code first..last} done so far, finished ranges included
   * @throws org.portraitperf.PortraitPerfException for bad input (no face, corrupt clip)
   */
  public static Ranges renderInto(TakeRender take, EngineSettings settings, RangeFolder folder, int first, int last,
      int rangeSize, int threads, IntConsumer progress) {
    try {
      Files.createDirectories(folder.folder());
    } catch (IOException e) {
      throw new JobException(folder.folder().toString(), "cannot be created: " + e.getMessage(), e);
    }
    int rendered = 0;
    int alreadyThere = 0;
    int before = 0;
    for (RangeFolder.Span span : RangeFolder.split(first, last, rangeSize)) {
      int done = before;
      Outcome outcome = render(take, settings, span.first(), span.last(), folder.range(span.first(), span.last()),
          threads, frames -> progress.accept(done + frames), () -> false);
      if (outcome == Outcome.RENDERED) {
        rendered++;
      } else {
        alreadyThere++;
        progress.accept(done + span.frames());
      }
      before += span.frames();
    }
    return new Ranges(rendered, alreadyThere);
  }
}
