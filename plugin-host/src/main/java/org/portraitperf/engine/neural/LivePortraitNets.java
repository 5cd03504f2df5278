package org.portraitperf.engine.neural;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portraitperf.Onnx;
import org.portraitperf.models.DeclaredTensor;
import org.portraitperf.models.InstalledPack;
import org.portraitperf.models.ModelException;
import org.portraitperf.models.TensorSignature;

/**
 * The six LivePortrait networks of one pack, loaded into ONNX Runtime, every tensor bound by name.
 * At load each graph's declared inputs and outputs are checked against what this engine binds
 * (the contract's names, types and shapes), so a wrong pack fails at once naming the tensor.
 *
 * <p>Execution providers: TensorRT (with CUDA) first, then CUDA, then the CPU, tried per network;
 * a provider counts only once a session was really created with it. The warping network holds two
 * 5-D GridSample nodes that some CUDA providers reject at run time ("Only 4-D tensor is
 * supported"), so on a GPU it runs once at load and falls back to the CPU if that run fails.
 *
 * <p>Thread-safe: ONNX Runtime sessions may run concurrently; nothing here is mutable after load.
 */
final class LivePortraitNets implements AutoCloseable {
  static final String APPEARANCE = "appearance";
  static final String MOTION = "motion";
  static final String WARPING = "warping";
  static final String STITCHING = "stitching";
  static final String EYE = "eye-retargeting";
  static final String LIP = "lip-retargeting";

  /** What the engine binds, by role: inputs, then outputs (contract §1.2). */
  private static final Map<String, List<List<TensorSignature>>> CONTRACT = Map.of(
      APPEARANCE, List.of(List.of(f("img", 1, 3, 256, 256)), List.of(f("output", 1, 32, 16, 64, 64))),
      MOTION, List.of(List.of(f("img", 1, 3, 256, 256)), List.of(f("pitch", 1, 66), f("yaw", 1, 66),
          f("roll", 1, 66), f("t", 1, 3), f("exp", 1, 63), f("scale", 1, 1), f("kp", 1, 63))),
      WARPING, List.of(List.of(f("feature_3d", 1, 32, 16, 64, 64), f("kp_driving", 1, 21, 3),
          f("kp_source", 1, 21, 3)), List.of(f("out", 1, 3, 512, 512))),
      STITCHING, List.of(List.of(f("input", 1, Stitching.STITCH_IN)), List.of(f("output", 1, Stitching.STITCH_OUT))),
      EYE, List.of(List.of(f("input", 1, Stitching.EYE_IN)), List.of(f("output", 1, Keypoints.VALUES))),
      LIP, List.of(List.of(f("input", 1, Stitching.LIP_IN)), List.of(f("output", 1, Keypoints.VALUES))));

  static final List<String> ROLES = List.of(APPEARANCE, MOTION, WARPING, STITCHING, EYE, LIP);
  static final int INPUT_SIDE = 256;
  static final int OUTPUT_SIDE = 512;
  static final int FEATURE_VALUES = 32 * 16 * 64 * 64;

  private enum Provider { TENSORRT, CUDA, CPU }

  /** One loaded network; its options must outlive its session. */
  private record Net(String role, OrtSession session, OrtSession.SessionOptions options, Provider provider,
      String note) {}

  private final OrtEnvironment env;
  private final Map<String, Net> nets;

  private LivePortraitNets(OrtEnvironment env, Map<String, Net> nets) {
    this.env = env;
    this.nets = nets;
  }

  /**
   * Loads every network of a verified pack.
   *
   * @param gpu whether to try the GPU providers at all
   * @throws ModelException naming the pack's file when it cannot be loaded or a tensor does not match
   */
  static LivePortraitNets load(InstalledPack pack, boolean gpu) {
    OrtEnvironment env = Onnx.environment();
    Map<String, Net> nets = new LinkedHashMap<>();
    try {
      for (String role : ROLES) {
        Path file = pack.path(role);
        String subject = pack.manifest().id() + "/" + file.getFileName();
        Net net = open(env, role, file, subject, gpu ? List.of(Provider.TENSORRT, Provider.CUDA, Provider.CPU)
            : List.of(Provider.CPU));
        nets.put(role, net);
        checkSignature(net, subject);
      }
      LivePortraitNets loaded = new LivePortraitNets(env, nets);
      loaded.requireWarpingRuns(pack);
      return loaded;
    } catch (RuntimeException e) {
      nets.values().forEach(LivePortraitNets::close);
      throw e;
    }
  }

