package org.portraitperf.engine.neural;

import com.google.inject.Guice;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.portraitperf.AtomicFiles;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.VideoDrivingSource;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceModule;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.FaceTracker;
import org.portraitperf.media.DecodedFrame;
import org.portraitperf.media.Images;
import org.portraitperf.media.Resampling;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.models.ModelPacks;
import org.portraitperf.models.ModelStore;
import org.portraitperf.models.ModelsModule;
import org.portraitperf.models.PackProgress;
import org.portraitperf.testing.LivePortraitTestPack;
import org.portraitperf.testing.TestMedia;

/**
 * The neural engine's own per-frame cost at 1080p, everything but the networks: the driving crop
 * and its 256x256 input, the keypoint math with retargeting composition (the stitching network, a
 * 126x65 layer, is counted here too), and paste-back with colour matching and the output layout.
 * The networks are the generated test pack's (see {@link LivePortraitTestPack}), timed alongside
 * only to show they are excluded. Face tracking of the driving clip is the face package's cost and
 * is done up front.
 *
 * <p>Portrait: {@code lp_s42.jpg} resized to 1080x1080 and centred on a 1920x1080 canvas; driving:
 * the tracked frames of {@code lp_d12.mp4}; one thread; a warm-up pass, then a timed pass.
 *
 * <p>Run: {@code scripts/bench engine.neural.NeuralBench [frames]}.
 */
public final class NeuralBench {
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    Path work = Files.createTempDirectory("pp-neural-bench");
    try {
      run(count, work);
    } finally {
      AtomicFiles.discard(work);
    }
  }

  private record Driving(RgbImage image, FaceObservation face) {}

  private static void run(int count, Path work) throws Exception {
    LivePortraitTestPack generated = LivePortraitTestPack.write(work.resolve("published"));
    ModelPacks packs = Guice.createInjector(binder -> binder.bind(ModelStore.class)
        .toInstance(new ModelStore(work.resolve("models")))).getInstance(ModelPacks.class);
    packs.install(generated.manifest("bench", URI.create("https://unreachable.invalid/")),
        Optional.of(generated.folder()), PackProgress.SILENT);
    FaceAnalyzer analyzer = Guice.createInjector(new ModelsModule(), new FaceModule()).getInstance(FaceAnalyzer.class);
    List<Driving> frames = track(analyzer, count);
    RgbImage canvas = onCanvas(TestMedia.image("portraits/lp_s42.jpg"), 1920, 1080);
    NeuralOptions cpu = new NeuralOptions(true, false, false, true, false);
    try (VideoDrivingSource source = VideoDrivingSource.of(VideoReader.open(TestMedia.driving("lp_d12.mp4")));
        NeuralSession session = NeuralSession.open(analyzer, new SharedNets(), packs.verified(LivePortraitTestPack.FORMAT).orElseThrow(),
            cpu, canvas, "canvas", source, EngineSettings.DEFAULTS)) {
      long[][] times = null;
      RgbaImage last = null;
      for (int pass = 0; pass < 2; pass++) {
        times = new long[5][frames.size()];
        for (int i = 0; i < frames.size(); i++) {
          Driving d = frames.get(i);
          long t0 = System.nanoTime();
          float[] input = NeuralSession.drivingInput(d.image(), d.face());
          long t1 = System.nanoTime();
          Motion motion = session.motion(input);
          long t2 = System.nanoTime();
          float[] keypoints = session.drivenKeypoints(motion, d.face());
          long t3 = System.nanoTime();
          float[] crop = session.generate(keypoints);
          long t4 = System.nanoTime();
          last = session.compose(crop);
          long t5 = System.nanoTime();
          times[0][i] = t1 - t0;
          times[1][i] = t3 - t2;
          times[2][i] = t5 - t4;
          times[3][i] = (t1 - t0) + (t3 - t2) + (t5 - t4);
          times[4][i] = (t2 - t1) + (t4 - t3);
        }
      }
      String[] names = {"driving crop to 256x256 input", "keypoint math + stitching", "paste-back + colour match + layout",
          "engine overhead (sum)", "networks (generated test pack)"};
      for (int s = 0; s < names.length; s++) {
        long[] sorted = times[s].clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "RESULT neural 1920x1080 %-36s median %.2f ms, min %.2f ms, p90 %.2f ms%n",
            names[s], sorted[sorted.length / 2] / 1e6, sorted[0] / 1e6, sorted[sorted.length * 9 / 10] / 1e6);
      }
      Path picture = Path.of(System.getProperty("java.io.tmpdir"), "pp-neural-bench-frame.png");
      Images.write(picture, last.rgb());
      System.out.println("last frame written to " + picture + " (" + frames.size() + " frames per pass, one thread, "
          + session.pastedPixels() + " portrait pixels under the mask)");
    } finally {
      analyzer.close();
    }
  }

  private static List<Driving> track(FaceAnalyzer analyzer, int count) {
    List<Driving> frames = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(TestMedia.driving("lp_d12.mp4"))) {
      FaceTracker tracker = analyzer.newTracker(FaceSelection.LARGEST, reader.info().frameRate().toDouble());
      for (DecodedFrame f = reader.next(); f != null && frames.size() < count; f = reader.next()) {
        RgbImage image = f.image();
        tracker.track(image).face().ifPresent(face -> frames.add(new Driving(image, face)));
      }
    }
    return frames;
  }

  /** The picture resized to the canvas height and centred on black. */
  private static RgbImage onCanvas(RgbImage image, int width, int height) {
    RgbImage scaled = Resampling.resize(image, image.width() * height / image.height(), height);
    RgbImage out = RgbImage.blank(width, height);
    int left = (width - scaled.width()) / 2;
    for (int y = 0; y < height; y++) {
      System.arraycopy(scaled.pixels(), y * scaled.width() * 3, out.pixels(), (y * width + left) * 3, scaled.width() * 3);
    }
    return out;
  }
}
