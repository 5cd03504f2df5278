package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.portraitperf.api.SidecarClient;
import org.portraitperf.api.SidecarPaths;
import org.portraitperf.engine.AnimationEngine;
import org.portraitperf.engine.ControlValues;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.engine.EngineInfo;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.media.RgbImage;
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

  @Option(names = "--encoder-preset", paramLabel = "PRESET",
      description = "H.264 output only: the x264 speed preset, one of ${COMPLETION-CANDIDATES} (default "
          + VideoWriter.Options.DEFAULT_PRESET + "). Slower presets make smaller files at the same quality and"
          + " take longer.",
      completionCandidates = EncoderPresets.class)
  String encoderPreset;

  @Option(names = "--from", paramLabel = "F", description = "First driving frame to render (default 0).")
  int from;

  @Option(names = "--to", paramLabel = "F", description = "Last driving frame to render, inclusive (default the last).")
  Integer to;

  @Option(names = "--remote", arity = "0..1", fallbackValue = "", paramLabel = "SOCKET",
      description = "Render through a running sidecar (`pp serve`) instead of in this process: on its default"
          + " per-user socket, or on SOCKET. The output is the same.")
  String remote;

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
    try (SidecarClient client = remote == null ? null
            : SidecarClient.connect(remote.isEmpty() ? SidecarPaths.defaultSocket() : Path.of(remote));
        TakeRender take = TakeRender.open(client == null ? engines.choose(controls.engine) : remote(client, settings),
            portrait, driving)) {
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
      if (encoderPreset != null) {
        options = options.withQuality(options.crf(), encoderPreset);
      }
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

  /**
   * The sidecar as the engine: it picks the engine as it opens the session, so the session opens
   * here, first, and the take then only collects it.
   */
  private EngineSelector.Choice remote(SidecarClient client, EngineSettings settings) {
    SidecarClient.Opened opened = client.open(portrait, driving, controls.engine, settings);
    String reason = opened.reason() + ", through the sidecar";
    AnimationEngine sidecar = new AnimationEngine() {
      @Override
      public EngineInfo info() {
        return new EngineInfo(opened.engine(), true, reason);
      }

      @Override
      public Session open(RgbImage image, String name, DrivingSource source, EngineSettings ignored) {
        return opened.session();
      }
    };
    return new EngineSelector.Choice(opened.engine(), sidecar, reason);
  }

  /** Refuses, before any work, what cannot be written as asked. */
  private void checkCombinations(EngineSettings settings, Format format) {
    if (encoderPreset != null && !VideoWriter.Options.PRESETS.contains(encoderPreset)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--encoder-preset '" + encoderPreset
          + "' is not an x264 preset (expected one of " + String.join(", ", VideoWriter.Options.PRESETS) + ")");
    }
    if (encoderPreset != null && format != Format.H264_MP4) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--encoder-preset applies to H.264 output only: "
          + out + " is " + (format == Format.PNG_SEQUENCE ? "a PNG sequence" : "ProRes 4444"));
    }
    if (preview != null && !preview.equals(SIDE_BY_SIDE)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--preview '" + preview + "' is not supported (expected " + SIDE_BY_SIDE + ")");
    }
    if (settings.layout() == OutputLayout.FACE_LAYER && preview == null && format == Format.H264_MP4) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--layout face-layer needs an output that keeps"
          + " alpha: " + out + " is H.264 (use .mov for ProRes 4444, or a folder for PNG files)");
    }
  }

  /** x264's presets, for the help text. */
  static final class EncoderPresets implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return VideoWriter.Options.PRESETS.iterator();
    }
  }
}