  private static Net open(OrtEnvironment env, String role, Path file, String subject, List<Provider> providers) {
    List<String> refused = new ArrayList<>();
    for (Provider provider : providers) {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      try {
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (provider == Provider.TENSORRT) {
          options.addTensorrt(0);
        }
        if (provider != Provider.CPU) {
          options.addCUDA(0);
        }
        OrtSession session = env.createSession(file.toString(), options);
        String note = refused.isEmpty() ? "" : " (" + String.join("; ", refused) + ")";
        return new Net(role, session, options, provider, note);
      } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
        options.close();
        if (provider == Provider.CPU) {
          throw new ModelException(subject, "cannot be loaded by ONNX Runtime: " + e.getMessage(), e);
        }
        refused.add(provider.name() + " refused: " + firstLine(e.getMessage()));
      }
    }
    throw new IllegalStateException("the CPU provider is always tried last");
  }

  private static void checkSignature(Net net, String subject) {
    List<List<TensorSignature>> contract = CONTRACT.get(net.role());
    try {
      Optional<String> problem = TensorSignature.firstMismatch(contract.get(0), declared(net.session().getInputInfo()), "input");
      if (problem.isEmpty()) {
        problem = TensorSignature.firstMismatch(contract.get(1), declared(net.session().getOutputInfo()), "output");
      }
      if (problem.isPresent()) {
        throw new ModelException(subject, "does not fit the LivePortrait contract: " + problem.get());
      }
    } catch (OrtException e) {
      throw new ModelException(subject, "cannot be inspected: " + e.getMessage(), e);
    }
  }

  private static Map<String, DeclaredTensor> declared(Map<String, NodeInfo> infos) {
    Map<String, DeclaredTensor> out = new LinkedHashMap<>();
    infos.forEach((name, info) -> {
      if (info.getInfo() instanceof TensorInfo tensor) {
        out.put(name, new DeclaredTensor(typeName(tensor.type), tensor.getShape()));
      } else {
        out.put(name, new DeclaredTensor("undefined", new long[0]));
      }
    });
    return out;
  }

  private static String typeName(OnnxJavaType type) {
    return switch (type) {
      case FLOAT -> "float32";
      case DOUBLE -> "float64";
      case FLOAT16 -> "float16";
      case BFLOAT16 -> "bfloat16";
      case INT8 -> "int8";
      case INT16 -> "int16";
      case INT32 -> "int32";
      case INT64 -> "int64";
      case UINT8 -> "uint8";
      case BOOL -> "bool";
      case STRING -> "string";
      default -> "undefined";
    };
  }

  /**
   * On a GPU provider, one warping run with zero inputs; a provider that cannot run the 5-D
   * GridSample fails here, and the warping network is reopened on the CPU.
   */
  private void requireWarpingRuns(InstalledPack pack) {
    Net warping = nets.get(WARPING);
    if (warping.provider() == Provider.CPU) {
      return;
    }
    try (OnnxTensor feature = tensor(new float[FEATURE_VALUES], 1, 32, 16, 64, 64)) {
      warp(feature, new float[Keypoints.VALUES], new float[Keypoints.VALUES]);
    } catch (RuntimeException e) {
      close(warping);
      Path file = pack.path(WARPING);
      Net cpu = open(env, WARPING, file, pack.manifest().id() + "/" + file.getFileName(), List.of(Provider.CPU));
      nets.put(WARPING, new Net(WARPING, cpu.session(), cpu.options(), Provider.CPU,
          " (" + warping.provider() + " could not run its 5-D GridSample: " + firstLine(e.getMessage()) + ")"));
    }
  }

  /** Where each network runs, e.g. "CUDA" or "CPU (warping on the CPU: ...)", for info and doctor. */
  String providers() {
    StringBuilder out = new StringBuilder();
    Provider first = nets.get(MOTION).provider();
    out.append(first.name());
    for (Net net : nets.values()) {
      if (net.provider() != first || !net.note().isEmpty()) {
        out.append("; ").append(net.role()).append(" on ").append(net.provider()).append(net.note());
      }
    }
    return out.toString();
  }

  /** The appearance feature volume of a 256x256 planar RGB input in [0, 1]; the caller closes it. */
  OnnxTensor appearance(float[] image) {
    float[] volume = runOne(APPEARANCE, Map.of("img", image(image)), "output");
    return tensor(volume, 1, 32, 16, 64, 64);
  }

  /** The decoded motion of a 256x256 planar RGB input in [0, 1]. */
  Motion motion(float[] image) {
    try (OnnxTensor input = image(image);
        OrtSession.Result result = nets.get(MOTION).session().run(Map.of("img", input))) {
      return Motion.decode(floats(result, "pitch"), floats(result, "yaw"), floats(result, "roll"),
          floats(result, "t"), floats(result, "exp"), floats(result, "scale")[0], floats(result, "kp"));
    } catch (OrtException e) {
      throw new IllegalStateException("the motion network failed: " + e.getMessage(), e);
    }
  }

  /** The generator's 3x512x512 planar RGB output in [0, 1]. */
  float[] warp(OnnxTensor feature, float[] driving, float[] source) {
    try (OnnxTensor kpDriving = tensor(driving, 1, Keypoints.COUNT, 3);
        OnnxTensor kpSource = tensor(source, 1, Keypoints.COUNT, 3);
        OrtSession.Result result = nets.get(WARPING).session().run(
            Map.of("feature_3d", feature, "kp_driving", kpDriving, "kp_source", kpSource))) {
      return floats(result, "out");
    } catch (OrtException e) {
      throw new IllegalStateException("the warping network failed: " + e.getMessage(), e);
    }
  }

  /** The stitching delta (65) for [x_s, x_d]. */
  float[] stitch(float[] input) {
    return runVector(STITCHING, input);
  }

  /** The eye retargeting delta (63). */
  float[] eyes(float[] input) {
    return runVector(EYE, input);
  }

  /** The lip retargeting delta (63). */
  float[] lips(float[] input) {
    return runVector(LIP, input);
  }

  private float[] runVector(String role, float[] input) {
    return runOne(role, Map.of("input", tensor(input, 1, input.length)), "output");
  }

  /** Runs a network on inputs it then closes, and returns one output's values. */
  private float[] runOne(String role, Map<String, OnnxTensor> inputs, String output) {
    try (OrtSession.Result result = nets.get(role).session().run(inputs)) {
      return floats(result, output);
    } catch (OrtException e) {
      throw new IllegalStateException("the " + role + " network failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private OnnxTensor image(float[] planar) {
    return tensor(planar, 1, 3, INPUT_SIDE, INPUT_SIDE);
  }

  private OnnxTensor tensor(float[] values, long... shape) {
    try {
      return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot make a tensor: " + e.getMessage(), e);
    }
  }

  private static float[] floats(OrtSession.Result result, String name) throws OrtException {
    OnnxTensor tensor = (OnnxTensor) result.get(name)
        .orElseThrow(() -> new IllegalStateException("the network gave no output '" + name + "'"));
    FloatBuffer buffer = tensor.getFloatBuffer();
    float[] out = new float[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static TensorSignature f(String name, long... shape) {
    List<Long> dims = new ArrayList<>();
    for (long d : shape) {
      dims.add(d);
    }
    return new TensorSignature(name, "float32", dims);
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static void close(Net net) {
    try {
      net.session().close();
    } catch (OrtException e) {
      // Releasing native memory at shutdown; nothing the user can act on.
    }
    net.options().close();
  }

  @Override
  public void close() {
    nets.values().forEach(LivePortraitNets::close);
  }
}
