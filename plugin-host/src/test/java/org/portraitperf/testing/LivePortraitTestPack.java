package org.portraitperf.testing;

import static org.portraitperf.testing.OnnxGraph.i;
import static org.portraitperf.testing.OnnxGraph.ints;
import static org.portraitperf.testing.OnnxGraph.s;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portraitperf.models.Checksums;
import org.portraitperf.models.PackFile;
import org.portraitperf.models.PackManifest;
import org.portraitperf.models.TensorSignature;

/**
 * A LivePortrait-shaped model pack made of tiny graphs with exactly the real pack's tensor names,
 * shapes and types (see the committed {@code liveportrait-onnx-human} manifest), whose outputs
 * depend on their inputs in ways tests can predict:
 *
 * <ul>
 *   <li>appearance: the image at 64x64 (linear resize), each of the 512 channels a copy of one colour
 *       (channel k holds colour k mod 3), reshaped to the 32x16x64x64 volume;
 *   <li>motion: from the image's mean colour (r, g, b): yaw about 30 (r - 0.5) degrees, pitch about
 *       30 (g - 0.5), roll 0, as 66-bin logits of a bell around the bin; exp = 0.02 (r+g+b) sin(j);
 *       scale 1 + 0.1 g; t = (0.05 b, 0, 0); kp a fixed layout of 21 points;
 *   <li>warping: colours 0-2 of the volume averaged over depth, upsampled to 512x512, brightened by
 *       twice the mean |kp_driving - kp_source|, clipped to [0, 1]: the output is the source crop,
 *       softened, and changes with the motion;
 *   <li>stitching: delta = 0.1 (x_s - x_d) on the 63 keypoint values, 0 on the 2 translation ones;
 *   <li>eye and lip retargeting: each keypoint's y moves by 0.05 (c_driving - c_source).
 * </ul>
 */
public final class LivePortraitTestPack {
  public static final int OPSET = 16;
  public static final String FORMAT = "liveportrait-onnx";

  /** Role, file name, graph: in the committed manifest's order. */
  private record Entry(String role, String name, OnnxGraph graph) {}

  private final Path folder;
  private final Map<String, Path> files;

  private LivePortraitTestPack(Path folder, Map<String, Path> files) {
    this.folder = folder;
    this.files = files;
  }

  /** Writes the six graphs into {@code folder}. */
  public static LivePortraitTestPack write(Path folder) throws IOException {
    Files.createDirectories(folder);
    Map<String, Path> files = new LinkedHashMap<>();
    for (Entry entry : entries(21)) {
      files.put(entry.role(), entry.graph().write(folder.resolve(entry.name()), OPSET));
    }
    return new LivePortraitTestPack(folder, files);
  }

  /** A motion extractor whose {@code kp} output has 62 values instead of 63. */
  public static Path writeMotionWithShortKeypoints(Path file) throws IOException {
    return motion(62).write(file, OPSET);
  }

  public Path folder() {
    return folder;
  }

  /** The file playing {@code role}. */
  public Path file(String role) {
    return files.get(role);
  }

  /**
   * The pack's manifest, with URLs under {@code baseUrl} and the files' real SHA-256 and sizes.
   *
   * @param baseUrl ends with '/'; the file name is appended
   */
  public PackManifest manifest(String id, URI baseUrl) throws IOException {
    List<PackFile> entries = new ArrayList<>();
    for (Entry entry : entries(21)) {
      Path file = files.get(entry.role());
      entries.add(new PackFile(entry.role(), entry.name(), baseUrl.resolve(entry.name()), Files.size(file),
          Checksums.sha256(file), signature(entry.role(), true), signature(entry.role(), false)));
    }
    return new PackManifest(id, "1", FORMAT, "generated LivePortrait-shaped test pack", "test material", false, entries);
  }

