package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceOverlay;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.FaceTracker;
import org.portraitperf.face.TrackedFrame;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.Images;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoReader;
import org.portraitperf.media.VideoWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp analyse}: tracks the face through a clip and shows or writes what it found. */
@Command(
    name = "analyse",
    aliases = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Track the face in a video (or image sequence, or still) and report landmarks, head pose,",
      "eye and mouth openness. Optionally draw them on a copy of the video and write them as JSON."
    })
final class AnalyseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--video", required = true, paramLabel = "FILE",
      description = "Video file, image sequence (folder or printf pattern such as f_%%04d.png), or still image.")
  Path video;

  @Option(names = "--overlay", paramLabel = "FILE",
      description = {"Write the clip with the tracked face drawn on it, same frame count and rate:",
          "H.264 for .mp4, ProRes 4444 for .mov, PNG files for a folder or f_%%04d.png pattern;",
          "a still's overlay may be a single .png."})
  Path overlay;

  @Option(names = "--json", paramLabel = "FILE", description = "Write per-frame landmarks, pose and openness as JSON.")
  Path json;

  @Option(names = "--face", paramLabel = "WHICH", defaultValue = "largest", converter = FaceSelectionConverter.class,
      description = "Which face to follow: largest (default), index:N (N-th from the left), at:X,Y (nearest to a point, fractions of the frame).")
  FaceSelection face;

  private final FaceAnalyzer faces;

  @Inject
  AnalyseCommand(FaceAnalyzer faces) {
    this.faces = faces;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (VideoReader reader = VideoReader.open(video)) {
      VideoInfo info = reader.info();
      out.printf(Locale.ROOT, "%s: %dx%d, %s fps, %s%d frames, %s%n", video, info.width(), info.height(),
          info.frameRate(), info.frameCountEstimated() ? "about " : "", info.frameCount(), info.codec());
      FaceTracker tracker = faces.newTracker(face, info.frameRate().toDouble());
      Progress progress = new Progress(err, "analyse", info.frameCount(), Progress.terminalAttached());
      int frames = 0;
      int tracked = 0;
      int detections = 0;
      TrackedFrame first = null;
      DecodedFrame firstFrame = null;
      boolean stillOverlay = overlay != null && info.frameCount() == 1 && !info.frameCountEstimated()
          && overlay.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")
          && !overlay.getFileName().toString().contains("%");
      VideoWriter overlayWriter = overlay == null || stillOverlay ? null
          : VideoWriter.open(overlay, VideoWriter.Options.of(VideoWriter.Format.forPath(overlay), info.frameRate()));
      TrackJsonWriter jsonWriter = json == null ? null : new TrackJsonWriter(json, info);
      boolean finished = false;
      try {
        for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
          TrackedFrame result = tracker.track(frame.image());
          frames++;
          tracked += result.tracked() ? 1 : 0;
          detections += result.detected() ? 1 : 0;
          if (first == null) {
            first = result;
            firstFrame = frame;
          }
          if (overlayWriter != null) {
            overlayWriter.write(FaceOverlay.draw(frame.image(), result));
          } else if (stillOverlay) {
            Images.write(overlay, FaceOverlay.draw(frame.image(), result));
          }
          if (jsonWriter != null) {
            jsonWriter.write(result);
          }
          progress.advance();
        }
        finished = true;
      } finally {
        // Outputs appear under their names only when every frame made it; otherwise nothing does.
        if (overlayWriter != null) {
          if (finished) {
            overlayWriter.close();
          } else {
            overlayWriter.abort();
          }
        }
        if (jsonWriter != null) {
          if (finished) {
            jsonWriter.close();
          } else {
            jsonWriter.abort();
          }
        }
      }
      progress.finish();
      out.printf(Locale.ROOT, "face tracked on %d of %d frames (%.1f%%); found by the detector %d time(s), followed in between%n",
          tracked, frames, frames == 0 ? 0 : 100.0 * tracked / frames, detections);
      if (tracked == 0) {
        err.println("error: " + video + ": no face found in any frame");
        return ExitCodes.BAD_INPUT;
      }
      if (frames == 1) {
        describeStill(firstFrame, out);
      } else if (first != null && first.face().isPresent()) {
        describe("first frame", first.face().get(), out);
      }
      if (overlay != null) {
        out.println("overlay written to " + overlay);
      }
      if (json != null) {
        out.println("track written to " + json);
      }
      return ExitCodes.OK;
    }
  }

  /** For a still, every face matters: a group photo should say how many it holds. */
  private void describeStill(DecodedFrame still, PrintWriter out) {
    List<FaceObservation> all = faces.analyseAll(still.image(), video.toString());
    out.printf(Locale.ROOT, "%d face%s found; following %s%n", all.size(), all.size() == 1 ? "" : "s", face);
    for (int i = 0; i < all.size(); i++) {
      describe("face " + i, all.get(i), out);
    }
  }

  private static void describe(String label, FaceObservation face, PrintWriter out) {
    out.printf(Locale.ROOT, "  %s: yaw %.1f, pitch %.1f, roll %.1f deg; eyes %.2f / %.2f; mouth %.2f%n", label,
        face.pose().yaw(), face.pose().pitch(), face.pose().roll(), face.leftImageEye(), face.rightImageEye(),
        face.mouth());
  }
}
