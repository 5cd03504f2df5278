package org.portraitperf.face;

import java.nio.file.Path;
import java.util.Arrays;
import org.portraitperf.media.RgbPixels;
import org.portraitperf.models.ModelException;

/**
 * dlib's 68-point shape predictor ({@code shape_predictor_68_face_landmarks.dat}), read and run by
 * our own code, so no native dlib is needed.
 *
 * <p>The predictor was trained on the boxes that dlib's HOG face detector draws, and it is only
 * accurate when it is given such a box. Neither a BlazeFace detection nor last frame's landmarks
 * is one, so each call first derives the box the HOG detector would most likely have drawn: the
 * box in which the predictor's mean shape best matches the points we have.
 *
 * <p>Immutable after loading; any number of threads may call it at once.
 */
public final class DlibLandmarkModel implements LandmarkModel {
  /** Below this the 68-point model has too few pixels to work with (dlib's detector finds 80 px faces). */
  static final float MIN_BOX_SIDE = 16;

  /**
   * Boxes are fitted to the brows, nose, eyes and mouth (17-67), not the jaw line (0-16): the jaw
   * points slide along the face's edge from one run to the next, and feeding them back into the
   * box made repeated refits on one picture cycle between two answers 2-4 px apart instead of
   * settling (measured on two test portraits from 15 starting boxes each).
   */
  static final int FIRST_BOX_LANDMARK = 17;

  private static final int[] RIGHT_EYE = range(36, 41), LEFT_EYE = range(42, 47), NOSE_TIP = {30},
      MOUTH = range(48, 67);

  private final ShapePredictorModel model;
  /** The mean shape's points that match a detection's eyes, nose tip and mouth, in unit-box coordinates. */
  private final float[] keypointXs, keypointYs;
  /** The mean shape's landmarks from {@link #FIRST_BOX_LANDMARK} on, in unit-box coordinates. */
  private final float[] meanXs, meanYs;

  private DlibLandmarkModel(ShapePredictorModel model) {
    this.model = model;
    meanXs = new float[Landmarks.COUNT - FIRST_BOX_LANDMARK];
    meanYs = new float[Landmarks.COUNT - FIRST_BOX_LANDMARK];
    for (int i = FIRST_BOX_LANDMARK; i < Landmarks.COUNT; i++) {
      meanXs[i - FIRST_BOX_LANDMARK] = model.initialX(i);
      meanYs[i - FIRST_BOX_LANDMARK] = model.initialY(i);
    }
    int[][] groups = {RIGHT_EYE, LEFT_EYE, NOSE_TIP, MOUTH};
    keypointXs = new float[groups.length];
    keypointYs = new float[groups.length];
    for (int k = 0; k < groups.length; k++) {
      for (int i : groups[k]) {
        keypointXs[k] += model.initialX(i) / groups[k].length;
        keypointYs[k] += model.initialY(i) / groups[k].length;
      }
    }
  }

  /**
   * Loads the model file, typically {@code ModelStore.fromEnvironment().require(ModelFile.DLIB_LANDMARKS_68)}.
   *
   * @throws ModelException when the file is missing, is not a dlib shape predictor, is corrupt, or
   *     predicts some other number of landmarks than 68
   */
  public static DlibLandmarkModel load(Path modelFile) {
    ShapePredictorModel model = ShapePredictorReader.read(modelFile);
    if (model.landmarkCount() != Landmarks.COUNT) {
      throw new ModelException(modelFile.toString(), "expected a predictor of " + Landmarks.COUNT
          + " landmarks, found one of " + model.landmarkCount());
    }
    return new DlibLandmarkModel(model);
  }