  private static List<TensorSignature> signature(String role, boolean inputs) {
    return switch (role) {
      case "appearance" -> inputs ? List.of(f("img", 1, 3, 256, 256)) : List.of(f("output", 1, 32, 16, 64, 64));
      case "motion" -> inputs ? List.of(f("img", 1, 3, 256, 256)) : List.of(f("pitch", 1, 66), f("yaw", 1, 66),
          f("roll", 1, 66), f("t", 1, 3), f("exp", 1, 63), f("scale", 1, 1), f("kp", 1, 63));
      case "warping" -> inputs
          ? List.of(f("feature_3d", 1, 32, 16, 64, 64), f("kp_driving", 1, 21, 3), f("kp_source", 1, 21, 3))
          : List.of(f("out", 1, 3, 512, 512));
      case "stitching" -> List.of(inputs ? f("input", 1, 126) : f("output", 1, 65));
      case "eye-retargeting" -> List.of(inputs ? f("input", 1, 66) : f("output", 1, 63));
      case "lip-retargeting" -> List.of(inputs ? f("input", 1, 65) : f("output", 1, 63));
      default -> throw new IllegalArgumentException(role);
    };
  }

  private static TensorSignature f(String name, long... shape) {
    List<Long> dims = new ArrayList<>();
    for (long d : shape) {
      dims.add(d);
    }
    return new TensorSignature(name, "float32", dims);
  }

  private static List<Entry> entries(int keypoints) {
    return List.of(
        new Entry("appearance", "appearance_feature_extractor.onnx", appearance()),
        new Entry("motion", "motion_extractor.onnx", motion(keypoints * 3)),
        new Entry("warping", "warping_spade.onnx", warping()),
        new Entry("stitching", "stitching.onnx", stitching()),
        new Entry("eye-retargeting", "stitching_eye.onnx", retargeting(66)),
        new Entry("lip-retargeting", "stitching_lip.onnx", retargeting(65)));
  }

  private static OnnxGraph appearance() {
    float[] weights = new float[512 * 3];
    for (int k = 0; k < 512; k++) {
      weights[k * 3 + k % 3] = 1;
    }
    return new OnnxGraph("appearance")
        .input("img", 1, 3, 256, 256)
        .output("output", 1, 32, 16, 64, 64)
        .floats("quarter", new long[] {4}, new float[] {1, 1, 0.25f, 0.25f})
        .floats("colours", new long[] {512, 3, 1, 1}, weights)
        .longs("volume", 1, 32, 16, 64, 64)
        .node("Resize", List.of("img", "", "quarter"), List.of("small"), s("mode", "linear"))
        .node("Conv", List.of("small", "colours"), List.of("planes"))
        .node("Reshape", List.of("planes", "volume"), List.of("output"));
  }

