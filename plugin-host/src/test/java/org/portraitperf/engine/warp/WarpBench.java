package org.portraitperf.engine.warp;

import com.google.inject.Guice;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceModule;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.FaceTracker;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.models.ModelsModule;
import org.portraitperf.testing.Canvas;
import org.portraitperf.testing.TestMedia;

/**
 * Render cost of the warp engine alone (no decoding, tracking or encoding) at 720p, 1080p and 4K
 * portrait sizes: {@code lp_s42.jpg} enlarged to the frame's height and centred on a canvas of that
 * size, driven by the tracked frames of {@code lp_d12.mp4} with default settings (detail on).
 *
 * <p>Run: {@code scripts/bench engine.warp.WarpBench [frames] [height]}, e.g. {@code 120 1080} for 1080p only.
 */
public final class WarpBench {
  private static final int[][] SIZES = {{1280, 720}, {1920, 1080}, {3840, 2160}};

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 120;
    FaceAnalyzer analyzer = Guice.createInjector(new ModelsModule(), new FaceModule()).getInstance(FaceAnalyzer.class);
    List<DrivingFrame> driving = track(analyzer, count);
    RgbImage portrait = TestMedia.image("portraits/lp_s42.jpg");
    int only = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    for (int[] size : SIZES) {
      if (only != 0 && size[1] != only) {
        continue;
      }
      RgbImage canvas = Canvas.centred(portrait, size[0], size[1]);
      WarpAnimator animator = WarpAnimator.prepare(canvas, analyzer.analyse(canvas, FaceSelection.LARGEST, "canvas"));
      for (DrivingFrame frame : driving) {
        animator.render(frame, EngineSettings.DEFAULTS); // warm-up
      }
      // Thread CPU time, not wall time: the build machine is shared, and a frame preempted by another
      // process would otherwise count that process's work.
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      double[] ms = new double[driving.size()];
      for (int i = 0; i < ms.length; i++) {
        long start = threads.getCurrentThreadCpuTime();
        animator.render(driving.get(i), EngineSettings.DEFAULTS);
        ms[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
      }
      double mean = Arrays.stream(ms).average().orElseThrow();
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "RESULT warp render %dx%d: median %.1f ms/frame, min %.1f, mean %.1f (%.1f fps);"
          + " one thread's CPU time, %d frames%n", size[0], size[1], ms[ms.length / 2], ms[0], mean, 1000 / mean,
          ms.length);
    }
    analyzer.close();
  }

  private static List<DrivingFrame> track(FaceAnalyzer analyzer, int count) {
    List<DrivingFrame> frames = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(TestMedia.driving("lp_d12.mp4"))) {
      FaceTracker tracker = analyzer.newTracker(FaceSelection.LARGEST, reader.info().frameRate().toDouble());
      FaceObservation reference = null;
      RgbImage referenceImage = null;
      FaceObservation last = null;
      for (DecodedFrame f = reader.next(); f != null && frames.size() < count; f = reader.next()) {
        last = tracker.track(f.image()).face().orElse(last);
        if (last == null) {
          continue;
        }
        if (reference == null) {
          reference = last;
          referenceImage = f.image();
        }
        frames.add(new DrivingFrame(f.image(), last, reference, referenceImage));
      }
    }
    return frames;
  }
}