  /** Runs the predictor from the detection's eyes, nose tip and mouth, then once more from its own answer. */
  @Override
  public Landmarks fit(RgbPixels image, Detection detection) {
    float[] xs = {
      detection.keypointX(Detection.RIGHT_EYE), detection.keypointX(Detection.LEFT_EYE),
      detection.keypointX(Detection.NOSE_TIP), detection.keypointX(Detection.MOUTH)
    };
    float[] ys = {
      detection.keypointY(Detection.RIGHT_EYE), detection.keypointY(Detection.LEFT_EYE),
      detection.keypointY(Detection.NOSE_TIP), detection.keypointY(Detection.MOUTH)
    };
    String subject = String.format("face detected at (%.0f, %.0f)", detection.x(), detection.y());
    DlibBox box = boxMatching(keypointXs, keypointYs, xs, ys, subject);
    // The four keypoints pin the box only roughly; a box from all 68 predicted points is closer to
    // the one the predictor was trained on, and a second pass from it is measurably steadier.
    return refit(image, predict(image, box));
  }

  @Override
  public Landmarks refit(RgbPixels image, Landmarks previous) {
    float[] bounds = previous.bounds();
    String subject = String.format("face at (%.0f, %.0f)", bounds[0], bounds[1]);
    float[] xs = Arrays.copyOfRange(previous.xs(), FIRST_BOX_LANDMARK, Landmarks.COUNT);
    float[] ys = Arrays.copyOfRange(previous.ys(), FIRST_BOX_LANDMARK, Landmarks.COUNT);
    return predict(image, boxMatching(meanXs, meanYs, xs, ys, subject));
  }

  @Override
  public String name() {
    return "dlib 68-point shape predictor (iBUG 300-W, non-commercial)";
  }

  /** The predictor on an explicit box, for tests and tools that know the box already. */
  Landmarks predict(RgbPixels image, DlibBox box) {
    float[] xs = new float[Landmarks.COUNT];
    float[] ys = new float[Landmarks.COUNT];
    model.predict(image, box, xs, ys);
    return new Landmarks(xs, ys);
  }

  ShapePredictorModel model() {
    return model;
  }

  /**
   * The box in which the mean-shape points {@code (unitXs, unitYs)} best match the image points
   * {@code (xs, ys)}. The match is a least-squares similarity (scale, rotation, translation). The
   * box is its image of the unit square, turned back upright around its centre, because dlib's
   * boxes are always upright and the predictor itself takes care of in-plane rotation: its first
   * stages rotate the mean shape to follow the face. Corners snap to whole pixels, as dlib's
   * integer rectangles do; that also makes a refit of a still face reproduce its input exactly
   * once the box stops moving, instead of jittering by a fraction of a pixel forever.
   */
  static DlibBox boxMatching(float[] unitXs, float[] unitYs, float[] xs, float[] ys, String subject) {
    int n = unitXs.length;
    double unitMeanX = 0, unitMeanY = 0, meanX = 0, meanY = 0;
    for (int i = 0; i < n; i++) {
      unitMeanX += unitXs[i];
      unitMeanY += unitYs[i];
      meanX += xs[i];
      meanY += ys[i];
    }
    unitMeanX /= n;
    unitMeanY /= n;
    meanX /= n;
    meanY /= n;
    double dot = 0, cross = 0, norm = 0;
    for (int i = 0; i < n; i++) {
      double fx = unitXs[i] - unitMeanX, fy = unitYs[i] - unitMeanY;
      double tx = xs[i] - meanX, ty = ys[i] - meanY;
      dot += fx * tx + fy * ty;
      cross += fx * ty - fy * tx;
      norm += fx * fx + fy * fy;
    }
    double a = dot / norm, b = cross / norm;
    double side = Math.hypot(a, b);
    if (!(side >= MIN_BOX_SIDE) || !Double.isFinite(meanX) || !Double.isFinite(meanY)) {
      throw new FaceException(subject, String.format(
          "face too small for the 68-point model (expected a face region of at least %.0f px, found %.1f px)",
          MIN_BOX_SIDE, side));
    }
    // Where the unit square's centre lands under the full similarity.
    double ox = 0.5 - unitMeanX, oy = 0.5 - unitMeanY;
    double centreX = meanX + a * ox - b * oy;
    double centreY = meanY + b * ox + a * oy;
    long width = Math.round(side);
    long left = Math.round(centreX - side / 2), top = Math.round(centreY - side / 2);
    return new DlibBox(left, top, left + width, top + width);
  }

  private static int[] range(int from, int to) {
    int[] indices = new int[to - from + 1];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = from + i;
    }
    return indices;
  }
}