  private static OnnxGraph motion(int keypointValues) {
    OnnxGraph g = new OnnxGraph("motion")
        .input("img", 1, 3, 256, 256)
        .node("ReduceMean", List.of("img"), List.of("rgb"), ints("axes", 2, 3), i("keepdims", 0));
    // A bell of width 2 bins centred at 32.5 + 10 (c - 0.5) for colour c: its expectation in
    // degrees is 3 x centre - 97.5 = 30 (c - 0.5). The quadratic's constant term cancels in softmax.
    float[] pitchW = new float[3 * 66];
    float[] yawW = new float[3 * 66];
    float[] bell = new float[66];
    for (int b = 0; b < 66; b++) {
      bell[b] = (-b * b + 65f * b - 10f * b) / 8f;
      pitchW[66 + b] = 10f * b / 4f;
      yawW[b] = 10f * b / 4f;
    }
    float[] expW = new float[3 * 63];
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 63; j++) {
        expW[c * 63 + j] = (float) (0.02 * Math.sin(j));
      }
    }
    float[] kp = new float[keypointValues];
    for (int k = 0; k < keypointValues / 3; k++) {
      double angle = 2 * Math.PI * k / 21;
      kp[3 * k] = (float) (0.4 * Math.cos(angle));
      kp[3 * k + 1] = (float) (0.5 * Math.sin(angle));
      kp[3 * k + 2] = (float) (0.05 * Math.cos(3 * k));
    }
    float[] scaleW = {0, 0.1f, 0};
    float[] tW = new float[9];
    tW[2 * 3] = 0.05f;
    linear(g, "pitch", 66, pitchW, bell);
    linear(g, "yaw", 66, yawW, bell);
    linear(g, "roll", 66, new float[3 * 66], bell);
    linear(g, "t", 3, tW, new float[3]);
    linear(g, "exp", 63, expW, new float[63]);
    linear(g, "scale", 1, scaleW, new float[] {1});
    linear(g, "kp", keypointValues, new float[3 * keypointValues], kp);
    return g;
  }

  /** {@code name = rgb W + bias}, a [1, n] output. */
  private static void linear(OnnxGraph g, String name, int n, float[] weights, float[] bias) {
    g.floats(name + "_w", new long[] {3, n}, weights)
        .floats(name + "_b", new long[] {n}, bias)
        .node("MatMul", List.of("rgb", name + "_w"), List.of(name + "_m"))
        .node("Add", List.of(name + "_m", name + "_b"), List.of(name))
        .output(name, 1, n);
  }

  private static OnnxGraph warping() {
    return new OnnxGraph("warping")
        .input("feature_3d", 1, 32, 16, 64, 64)
        .input("kp_driving", 1, 21, 3)
        .input("kp_source", 1, 21, 3)
        .output("out", 1, 3, 512, 512)
        .longs("zero", 0)
        .longs("three", 3)
        .longs("channel_axis", 1)
        .longs("one_by_one", 1, 1, 1, 1)
        .floats("eightfold", new long[] {4}, new float[] {1, 1, 8, 8})
        .floats("gain", new long[] {1}, new float[] {2})
        .floats("lo", new long[] {}, new float[] {0})
        .floats("hi", new long[] {}, new float[] {1})
        .node("Slice", List.of("feature_3d", "zero", "three", "channel_axis"), List.of("colours"))
        .node("ReduceMean", List.of("colours"), List.of("flat"), ints("axes", 2), i("keepdims", 0))
        .node("Resize", List.of("flat", "", "eightfold"), List.of("large"), s("mode", "linear"))
        .node("Sub", List.of("kp_driving", "kp_source"), List.of("motion"))
        .node("Abs", List.of("motion"), List.of("amount"))
        .node("ReduceMean", List.of("amount"), List.of("mean_amount"), i("keepdims", 1))
        .node("Reshape", List.of("mean_amount", "one_by_one"), List.of("lift_1"))
        .node("Mul", List.of("lift_1", "gain"), List.of("lift"))
        .node("Add", List.of("large", "lift"), List.of("lifted"))
        .node("Clip", List.of("lifted", "lo", "hi"), List.of("out"));
  }

  private static OnnxGraph stitching() {
    float[] w = new float[126 * 65];
    for (int j = 0; j < 63; j++) {
      w[j * 65 + j] = 0.1f;
      w[(63 + j) * 65 + j] = -0.1f;
    }
    return matMul("stitching", 126, 65, w);
  }

  /**
   * Retargeting: input [x_s (63), source condition(s), driving condition], each keypoint's y moved
   * by 0.05 (driving - first source condition).
   */
  private static OnnxGraph retargeting(int in) {
    int out = 63;
    float[] w = new float[in * out];
    for (int k = 0; k < 21; k++) {
      int y = 3 * k + 1;
      w[(in - 1) * out + y] = 0.05f;
      w[63 * out + y] = -0.05f;
    }
    return matMul("retargeting", in, out, w);
  }

  private static OnnxGraph matMul(String name, int in, int out, float[] weights) {
    return new OnnxGraph(name)
        .input("input", 1, in)
        .output("output", 1, out)
        .floats("w", new long[] {in, out}, weights)
        .node("MatMul", List.of("input", "w"), List.of("output"));
  }
}
