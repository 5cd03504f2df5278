package org.portraitperf.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.models.ModelException;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;

/** Loading the graphs: wrong, damaged and missing files fail at load, naming what is wrong. */
class BlazeFaceModelTest {
  private static final ModelStore STORE = ModelStore.fromEnvironment();

  @Test
  void open_installedGraphs_haveTheSizesTheDecoderExpects() {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        BlazeFaceModel back = open(options, STORE.require(ModelFile.BLAZEFACE_BACK), 256);
        BlazeFaceModel front = open(options, STORE.require(ModelFile.BLAZEFACE_FRONT), 128)) {
      assertEquals(256, back.size());
      assertEquals(256 * 256 * 3, back.input().capacity());
      assertTrue(back.signature().contains("in input:0 FLOAT[1, 256, 256, 3]"), back.signature());
      assertTrue(back.signature().contains("out Identity_3:0 FLOAT[1, 384, 16]"), back.signature());
      assertEquals(128, front.size());
      assertTrue(front.signature().contains("in input:0 FLOAT[1, 128, 128, 3]"), front.signature());
    }
  }

  @Test
  void open_frontGraphAsBack_failsNamingFileTensorAndShapes() {
    Path front = STORE.require(ModelFile.BLAZEFACE_FRONT);
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      ModelException e = assertThrows(ModelException.class, () -> open(options, front, 256));

      assertEquals(ModelFile.BLAZEFACE_FRONT.displayName(), e.subject());
      assertTrue(e.getMessage().contains("'input:0'"), e.getMessage());
      assertTrue(e.getMessage().contains("expected [1, 256, 256, 3], found [1, 128, 128, 3]"), e.getMessage());
    }
  }

  @Test
  void open_truncatedFile_failsNamingTheFile(@TempDir Path dir) throws IOException {
    byte[] model = Files.readAllBytes(STORE.require(ModelFile.BLAZEFACE_BACK));
    Path broken = dir.resolve("face_detection_back_256x256_barracuda.onnx");
    Files.write(broken, Arrays.copyOf(model, model.length / 3));
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      ModelException e = assertThrows(ModelException.class, () -> open(options, broken, 256));

      assertEquals("face_detection_back_256x256_barracuda.onnx", e.subject());
    }
  }

  @Test
  void detectorOpen_emptyModelStore_failsNamingTheMissingModel(@TempDir Path dir) {
    ModelException e = assertThrows(ModelException.class, () -> BlazeFaceDetector.open(new ModelStore(dir)));

    assertEquals(ModelFile.BLAZEFACE_BACK.displayName(), e.subject());
  }

  private static BlazeFaceModel open(OrtSession.SessionOptions options, Path file, int size) {
    return BlazeFaceModel.open(OrtEnvironment.getEnvironment(), options, file, size);
  }
}
