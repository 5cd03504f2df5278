package org.portraitperf.face;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.portraitperf.media.RgbImage;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;

/**
 * Per-frame cost of {@link BlazeFaceDetector#detect} on a 1080p and a 4K frame (letterbox,
 * area-average resample, both graphs, decoding, suppression), and of the resample alone.
 *
 * <p>Run: {@code mvn -q -B -o test-compile} then {@code java -cp <test classpath>
 * org.portraitperf.face.BlazeFaceBench [runs]}. The frames are the group photo (four ~200 px
 * faces) cropped to 1920x1080, and that crop pasted into a grey 3840x2160 frame.
 */
public final class BlazeFaceBench {
  private static final int WARM_UP = 30;

  private BlazeFaceBench() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    ModelStore store = ModelStore.fromEnvironment();
    printSignatures(store);

    RgbImage group = BlazeFaceTestImages.portrait("faceapi_sample6.jpg");
    RgbImage hd = new RgbImage(1920, 1080, Arrays.copyOf(group.pixels(), 1920 * 1080 * 3));
    RgbImage uhd = BlazeFaceTestImages.pasted(hd, 3840, 2160, 960, 540);

    try (BlazeFaceDetector detector = BlazeFaceDetector.open(store)) {
      for (RgbImage frame : new RgbImage[] {hd, uhd}) {
        String label = frame.width() + "x" + frame.height();
        System.out.printf("%s: %d faces%n", label, detector.detect(frame).size());
        report(label + " detect  ", runs, () -> detector.detect(frame));
        BlazeFaceLetterbox box = BlazeFaceLetterbox.whole(frame.width(), frame.height(), 256);
        FloatBuffer input =
            ByteBuffer.allocateDirect(256 * 256 * 3 * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        float[] row = new float[256 * 3];
        report(label + " resample", runs, () -> box.resample(frame, input, row));
      }
    }
  }

  private static void printSignatures(ModelStore store) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      for (ModelFile file : new ModelFile[] {ModelFile.BLAZEFACE_BACK, ModelFile.BLAZEFACE_FRONT}) {
        int size = file == ModelFile.BLAZEFACE_BACK ? 256 : 128;
        try (BlazeFaceModel model =
            BlazeFaceModel.open(OrtEnvironment.getEnvironment(), options, store.require(file), size)) {
          System.out.println(model.name() + ": " + model.signature());
        }
      }
    }
  }

  private static void report(String label, int runs, Runnable work) {
    for (int i = 0; i < WARM_UP; i++) {
      work.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.run();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    double mean = Arrays.stream(ms).average().orElseThrow();
    System.out.printf(
        "%s over %d runs: mean %.2f ms, median %.2f, p95 %.2f, min %.2f, max %.2f%n",
        label, runs, mean, ms[runs / 2], ms[(int) (runs * 0.95)], ms[0], ms[runs - 1]);
  }
}
