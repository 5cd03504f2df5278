package org.portraitperf.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.Rational;
import org.portraitperf.media.Resampling;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.media.VideoWriter;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;
import org.portraitperf.testing.TestMedia;

/**
 * Tracking throughput at 1080p, decode excluded, and per-call detector and landmark times.
 * Frames of a real clip are enlarged onto a 1920x1080 canvas (the face then spans about 1000 px,
 * as in a close-up) and held in memory so that only analysis is timed.
 *
 * <p>It also writes the enlarged frames once to {@code $TMPDIR/pp-bench-face-1080p.mp4}, so that
 * {@code pp analyse} can be timed end to end on the same 1080p footage.
 *
 * <p>Run: {@code scripts/bench face.TrackingBench [clip]}.
 */
public final class TrackingBench {
  private static final int WIDTH = 1920, HEIGHT = 1080, FRAMES = 150, ROUNDS = 3;

  public static void main(String[] args) {
    Path clip = args.length > 0 ? Path.of(args[0]) : TestMedia.driving("lp_d12.mp4");
    List<RgbImage> frames = new ArrayList<>();
    Rational rate;
    try (VideoReader reader = VideoReader.open(clip)) {
      rate = reader.info().frameRate();
      for (DecodedFrame f = reader.next(); f != null && frames.size() < FRAMES; f = reader.next()) {
        frames.add(onCanvas(f.image()));
      }
    }
    Path endToEnd = Path.of(System.getProperty("java.io.tmpdir"), "pp-bench-face-1080p.mp4");
    if (!Files.exists(endToEnd)) {
      try (VideoWriter writer = VideoWriter.open(endToEnd, VideoWriter.Options.of(VideoWriter.Format.H264_MP4, rate))) {
        frames.forEach(writer::write);
      }
    }
    System.out.println("1080p clip for end-to-end timing: " + endToEnd);
    ModelStore store = ModelStore.fromEnvironment();
    try (FaceAnalyzer analyzer = new FaceAnalyzer(store);
        BlazeFaceDetector detector = BlazeFaceDetector.open(store)) {
      LandmarkModel landmarks = DlibLandmarkModel.load(store.require(ModelFile.DLIB_LANDMARKS_68));
      double fps = 0;
      for (int round = 0; round < ROUNDS; round++) {
        FaceTracker tracker = analyzer.newTracker(FaceSelection.LARGEST, 25);
        long start = System.nanoTime();
        int tracked = 0;
        for (RgbImage frame : frames) {
          tracked += tracker.track(frame).tracked() ? 1 : 0;
        }
        fps = frames.size() / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "round %d: tracking %.1f fps at %dx%d (%d/%d tracked)%n",
            round, fps, WIDTH, HEIGHT, tracked, frames.size());
      }
      long start = System.nanoTime();
      Detection detection = null;
      for (RgbImage frame : frames.subList(0, 50)) {
        detection = detector.detect(frame).get(0);
      }
      double detectMs = (System.nanoTime() - start) / 1e6 / 50;
      Landmarks fitted = landmarks.fit(frames.get(0), detection);
      start = System.nanoTime();
      for (int i = 0; i < 500; i++) {
        fitted = landmarks.refit(frames.get(0), fitted);
      }
      double refitMs = (System.nanoTime() - start) / 1e6 / 500;
      System.out.printf(Locale.ROOT,
          "RESULT tracking %.1f fps; detection %.2f ms/frame; landmark refit %.2f ms/face (1080p, %d cores)%n",
          fps, detectMs, refitMs, Runtime.getRuntime().availableProcessors());
    }
  }

  /** The frame enlarged to the canvas height and centred on a black 1920x1080 canvas. */
  private static RgbImage onCanvas(RgbImage src) {
    RgbImage enlarged = Resampling.resize(src, Math.min(WIDTH, src.width() * HEIGHT / src.height()), HEIGHT);
    RgbImage canvas = RgbImage.blank(WIDTH, HEIGHT);
    int offset = (WIDTH - enlarged.width()) / 2;
    int row = enlarged.width() * 3;
    for (int y = 0; y < HEIGHT; y++) {
      System.arraycopy(enlarged.pixels(), y * row, canvas.pixels(), (y * WIDTH + offset) * 3, row);
    }
    return canvas;
  }
}
