package org.portraitperf.engine.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.engine.DrivingClips;
import org.portraitperf.engine.EngineInfo;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.engine.RealEngines;
import org.portraitperf.engine.Session;
import org.portraitperf.engine.VideoDrivingSource;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.media.Images;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.models.InstalledPack;
import org.portraitperf.models.ModelException;
import org.portraitperf.models.ModelPacks;
import org.portraitperf.models.ModelStore;
import org.portraitperf.models.PackProgress;
import org.portraitperf.testing.LivePortraitTestPack;
import org.portraitperf.testing.TestMedia;

/**
 * The whole neural engine, real ONNX Runtime, real face models and clips, over a generated pack
 * whose graphs have the real pack's signatures (see {@link LivePortraitTestPack} for what they
 * compute: the generator returns the portrait's crop, softened and brightened with the motion).
 */
@ExtendWith(RealEngines.class)
class NeuralSessionIT {
  private static final String PORTRAIT = "portraits/lp_s42.jpg";

  @TempDir Path dir;
  private LivePortraitTestPack generated;
  private ModelPacks packs;

  @BeforeEach
  void installGeneratedPack() throws IOException {
    generated = LivePortraitTestPack.write(dir.resolve("published"));
    packs = packs(dir.resolve("models"));
    packs.install(generated.manifest("test-liveportrait", URI.create("https://unreachable.invalid/")),
        Optional.of(generated.folder()), PackProgress.SILENT);
  }

  private static ModelPacks packs(Path root) {
    return com.google.inject.Guice.createInjector(binder -> binder.bind(ModelStore.class).toInstance(new ModelStore(root)))
        .getInstance(ModelPacks.class);
  }

  private static Session open(NeuralEngine engine, VideoDrivingSource driving, EngineSettings settings) {
    return engine.open(TestMedia.image(PORTRAIT), PORTRAIT, driving, settings);
  }

  @Test
  void info_verifiedPackInstalled_isReadyAndNamesPackAndProvider(FaceAnalyzer faces) {
    EngineInfo info = new NeuralEngine(faces, packs).info();

    assertTrue(info.ready(), info.description());
    assertTrue(info.description().contains("test-liveportrait"), info.description());
    assertTrue(info.description().contains("CPU") || info.description().contains("CUDA"), info.description());
  }

  @Test
  void info_noPack_isNotReadyAndSaysWhatToInstall(FaceAnalyzer faces) {
    EngineInfo info = new NeuralEngine(faces, packs(dir.resolve("empty"))).info();

    assertFalse(info.ready());
    assertTrue(info.description().contains("models install liveportrait-onnx-human"), info.description());
  }

  @Test
  void render_pastesTheGeneratedFaceAndLeavesTheRestOfThePortraitAlone(FaceAnalyzer faces) {
    RgbImage portrait = TestMedia.image(PORTRAIT);
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        Session session = open(new NeuralEngine(faces, packs), driving, withLayout(OutputLayout.FACE_LAYER))) {
      RgbaImage frame = session.render(40);
      Images.write(dir.resolve("frame40.png"), frame.rgb());

      assertEquals(portrait.width(), session.width());
      assertEquals(portrait.height(), session.height());
      int inside = 0;
      int changedInside = 0;
      int changedOutside = 0;
      for (int i = 0; i < portrait.width() * portrait.height(); i++) {
        boolean face = frame.pixels()[4 * i + 3] != 0;
        boolean changed = false;
        for (int c = 0; c < 3; c++) {
          changed |= frame.pixels()[4 * i + c] != portrait.pixels()[3 * i + c];
        }
        inside += face ? 1 : 0;
        changedInside += face && changed ? 1 : 0;
        changedOutside += !face && changed ? 1 : 0;
      }
      assertEquals(0, changedOutside, "pixels outside the mask must be the portrait's");
      assertTrue(inside > portrait.width() * portrait.height() / 10, "the mask covers the face: " + inside);
      assertTrue(changedInside > inside / 2, changedInside + " of " + inside + " masked pixels changed");
      assertEquals(0, frame.pixels()[3], "the corner lies outside the face mask");
    }
  }

  @Test
  void render_frameAloneInFreshSession_equalsFrameAfterRenderingInOrder(FaceAnalyzer faces) {
    NeuralEngine engine = new NeuralEngine(faces, packs);
    RgbaImage sequential = null;
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        Session session = open(engine, driving, EngineSettings.DEFAULTS)) {
      for (int t = 0; t <= 12; t++) {
        sequential = session.render(t);
      }
    }
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        Session session = open(engine, driving, EngineSettings.DEFAULTS)) {
      assertArrayEquals(sequential.pixels(), session.render(12).pixels());
    }
  }

  @Test
  void render_referenceFrame_reproducesThePortraitsOwnKeypoints(FaceAnalyzer faces) {
    // Relative motion at the reference frame is no motion: the generator gets x_d = x_s (stitching
    // of equal keypoints adds 0 in the generated pack), so its brightening term vanishes.
    try (VideoDrivingSource driving = DrivingClips.open(TestMedia.driving("lp_d12.mp4"));
        NeuralSession session = (NeuralSession) open(new NeuralEngine(faces, packs), driving, EngineSettings.DEFAULTS)) {
      float[] atReference = session.keypointsAt(0);
      float[] later = session.keypointsAt(60);

      float[] source = session.sourceKeypoints();
      for (int i = 0; i < source.length; i++) {
        assertEquals(source[i], atReference[i], 1e-4, "value " + i);
      }
      double moved = 0;
      for (int i = 0; i < source.length; i++) {
        moved += Math.abs(later[i] - source[i]);
      }
      assertTrue(moved > 1e-3, "a later frame moves the keypoints: " + moved);
    }
  }

  @Test
  void load_packWhoseGraphBreaksTheContract_isRefusedNamingTheTensor(FaceAnalyzer faces) throws IOException {
    InstalledPack installed = packs.verified(LivePortraitTestPack.FORMAT).orElseThrow();
    // Bypass the install-time check, as a file changed on disk after verification would.
    Path tampered = Files.createDirectories(dir.resolve("tampered"));
    for (var file : installed.manifest().files()) {
      Files.copy(installed.folder().resolve(file.name()), tampered.resolve(file.name()));
    }
    LivePortraitTestPack.writeMotionWithShortKeypoints(tampered.resolve("motion_extractor.onnx"));

    ModelException error = assertThrows(ModelException.class,
        () -> LivePortraitNets.load(new InstalledPack(installed.manifest(), tampered), false));

    assertTrue(error.getMessage().contains("motion_extractor.onnx"), error.getMessage());
    assertTrue(error.getMessage().contains("tensor 'kp' has shape [1, 62], expected [1, 63]"), error.getMessage());
  }

  private static EngineSettings withLayout(OutputLayout layout) {
    EngineSettings d = EngineSettings.DEFAULTS;
    return new EngineSettings(d.reference(), d.motion(), d.gains(), d.strength(), d.detail(), d.smoothing(),
        d.feather(), d.colourMatch(), d.face(), layout);
  }
}
