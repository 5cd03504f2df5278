package org.portraitperf.face;

import org.portraitperf.media.RgbImage;
import org.portraitperf.testing.TestMedia;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;

/**
 * Times loading the 68-point model and predicting one face, single-threaded, on a real portrait,
 * in batches of 1000 faces after a warm-up.
 * Run after {@code mvn -o -q test-compile} from plugin-host:
 *
 * <pre>
 *   java -cp target/classes:target/test-classes -Dpp.testdata=../../shared/testdata \
 *       org.portraitperf.face.ShapePredictorBench [portraits/lp_s42.jpg]
 * </pre>
 */
public final class ShapePredictorBench {
  private static final int LOADS = 3, WARM_UP = 3_000, BATCHES = 5, RUNS = 1_000;

  private ShapePredictorBench() {}

  public static void main(String[] args) {
    String picture = args.length > 0 ? args[0] : "portraits/lp_s42.jpg";
    Path modelFile = ModelStore.fromEnvironment().require(ModelFile.DLIB_LANDMARKS_68);

    DlibLandmarkModel model = null;
    for (int i = 1; i <= LOADS; i++) {
      long start = System.nanoTime();
      model = DlibLandmarkModel.load(modelFile);
      System.out.printf("load %d: %.0f ms%s%n", i, millis(System.nanoTime() - start), i == 1 ? " (cold JVM)" : "");
    }

    RgbImage image = TestMedia.image(picture);
    // Start from the face's settled landmarks, as tracking does from frame to frame.
    Landmarks landmarks = model.predict(image, DlibBox.square(image.width() / 2f, image.height() / 2f, image.width() / 2f));
    for (int i = 0; i < 10; i++) {
      landmarks = model.refit(image, landmarks);
    }
    float[] eyes = landmarks.mean(36, 47);
    System.out.printf("%s %dx%d, face centred near (%.0f, %.0f)%n", picture, image.width(), image.height(), eyes[0], eyes[1]);

    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    float checksum = 0;
    for (int i = 0; i < WARM_UP; i++) {
      checksum += model.refit(image, landmarks).x(30);
    }
    // Wall time suffers when other processes share the cores; this thread's CPU time much less so.
    for (int batch = 1; batch <= BATCHES; batch++) {
      long wallStart = System.nanoTime(), cpuStart = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < RUNS; i++) {
        checksum += model.refit(image, landmarks).x(30);
      }
      double wall = millis(System.nanoTime() - wallStart) / RUNS;
      double busy = millis(cpu.getCurrentThreadCpuTime() - cpuStart) / RUNS;
      System.out.printf("refit (box fit + %d-stage cascade), batch %d: %.3f ms wall, %.3f ms CPU per face (mean of %d)%n",
          model.model().cascadeCount(), batch, wall, busy, RUNS);
    }
    // Printed so that the JIT cannot drop the loops as dead code.
    System.out.printf("(checksum %.1f)%n", checksum);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
