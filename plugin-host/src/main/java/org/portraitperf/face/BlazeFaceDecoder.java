package org.portraitperf.face;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns BlazeFace's raw per-anchor outputs into faces, the way MediaPipe's face detection graph
 * does: SSD anchors on two feature maps, a sigmoid score, box and keypoints as offsets from the
 * anchor centre in input pixels, then weighted non-maximum suppression.
 *
 * <p>All geometry here is normalised to the model's square input (0..1, origin top left, y down);
 * {@link BlazeFaceLetterbox} maps it back to image pixels.
 */
final class BlazeFaceDecoder {
  /** Per anchor: box centre x, y, width, height, then six keypoints as x, y. */
  static final int VALUES_PER_ANCHOR = 16;

  /**
   * Candidates overlapping the best one by more than this are blended into it. MediaPipe's face
   * detection graphs use 0.3: faces in a group photo rarely overlap that much, while the several
   * anchors that fire on one face nearly always do.
   */
  static final float SUPPRESSION_IOU = 0.3f;

  /**
   * One feature map of the SSD head. The anchor grid is the same, in normalised coordinates, for
   * the 128 and the 256 model (16x16 cells with 2 anchors, then 8x8 cells with 6 anchors: 896
   * anchors); only the stride in pixels differs. MediaPipe's anchors for these models have a
   * fixed unit size, so an anchor is just its cell centre.
   */
  record Layer(String scoresTensor, String boxesTensor, int cells, int anchorsPerCell) {
    int anchorCount() {
      return cells * cells * anchorsPerCell;
    }
  }

  static final List<Layer> LAYERS =
      List.of(
          new Layer("Identity:0", "Identity_2:0", 16, 2),
          new Layer("Identity_1:0", "Identity_3:0", 8, 6));

  /**
   * A face as the model sees it.
   *
   * @param score sigmoid of the raw score, 0..1
   * @param geometry {@link #VALUES_PER_ANCHOR} values: centre x, centre y, width, height, then the
   *     keypoints in MediaPipe's order, all normalised to the model input
   */
  record Candidate(float score, float[] geometry) {
    Candidate {
      if (geometry.length != VALUES_PER_ANCHOR) {
        throw new IllegalArgumentException(
            "expected " + VALUES_PER_ANCHOR + " geometry values, found " + geometry.length);
      }
    }

    float left() {
      return geometry[0] - geometry[2] / 2;
    }

    float top() {
      return geometry[1] - geometry[3] / 2;
    }

    float right() {
      return geometry[0] + geometry[2] / 2;
    }

    float bottom() {
      return geometry[1] + geometry[3] / 2;
    }

    float intersectionOverUnion(Candidate other) {
      float w = Math.min(right(), other.right()) - Math.max(left(), other.left());
      float h = Math.min(bottom(), other.bottom()) - Math.max(top(), other.top());
      if (w <= 0 || h <= 0) {
        return 0;
      }
      float inter = w * h;
      float union = geometry[2] * geometry[3] + other.geometry[2] * other.geometry[3] - inter;
      return union > 0 ? inter / union : 0;
    }
  }

  private BlazeFaceDecoder() {}

  /**
   * Appends to {@code out} every anchor of {@code layer} whose score is at least {@code minScore}.
   *
   * @param scores the layer's raw scores, one per anchor
   * @param boxes the layer's raw regressions, {@link #VALUES_PER_ANCHOR} per anchor, in pixels of
   *     an input {@code inputSize} wide
   */
  static void decode(
      Layer layer,
      FloatBuffer scores,
      FloatBuffer boxes,
      int inputSize,
      float minScore,
      List<Candidate> out) {
    float toNormalised = 1f / inputSize;
    for (int anchor = 0; anchor < layer.anchorCount(); anchor++) {
      float score = sigmoid(scores.get(anchor));
      if (score < minScore) {
        continue;
      }
      int cell = anchor / layer.anchorsPerCell();
      float anchorX = (cell % layer.cells() + 0.5f) / layer.cells();
      float anchorY = (cell / layer.cells() + 0.5f) / layer.cells();
      int base = anchor * VALUES_PER_ANCHOR;
      float[] geometry = new float[VALUES_PER_ANCHOR];
      geometry[0] = anchorX + boxes.get(base) * toNormalised;
      geometry[1] = anchorY + boxes.get(base + 1) * toNormalised;
      geometry[2] = boxes.get(base + 2) * toNormalised;
      geometry[3] = boxes.get(base + 3) * toNormalised;
      for (int k = 4; k < VALUES_PER_ANCHOR; k += 2) {
        geometry[k] = anchorX + boxes.get(base + k) * toNormalised;
        geometry[k + 1] = anchorY + boxes.get(base + k + 1) * toNormalised;
      }
      out.add(new Candidate(score, geometry));
    }
  }

  private static float sigmoid(float raw) {
    return (float) (1 / (1 + Math.exp(-raw)));
  }

  /**
   * MediaPipe's weighted non-maximum suppression: the best remaining candidate absorbs every
   * candidate overlapping it by more than {@link #SUPPRESSION_IOU}, and the result is their
   * score-weighted mean (box and keypoints alike) with the best one's score. Blending rather than
   * discarding steadies the box from frame to frame, since several anchors vote on each face.
   *
   * @return one candidate per face, best first
   */
  static List<Candidate> suppress(List<Candidate> candidates) {
    List<Candidate> remaining = new ArrayList<>(candidates);
    remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
    List<Candidate> faces = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Candidate best = remaining.get(0);
      float[] sum = new float[VALUES_PER_ANCHOR];
      float weight = 0;
      List<Candidate> kept = new ArrayList<>();
      for (Candidate c : remaining) {
        // The best candidate overlaps itself fully, so it always takes part in its own blend.
        if (c == best || best.intersectionOverUnion(c) > SUPPRESSION_IOU) {
          for (int i = 0; i < VALUES_PER_ANCHOR; i++) {
            sum[i] += c.geometry()[i] * c.score();
          }
          weight += c.score();
        } else {
          kept.add(c);
        }
      }
      if (weight > 0) {
        for (int i = 0; i < VALUES_PER_ANCHOR; i++) {
          sum[i] /= weight;
        }
        faces.add(new Candidate(best.score(), sum));
      } else {
        // Scores that underflowed to zero carry no weight; keep the best one as it is.
        faces.add(best);
      }
      remaining = kept;
    }
    return faces;
  }
}
