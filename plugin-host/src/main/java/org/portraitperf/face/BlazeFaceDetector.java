package org.portraitperf.face;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.portraitperf.Onnx;
import org.portraitperf.media.RgbPixels;
import org.portraitperf.models.ModelException;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;

/**
 * MediaPipe's BlazeFace detectors (the "back" 256 and "front" 128 graphs) run by ONNX Runtime on
 * the CPU, with our own letterboxing, anchor decoding and weighted non-maximum suppression.
 *
 * <p>Strategy. Both graphs look at the whole frame, letterboxed to a square; each answers only
 * for the face sizes it handles well, and their answers are merged by one weighted suppression.
 * Measured on the test portraits and driving clips (face width as a fraction of the frame's
 * longer side): the back graph finds faces from about 4% (9 input pixels; a 200 px face in a
 * 4K frame is 13) up to about 65%, but above that it fires several times and reports boxes too
 * small (a face filling the frame comes back 0.65 wide); the front graph is accurate from about
 * 20% up to faces filling the frame, and misses faces below about 15%. So back-graph faces are kept
 * below {@link #BACK_MAX_WIDTH} and front-graph faces above {@link #FRONT_MIN_WIDTH}; in between
 * both agree within a few pixels and blend. The front graph costs little: its input is the back
 * graph's input averaged 2x2 (the same window, so still an exact area average), and it runs on an
 * input a quarter the size. Tiling was not needed: the smallest face the tests ask for (a 512 px
 * portrait pasted into 4K) is 16 input pixels wide, well inside the back graph's range.
 *
 * <p>Thread safety: {@link #detect} is synchronized, because each graph's input buffer and the
 * resampling scratch row are allocated once and rewritten on every call. Detection is rare in
 * the tracking loop (only when a face is lost), so serialising it costs nothing in practice;
 * callers that want parallel detection open one detector per thread.
 */
public final class BlazeFaceDetector implements FaceDetector {
  /**
   * Faces scoring below this are dropped. Across the test portraits and clips every face, at
   * every scale from 9 px to 90% of the frame, scored 0.78 or more; the highest score on a
   * non-face (a painting's folded hands) was 0.60.
   */
  public static final float SCORE_THRESHOLD = 0.7f;

  /** Widest face, as a fraction of the letterbox side, that the back graph is trusted with. */
  static final float BACK_MAX_WIDTH = 0.5f;

  /** Narrowest face, as a fraction of the letterbox side, that the front graph is trusted with. */
  static final float FRONT_MIN_WIDTH = 0.3f;

  /**
   * ONNX Runtime threads per graph run. The graphs are small (the pair runs in about 7 ms), and
   * on the 2-core reference machine, busy with decoding and rendering, a second thread only
   * added hand-off: BlazeFaceBench at 1080p gave a mean of 12-16 ms with one thread against
   * 18-25 ms (p95 36-51 ms) with two, at the same best case of 12 ms.
   */
  private static final int INTRA_OP_THREADS = 1;

  private final OrtSession.SessionOptions options;
  private final BlazeFaceModel back;
  private final BlazeFaceModel front;
  private final float[] row;
  private boolean closed;

  private BlazeFaceDetector(
      OrtSession.SessionOptions options, BlazeFaceModel back, BlazeFaceModel front) {
    this.options = options;
    this.back = back;
    this.front = front;
    this.row = new float[back.size() * 3];
  }

  /** Opens both graphs from the installed model store. */
  public static BlazeFaceDetector open(ModelStore store) {
    return open(store.require(ModelFile.BLAZEFACE_BACK), store.require(ModelFile.BLAZEFACE_FRONT));
  }

