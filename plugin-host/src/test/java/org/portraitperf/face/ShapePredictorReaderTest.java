package org.portraitperf.face;

import org.portraitperf.testing.TestMedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.models.ModelException;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;

/** The reader against the real 68-point model and against broken copies of it. */
class ShapePredictorReaderTest {
  private static Path modelFile;
  private static ShapePredictorModel model;

  @TempDir Path temp;

  @BeforeAll
  static void loadModel() {
    modelFile = ModelStore.fromEnvironment().require(ModelFile.DLIB_LANDMARKS_68);
    model = ShapePredictorReader.read(modelFile);
  }

  @Test
  void read_dlib68Model_hasTheCascadeDlibTrained() {
    // dlib's 68-point model: 15 stages of 500 depth-4 trees, each stage sampling 500 pixels
    // (trainer defaults in shape_predictor_trainer.h, as used for the published model).
    assertEquals(68, model.landmarkCount());
    assertEquals(15, model.cascadeCount());
    assertEquals(16, model.leavesPerTree());
    for (int stage = 0; stage < model.cascadeCount(); stage++) {
      assertEquals(500, model.treeCount(stage), "trees in stage " + stage);
      assertEquals(500, model.featureCount(stage), "feature pixels in stage " + stage);
    }
  }

  @Test
  void read_dlib68Model_meanShapeIsAnUprightFaceInTheUnitBox() {
    for (int i = 0; i < model.landmarkCount(); i++) {
      assertTrue(model.initialX(i) > -0.1f && model.initialX(i) < 1.1f, "x of landmark " + i);
      assertTrue(model.initialY(i) > -0.1f && model.initialY(i) < 1.2f, "y of landmark " + i);
    }
    assertTrue(model.initialX(36) < model.initialX(45), "eye on the image's left comes first");
    assertTrue(model.initialY(37) < model.initialY(30), "eyes above the nose tip");
    assertTrue(model.initialY(30) < model.initialY(57), "nose tip above the lower lip");
    assertTrue(model.initialY(57) < model.initialY(8), "lower lip above the chin");
  }

  @Test
  void read_truncatedCopy_throwsModelExceptionNamingFileAndTruncation() throws IOException {
    Path truncated = temp.resolve("truncated.dat");
    copyPrefix(modelFile, truncated, Files.size(modelFile) / 2);

    ModelException e = assertThrows(ModelException.class, () -> ShapePredictorReader.read(truncated));

    assertEquals(truncated.toString(), e.subject());
    assertTrue(e.problem().contains("truncated"), e.problem());
  }

  @Test
  void read_copyCutInsideTheFeatureOffsets_throwsModelException() throws IOException {
    // The last bytes are feature offsets: everything before them parses, so only the end check catches it.
    Path truncated = temp.resolve("short-by-three.dat");
    copyPrefix(modelFile, truncated, Files.size(modelFile) - 3);

    ModelException e = assertThrows(ModelException.class, () -> ShapePredictorReader.read(truncated));

    assertTrue(e.problem().contains("truncated") && e.problem().contains("feature offsets"), e.problem());
  }

  @Test
  void read_modelWithTrailingData_throwsModelException() throws IOException {
    Path extended = temp.resolve("extended.dat");
    Files.copy(modelFile, extended);
    Files.write(extended, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

    ModelException e = assertThrows(ModelException.class, () -> ShapePredictorReader.read(extended));

    assertTrue(e.problem().contains("unexpected data after the model"), e.problem());
  }

  @Test
  void read_pngImage_throwsModelExceptionSayingItIsNotDlib() {
    Path png = TestMedia.portrait("derived_lp_d12_f0.png");

    ModelException e = assertThrows(ModelException.class, () -> ShapePredictorReader.read(png));

    assertEquals(png.toString(), e.subject());
    assertTrue(e.problem().startsWith("not a dlib shape_predictor file"), e.problem());
  }

  @Test
  void read_otherVersion_throwsModelExceptionNamingBothVersions() throws IOException {
    // A dlib int 2 (one magnitude byte) where the shape_predictor's version 1 belongs.
    Path other = Files.write(temp.resolve("version2.dat"), new byte[] {0x01, 0x02, 0x00});

    ModelException e = assertThrows(ModelException.class, () -> ShapePredictorReader.read(other));

    assertTrue(e.problem().contains("expected version 1, found 2"), e.problem());
  }

  @Test
  void read_emptyFile_throwsModelException() throws IOException {
    Path empty = Files.createFile(temp.resolve("empty.dat"));

    ModelException e = assertThrows(ModelException.class, () -> ShapePredictorReader.read(empty));

    assertTrue(e.problem().contains("an empty file"), e.problem());
  }

  @Test
  void read_missingFile_throwsModelException() {
    Path missing = temp.resolve("absent.dat");

    ModelException e = assertThrows(ModelException.class, () -> ShapePredictorReader.read(missing));

    assertEquals("file not found", e.problem());
  }

  private static void copyPrefix(Path from, Path to, long length) throws IOException {
    try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
      byte[] chunk = new byte[1 << 16];
      long left = length;
      while (left > 0) {
        int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
        out.write(chunk, 0, n);
        left -= n;
      }
    }
  }
}
