package org.portraitperf.engine.neural;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import org.portraitperf.Onnx;
import org.portraitperf.engine.AnimationEngine;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.engine.EngineInfo;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Session;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.media.RgbImage;
import org.portraitperf.models.InstalledPack;
import org.portraitperf.models.ModelException;
import org.portraitperf.models.ModelPacks;

/**
 * The neural engine: a LivePortrait-compatible ONNX model pack run by ONNX Runtime. Ready when a
 * verified pack of its format is installed; cheap to construct, the networks load in {@link #open}
 * and are shared by the sessions of one pack.
 */
@Singleton
final class NeuralEngine implements AnimationEngine {
  static final String NAME = "neural";
  static final String FORMAT = "liveportrait-onnx";
  /** The committed pack users are told to install. */
  static final String DEFAULT_PACK = "liveportrait-onnx-human";

  private final FaceAnalyzer faces;
  private final ModelPacks packs;
  private final SharedNets nets = new SharedNets();

  @Inject
  NeuralEngine(FaceAnalyzer faces, ModelPacks packs) {
    this.faces = faces;
    this.packs = packs;
  }

  @Override
  public EngineInfo info() {
    return packs.verified(FORMAT)
        .map(pack -> new EngineInfo(NAME, true, "LivePortrait networks from pack " + pack.manifest().id() + " "
            + pack.manifest().version() + " (" + pack.manifest().licence() + "), " + providerLine()))
        .orElseGet(() -> new EngineInfo(NAME, false, "no verified LivePortrait model pack; run `./pp models install "
            + DEFAULT_PACK + "`"));
  }

  /** Where the networks will run: the GPU only if CUDA really loads here. */
  private static String providerLine() {
    return Onnx.cudaUnavailable()
        .map(why -> "on the CPU (CUDA not usable: " + why + ")")
        .orElse("on CUDA (TensorRT where present), CPU fallback");
  }

  @Override
  public Session open(RgbImage portrait, String portraitName, DrivingSource driving, EngineSettings settings) {
    InstalledPack pack = packs.verified(FORMAT).orElseThrow(() -> new ModelException(DEFAULT_PACK,
        "no verified LivePortrait model pack is installed; run `./pp models install " + DEFAULT_PACK + "`"));
    return NeuralSession.open(faces, nets, pack, NeuralOptions.DEFAULTS, portrait, portraitName, driving, settings);
  }
}
