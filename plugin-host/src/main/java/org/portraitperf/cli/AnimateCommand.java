package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.portraitperf.engine.ControlValues;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.engine.Session;
import org.portraitperf.jobs.Provenance;
import org.portraitperf.jobs.TakeRender;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoWriter;
import org.portraitperf.media.VideoWriter.Format;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pp animate}: the portrait performs the driving clip, written as a labelled video. */
@Command(
    name = "animate",
    mixinStandardHelpOptions = true,
    description = "Make a still portrait perform the facial acting of a driving clip. The output has the driving"
        + " clip's frame rate, frame count and audio, is labelled as AI-generated in its metadata, and gets a"
        + " <out>.provenance.json record naming the tool, the settings and the inputs' SHA-256.")
final class AnimateCommand implements Callable<Integer> {
  static final String SIDE_BY_SIDE = "side-by-side";

  @Spec CommandSpec spec;

  @Option(names = "--portrait", required = true, paramLabel = "IMAGE", description = "The still to animate (PNG, JPEG, ...).")
  Path portrait;

  @Option(names = "--driving", required = true, paramLabel = "VIDEO",
      description = "The performance: a video file, or an image sequence (folder or f_%%04d.png pattern).")
  Path driving;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "H.264 for .mp4 (default), ProRes 4444 with alpha for .mov, PNG files for a folder or"
          + " f_%%04d.png pattern. Written under a temporary name and renamed when complete.")
  Path out;

  @Mixin EngineOptions controls;

  @Option(names = "--preview", paramLabel = SIDE_BY_SIDE,
      description = "side-by-side: write portrait | driving | result panels next to each other instead.")
  String preview;

  @Option(names = "--from", paramLabel = "F", description = "First driving frame to render (default 0).")
  int from;

  @Option(names = "--to", paramLabel = "F", description = "Last driving frame to render, inclusive (default the last).")
  Integer to;

  private final EngineSelector engines;

  @Inject
  AnimateCommand(EngineSelector engines) {
    this.engines = engines;
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EngineSettings settings = controls.settings(spec.commandLine());
    Format format = Format.forPath(out);
    checkCombinations(settings, format);
    Instant started = Instant.now();
    try (TakeRender take = TakeRender.open(engines, controls.engine, portrait, driving)) {
      VideoInfo info = take.driving();
      int last = to == null ? take.frameCount() - 1 : to;
      if (from < 0 || from > last || last >= take.frameCount()) {
        throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
            "--from %d --to %d is not a frame range of %s (frames 0..%d)", from, last, driving, take.frameCount() - 1));
      }
      stdout.printf(Locale.ROOT, "engine: %s (%s)%n", take.engine().name(), take.engine().reason());
      Provenance provenance = take.provenance();
      VideoWriter.Options options = VideoWriter.Options.of(format, info.frameRate())
          .withMetadata(provenance.containerTags());
      if (info.hasAudio() && format != Format.PNG_SEQUENCE) {
        options = options.withAudio(driving, info.frameRate().periodsToMicros(from));
      }
      // Opened before the engine's analysis so that an unwritable target fails at once.
      VideoWriter writer = VideoWriter.open(out, options);
      // The output appears under its name only when every frame made it.
      TakeRender.fill(writer, () -> {
        Session session = take.start(settings);
        SideBySide panels = preview == null ? null
            : new SideBySide(take.portrait(), info.width(), info.height(), session.width(), session.height());
        Progress progress = new Progress(err, "animate", last - from + 1, Progress.terminalAttached());
        take.render(from, last, Runtime.getRuntime().availableProcessors(), (t, frame) -> {
          if (panels != null) {
            writer.write(panels.compose(take.source().frame(t), frame));
          } else {
            TakeRender.write(writer, format, settings.layout(), frame);
          }
          progress.advance();
        }, () -> false);
        progress.finish();
      });
      Path record = provenance.write(out, ControlValues.of(take.engine().name(), settings), from, last,
          info.frameRate(), started, Instant.now());
      stdout.printf(Locale.ROOT, "%d frames written to %s (AI-generated, labelled); provenance in %s%n",
          last - from + 1, out, record);
      return ExitCodes.OK;
    }
  }

  /** Refuses, before any work, what cannot be written as asked. */
  private void checkCombinations(EngineSettings settings, Format format) {
    if (preview != null && !preview.equals(SIDE_BY_SIDE)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--preview '" + preview + "' is not supported (expected " + SIDE_BY_SIDE + ")");
    }
    if (settings.layout() == OutputLayout.FACE_LAYER && preview == null && format == Format.H264_MP4) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--layout face-layer needs an output that keeps"
          + " alpha: " + out + " is H.264 (use .mov for ProRes 4444, or a folder for PNG files)");
    }
  }
}
