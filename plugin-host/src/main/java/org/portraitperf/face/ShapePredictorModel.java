package org.portraitperf.face;

import org.portraitperf.media.RgbPixels;

/**
 * dlib's {@code shape_predictor}: a cascade of regression-tree forests (Kazemi and Sullivan, "One
 * Millisecond Face Alignment with an Ensemble of Regression Trees", CVPR 2014), held in flat
 * primitive arrays so that one prediction walks memory linearly and allocates only its two small
 * scratch arrays.
 *
 * <p>Shapes are in the predictor's normalized face-box coordinates, where the box is the unit
 * square, and are stored interleaved as x0, y0, x1, y1, .... Every tree in the model has the same
 * depth (dlib's trainer builds complete trees of one depth), which is what lets the trees of a
 * cascade stage share one array each.
 *
 * <p>Immutable once built, so one instance serves any number of threads at once.
 */
final class ShapePredictorModel {
  private final int landmarkCount;
  private final float[] initialShape;
  /** The initial shape less its centroid, and that centred shape's squared norm (for similarity fits). */
  private final float[] centredInitialShape;
  private final double initialSquaredNorm;
  private final int splitsPerTree;
  private final int leavesPerTree;
  /** Per stage: for each tree, for each split node in breadth-first order, feature indices idx1, idx2. */
  private final int[][] splitFeatures;
  /** Per stage: for each tree, for each split node, the threshold on pixel[idx1] - pixel[idx2]. */
  private final float[][] thresholds;
  /** Per stage: for each tree, for each leaf, a whole shape increment (2 x landmarkCount values). */
  private final float[][] leafValues;
  /** Per stage: for each feature pixel, the landmark it is anchored to. */
  private final int[][] anchors;
  /** Per stage: for each feature pixel, its offset dx, dy from the anchor in the initial shape's frame. */
  private final float[][] deltas;
  private final int maxFeatures;

  ShapePredictorModel(
      float[] initialShape,
      int splitsPerTree,
      int[][] splitFeatures,
      float[][] thresholds,
      float[][] leafValues,
      int[][] anchors,
      float[][] deltas) {
    this.landmarkCount = initialShape.length / 2;
    this.initialShape = initialShape;
    this.splitsPerTree = splitsPerTree;
    this.leavesPerTree = splitsPerTree + 1;
    this.splitFeatures = splitFeatures;
    this.thresholds = thresholds;
    this.leafValues = leafValues;
    this.anchors = anchors;
    this.deltas = deltas;
    int most = 0;
    for (int[] stage : anchors) {
      most = Math.max(most, stage.length);
    }
    this.maxFeatures = most;

    double meanX = 0, meanY = 0;
    for (int i = 0; i < landmarkCount; i++) {
      meanX += initialShape[2 * i];
      meanY += initialShape[2 * i + 1];
    }
    meanX /= landmarkCount;
    meanY /= landmarkCount;
    centredInitialShape = new float[initialShape.length];
    double norm = 0;
    for (int i = 0; i < landmarkCount; i++) {
      float cx = (float) (initialShape[2 * i] - meanX);
      float cy = (float) (initialShape[2 * i + 1] - meanY);
      centredInitialShape[2 * i] = cx;
      centredInitialShape[2 * i + 1] = cy;
      norm += cx * cx + cy * cy;
    }
    initialSquaredNorm = norm;
  }

  int landmarkCount() {
    return landmarkCount;
  }

  int cascadeCount() {
    return thresholds.length;
  }

  int treeCount(int cascade) {
    return thresholds[cascade].length / splitsPerTree;
  }

  int leavesPerTree() {
    return leavesPerTree;
  }

  int featureCount(int cascade) {
    return anchors[cascade].length;
  }

  /** Landmark {@code i} of the mean shape, in unit-box coordinates. */
  float initialX(int i) {
    return initialShape[2 * i];
  }

  float initialY(int i) {
    return initialShape[2 * i + 1];
  }

  /**
   * Runs the cascade on the face in {@code box} and writes the landmarks, in image pixels, into
   * {@code xs} and {@code ys} (each at least {@link #landmarkCount()} long).
   */
  void predict(RgbPixels image, DlibBox box, float[] xs, float[] ys) {
    float[] shape = initialShape.clone();
    int[] pixels = new int[maxFeatures];
    for (int stage = 0; stage < thresholds.length; stage++) {
      samplePixels(image, box, shape, stage, pixels);
      addTreeOutputs(stage, pixels, shape);
    }
    float width = box.width(), height = box.height();
    for (int i = 0; i < landmarkCount; i++) {
      xs[i] = box.left() + shape[2 * i] * width;
      ys[i] = box.top() + shape[2 * i + 1] * height;
    }
  }

  /**
   * Reads this stage's feature pixels. Each was placed, at training time, relative to a landmark of
   * the mean shape; it follows that landmark, and the shape's rotation and scale, into the current
   * estimate. As in dlib, positions round to the nearest pixel and pixels outside the image read 0.
   */
  private void samplePixels(RgbPixels image, DlibBox box, float[] shape, int stage, int[] pixels) {
    // Least-squares similarity (rotation and scale, no translation needed) from the mean shape to
    // the current one. The mean shape is centred, so the current shape's centroid drops out.
    double dot = 0, cross = 0;
    for (int j = 0; j < shape.length; j += 2) {
      float fx = centredInitialShape[j], fy = centredInitialShape[j + 1];
      dot += fx * shape[j] + fy * shape[j + 1];
      cross += fx * shape[j + 1] - fy * shape[j];
    }
    float a = (float) (dot / initialSquaredNorm);
    float b = (float) (cross / initialSquaredNorm);

    int[] anchor = anchors[stage];
    float[] delta = deltas[stage];
    double left = box.left(), top = box.top(), boxWidth = box.width(), boxHeight = box.height();
    for (int i = 0; i < anchor.length; i++) {
      float dx = delta[2 * i], dy = delta[2 * i + 1];
      int k = 2 * anchor[i];
      float u = a * dx - b * dy + shape[k];
      float v = b * dx + a * dy + shape[k + 1];
      int px = (int) Math.floor(left + u * boxWidth + 0.5);
      int py = (int) Math.floor(top + v * boxHeight + 0.5);
      pixels[i] = image.intensity(px, py);
    }
  }

  /**
   * Walks every tree of the stage and adds the leaf it lands in to the shape. dlib's convention:
   * node i's children are 2i+1 (taken when pixel[idx1] - pixel[idx2] exceeds the threshold) and
   * 2i+2; indices past the last split node are leaves, in order.
   */
  private void addTreeOutputs(int stage, int[] pixels, float[] shape) {
    int[] features = splitFeatures[stage];
    float[] threshold = thresholds[stage];
    float[] leaves = leafValues[stage];
    int splits = splitsPerTree;
    int shapeLength = shape.length;
    int trees = threshold.length / splits;
    for (int tree = 0; tree < trees; tree++) {
      int base = tree * splits;
      int node = 0;
      while (node < splits) {
        int split = base + node;
        int difference = pixels[features[2 * split]] - pixels[features[2 * split + 1]];
        node = difference > threshold[split] ? 2 * node + 1 : 2 * node + 2;
      }
      int offset = (tree * leavesPerTree + node - splits) * shapeLength;
      for (int j = 0; j < shapeLength; j++) {
        shape[j] += leaves[offset + j];
      }
    }
  }
}
