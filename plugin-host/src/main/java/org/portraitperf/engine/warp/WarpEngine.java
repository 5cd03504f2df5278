package org.portraitperf.engine.warp;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.portraitperf.engine.AnimationEngine;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.engine.EngineInfo;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Session;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.media.RgbImage;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;

/**
 * The embedded engine: landmark tracking drives a dense warp of the portrait, on the CPU, with no
 * models beyond the face models. Cheap to construct; each {@link #open} analyses its portrait.
 */
@Singleton
final class WarpEngine implements AnimationEngine {
  static final String NAME = "warp";

  /** What the warp needs: the face detector and the landmark model. */
  private static final List<ModelFile> MODELS =
      List.of(ModelFile.BLAZEFACE_FRONT, ModelFile.BLAZEFACE_BACK, ModelFile.DLIB_LANDMARKS_68);

  private final FaceAnalyzer faces;
  private final ModelStore models;

  @Inject
  WarpEngine(FaceAnalyzer faces, ModelStore models) {
    this.faces = faces;
    this.models = models;
  }

  @Override
  public EngineInfo info() {
    String missing = MODELS.stream()
        .filter(file -> !Files.isRegularFile(models.pathOf(file)))
        .map(ModelFile::displayName)
        .collect(Collectors.joining(", "));
    return missing.isEmpty()
        ? new EngineInfo(NAME, true, "embedded landmark-driven warp on the CPU")
        : new EngineInfo(NAME, false, "face models missing (" + missing + "); run `./pp models install`");
  }

  @Override
  public Session open(RgbImage portrait, String portraitName, DrivingSource driving, EngineSettings settings) {
    return WarpSession.open(faces, portrait, portraitName, driving, settings);
  }
}