  /**
   * Opens the two graphs from explicit files.
   *
   * @param backModel face_detection_back_256x256_barracuda.onnx
   * @param frontModel face_detection_front_128x128_barracuda.onnx
   * @throws ModelException naming the file when it cannot be loaded or its signature is not
   *     the one this detector decodes
   */
  public static BlazeFaceDetector open(Path backModel, Path frontModel) {
    OrtEnvironment env = Onnx.environment();
    OrtSession.SessionOptions options = sessionOptions(backModel);
    BlazeFaceModel back = null;
    try {
      back = BlazeFaceModel.open(env, options, backModel, 256);
      BlazeFaceModel front = BlazeFaceModel.open(env, options, frontModel, 128);
      return new BlazeFaceDetector(options, back, front);
    } catch (RuntimeException e) {
      if (back != null) {
        back.close();
      }
      options.close();
      throw e;
    }
  }

  /**
   * ONNX Runtime's version, the execution providers its build lists, and whether CUDA really
   * loads: the list alone is no proof, so a throwaway session option asks for it.
   */
  static List<String> runtimeReport() {
    OrtEnvironment env = Onnx.environment();
    List<String> lines = new ArrayList<>();
    lines.add("ONNX Runtime " + env.getVersion() + ", providers built in: " + OrtEnvironment.getAvailableProviders());
    lines.add(Onnx.cudaUnavailable()
        .map(why -> "  CUDA         not usable here (" + why + "); face analysis runs on the CPU")
        .orElse("  CUDA         usable (device 0)"));
    return lines;
  }

  private static OrtSession.SessionOptions sessionOptions(Path model) {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(INTRA_OP_THREADS);
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      return options;
    } catch (OrtException e) {
      options.close();
      throw new ModelException(
          model.getFileName().toString(), "cannot set ONNX Runtime options (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public synchronized List<Detection> detect(RgbPixels image) {
    if (closed) {
      throw new IllegalStateException("BlazeFaceDetector is closed");
    }
    BlazeFaceLetterbox letterbox = BlazeFaceLetterbox.whole(image.width(), image.height(), back.size());
    letterbox.resample(image, back.input(), row);
    halve(back.input(), back.size(), front.input());

    List<BlazeFaceDecoder.Candidate> candidates = new ArrayList<>();
    for (BlazeFaceDecoder.Candidate c : back.run(SCORE_THRESHOLD)) {
      if (c.geometry()[2] < BACK_MAX_WIDTH) {
        candidates.add(c);
      }
    }
    for (BlazeFaceDecoder.Candidate c : front.run(SCORE_THRESHOLD)) {
      if (c.geometry()[2] >= FRONT_MIN_WIDTH) {
        candidates.add(c);
      }
    }
    List<Detection> faces = new ArrayList<>();
    for (BlazeFaceDecoder.Candidate face : BlazeFaceDecoder.suppress(candidates)) {
      faces.add(toDetection(face, letterbox));
    }
    return faces;
  }

  /** 2x2 mean of a [size][size][3] input into a [size/2][size/2][3] one. */
  private static void halve(FloatBuffer in, int size, FloatBuffer out) {
    int half = size / 2;
    int inRow = size * 3;
    for (int y = 0; y < half; y++) {
      for (int x = 0; x < half; x++) {
        int a = (2 * y) * inRow + (2 * x) * 3;
        int b = a + inRow;
        for (int c = 0; c < 3; c++) {
          float sum = in.get(a + c) + in.get(a + 3 + c) + in.get(b + c) + in.get(b + 3 + c);
          out.put((y * half + x) * 3 + c, sum / 4);
        }
      }
    }
  }

  private static Detection toDetection(BlazeFaceDecoder.Candidate face, BlazeFaceLetterbox letterbox) {
    float[] g = face.geometry();
    float[] keypoints = new float[12];
    for (int k = 0; k < 12; k += 2) {
      keypoints[k] = letterbox.imageX(g[4 + k]);
      keypoints[k + 1] = letterbox.imageY(g[5 + k]);
    }
    return new Detection(
        letterbox.imageX(face.left()),
        letterbox.imageY(face.top()),
        letterbox.imageLength(g[2]),
        letterbox.imageLength(g[3]),
        face.score(),
        keypoints);
  }

  /** Releases both sessions, then their options. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    back.close();
    front.close();
    options.close();
  }
}
