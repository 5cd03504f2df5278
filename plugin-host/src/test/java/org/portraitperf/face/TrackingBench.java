package org.portraitperf.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.Rational;
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

  /** The frame enlarged (bilinear) to the canvas height and centred on a black 1920x1080 canvas. */
  private static RgbImage onCanvas(RgbImage src) {
    RgbImage canvas = RgbImage.blank(WIDTH, HEIGHT);
    int size = HEIGHT;
    int w = Math.min(WIDTH, src.width() * size / src.height());
    int offset = (WIDTH - w) / 2;
    byte[] in = src.pixels(), out = canvas.pixels();
    for (int y = 0; y < size; y++) {
      double sy = Math.min(src.height() - 1.001, (y + 0.5) * src.height() / size - 0.5);
      int y0 = (int) Math.max(0, sy);
      double fy = sy - y0;
      for (int x = 0; x < w; x++) {
        double sx = Math.min(src.width() - 1.001, (x + 0.5) * src.width() / w - 0.5);
        int x0 = (int) Math.max(0, sx);
        double fx = sx - x0;
        for (int c = 0; c < 3; c++) {
          double top = (1 - fx) * (in[(y0 * src.width() + x0) * 3 + c] & 0xff) + fx * (in[(y0 * src.width() + x0 + 1) * 3 + c] & 0xff);
          double bottom = (1 - fx) * (in[((y0 + 1) * src.width() + x0) * 3 + c] & 0xff) + fx * (in[((y0 + 1) * src.width() + x0 + 1) * 3 + c] & 0xff);
          out[(y * WIDTH + offset + x) * 3 + c] = (byte) Math.round((1 - fy) * top + fy * bottom);
        }
      }
    }
    return canvas;
  }
}
