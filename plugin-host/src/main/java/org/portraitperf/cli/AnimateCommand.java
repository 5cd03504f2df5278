package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.portraitperf.api.SidecarClient;
import org.portraitperf.api.SidecarPaths;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.engine.Session;
import org.portraitperf.engine.VideoDrivingSource;
import org.portraitperf.media.Images;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoReader;
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
  /** Frames rendering at once per core: enough to keep every core busy while one is written. */
  static final int FRAMES_IN_FLIGHT = 2;

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
    RgbImage portraitImage = Images.read(portrait);
    try (SidecarClient client = remote == null ? null
            : SidecarClient.connect(remote.isEmpty() ? SidecarPaths.defaultSocket() : Path.of(remote));
        VideoDrivingSource source = VideoDrivingSource.of(VideoReader.open(driving))) {
      VideoInfo info = source.info();
      int last = to == null ? source.frameCount() - 1 : to;
      if (from < 0 || from > last || last >= source.frameCount()) {
        throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
            "--from %d --to %d is not a frame range of %s (frames 0..%d)", from, last, driving, source.frameCount() - 1));
      }
      Opener opener = client == null ? local(portraitImage, source, settings) : remote(client, settings);
      stdout.printf(Locale.ROOT, "engine: %s (%s)%n", opener.engine(), opener.reason());
      Provenance provenance = new Provenance(VersionProvider.version(), opener.engine(),
          Provenance.Input.of(portrait), Provenance.Input.of(driving));
      VideoWriter.Options options = VideoWriter.Options.of(format, info.frameRate())
          .withMetadata(provenance.containerTags());
      if (encoderPreset != null) {
        options = options.withQuality(options.crf(), encoderPreset);
      }
      if (info.hasAudio() && format != Format.PNG_SEQUENCE) {
        if (from == 0) {
          options = options.withAudio(driving);
        } else {
          // The writer copies audio from the clip's start; from a later frame it would be out of sync.
          stdout.println("audio left out: the output starts at frame " + from + ", not at the clip's start");
        }
      }
      // Opened before the engine's analysis so that an unwritable target fails at once.
      VideoWriter writer = VideoWriter.open(out, options);
      boolean finished = false;
      try (Session session = opener.open().get()) {
        SideBySide panels = preview == null ? null
            : new SideBySide(portraitImage, info.width(), info.height(), session.width(), session.height());
        render(session, source, panels, settings.layout(), format, last, writer, err);
        finished = true;
      } finally {
        // The output appears under its name only when every frame made it.
        if (finished) {
          writer.close();
        } else {
          writer.abort();
        }
      }
      Path record = provenance.write(out, EngineOptions.controlValues(opener.engine(), settings), from, last,
          info.frameRate(), started, Instant.now());
      stdout.printf(Locale.ROOT, "%d frames written to %s (AI-generated, labelled); provenance in %s%n",
          last - from + 1, out, record);
      return ExitCodes.OK;
    }
  }

  /** The engine that renders, why, and how its session opens. */
  private record Opener(String engine, String reason, Supplier<Session> open) {}

  /** In this process: the engine is picked now and opens after the output, so an unwritable target fails at once. */
  private Opener local(RgbImage portraitImage, VideoDrivingSource source, EngineSettings settings) {
    EngineSelector.Choice choice = engines.choose(controls.engine);
    return new Opener(choice.name(), choice.reason(),
        () -> choice.engine().open(portraitImage, portrait.toString(), source, settings));
  }

  /** Through the sidecar, which picks the engine as it opens the session, so the session opens first. */
  private Opener remote(SidecarClient client, EngineSettings settings) {
    SidecarClient.Opened opened = client.open(portrait, driving, controls.engine, settings);
    return new Opener(opened.engine(), opened.reason() + ", through the sidecar", opened::session);
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

  /**
   * Renders every frame of the range into {@code writer}, as the layout and preview ask. Frames
   * are independent, so up to {@link #FRAMES_IN_FLIGHT} render at once on a pool sized to the
   * machine, and are written in order; the bound keeps memory flat however long the clip.
   */
  private void render(Session session, VideoDrivingSource source, SideBySide panels, OutputLayout layout,
      Format format, int last, VideoWriter writer, PrintWriter err) {
    Progress progress = new Progress(err, "animate", last - from + 1, Progress.terminalAttached());
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Deque<Future<RgbaImage>> inFlight = new ArrayDeque<>();
    try {
      int next = from;
      for (int t = from; t <= last; t++) {
        while (next <= last && inFlight.size() < FRAMES_IN_FLIGHT * threads) {
          int index = next++;
          inFlight.add(pool.submit(() -> session.render(index)));
        }
        RgbaImage frame = await(inFlight.removeFirst());
        if (panels != null) {
          writer.write(panels.compose(source.frame(t), frame));
        } else if (layout == OutputLayout.FACE_LAYER) {
          writer.write(frame);
        } else {
          writeOpaque(writer, format, frame);
        }
        progress.advance();
      }
    } finally {
      pool.shutdownNow();
    }
    progress.finish();
  }

  /** x264's presets, for the help text. */
  static final class EncoderPresets implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return VideoWriter.Options.PRESETS.iterator();
    }
  }

  /** The rendered frame; a failure inside the render surfaces as itself, not wrapped. */
  private static RgbaImage await(Future<RgbaImage> frame) {
    try {
      return frame.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("rendering failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering", e);
    }
  }

  /** An opaque layout's frame; H.264 needs even sides, which most frames already have. */
  private static void writeOpaque(VideoWriter writer, Format format, RgbaImage frame) {
    if (format == Format.H264_MP4 && (frame.width() % 2 != 0 || frame.height() % 2 != 0)) {
      writer.write(evenSided(frame.rgb()));
    } else {
      writer.writeColour(frame);
    }
  }

  /** H.264 4:2:0 needs even sides: an odd one gets its last column or row repeated once. */
  static RgbImage evenSided(RgbImage image) {
    int width = image.width() + image.width() % 2;
    int height = image.height() + image.height() % 2;
    if (width == image.width() && height == image.height()) {
      return image;
    }
    byte[] out = new byte[width * height * 3];
    int srcRow = image.width() * 3;
    for (int y = 0; y < height; y++) {
      int dst = y * width * 3;
      System.arraycopy(image.pixels(), Math.min(y, image.height() - 1) * srcRow, out, dst, srcRow);
      if (width > image.width()) {
        System.arraycopy(out, dst + srcRow - 3, out, dst + srcRow, 3);
      }
    }
    return new RgbImage(width, height, out);
  }
}
