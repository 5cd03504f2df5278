package org.portraitperf.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anchor decoding and weighted suppression, on hand-made raw outputs with known answers. */
class BlazeFaceDecoderTest {

  @Test
  void decode_oneConfidentAnchor_offsetsFromItsCellCentreInInputPixels() {
    BlazeFaceDecoder.Layer layer = BlazeFaceDecoder.LAYERS.get(0);
    float[] scores = new float[layer.anchorCount()]; // raw 0 -> sigmoid 0.5, below the cut
    float[] boxes = new float[layer.anchorCount() * BlazeFaceDecoder.VALUES_PER_ANCHOR];
    int anchor = (3 * 16 + 5) * 2 + 1; // row 3, column 5, second anchor of the cell
    scores[anchor] = 2f;
    float[] raw = {8, -4, 32, 64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    System.arraycopy(raw, 0, boxes, anchor * 16, 16);
    List<BlazeFaceDecoder.Candidate> out = new ArrayList<>();

    BlazeFaceDecoder.decode(layer, FloatBuffer.wrap(scores), FloatBuffer.wrap(boxes), 128, 0.6f, out);

    assertEquals(1, out.size());
    BlazeFaceDecoder.Candidate c = out.get(0);
    assertEquals(1 / (1 + Math.exp(-2)), c.score(), 1e-6);
    float cx = 5.5f / 16;
    float cy = 3.5f / 16;
    float[] expected = new float[16];
    expected[0] = cx + 8 / 128f;
    expected[1] = cy - 4 / 128f;
    expected[2] = 32 / 128f;
    expected[3] = 64 / 128f;
    for (int k = 4; k < 16; k += 2) {
      expected[k] = cx + raw[k] / 128f;
      expected[k + 1] = cy + raw[k + 1] / 128f;
    }
    assertArrayEquals(expected, c.geometry(), 1e-6f);
  }

  @Test
  void suppress_overlappingPair_blendsByScoreAndKeepsBestScore() {
    BlazeFaceDecoder.Candidate strong = square(0.9f, 0.50f, 0.50f, 0.2f, 0.1f);
    BlazeFaceDecoder.Candidate weak = square(0.3f, 0.54f, 0.50f, 0.2f, 0.5f);
    BlazeFaceDecoder.Candidate apart = square(0.8f, 0.10f, 0.10f, 0.1f, 0.9f);

    List<BlazeFaceDecoder.Candidate> faces = BlazeFaceDecoder.suppress(List.of(weak, apart, strong));

    assertEquals(2, faces.size());
    BlazeFaceDecoder.Candidate blended = faces.get(0);
    assertEquals(0.9f, blended.score());
    assertEquals((0.9f * 0.50f + 0.3f * 0.54f) / 1.2f, blended.geometry()[0], 1e-6);
    assertEquals((0.9f * 0.1f + 0.3f * 0.5f) / 1.2f, blended.geometry()[4], 1e-6);
    // A face alone is still "blended" with itself, which may round the last bit.
    assertArrayEquals(apart.geometry(), faces.get(1).geometry(), 1e-6f);
  }

  @Test
  void suppress_overlapBelowThreshold_keepsBoth() {
    // Two 0.2-wide boxes 0.12 apart: IoU = 0.08 / 0.32 = 0.25, under MediaPipe's 0.3.
    BlazeFaceDecoder.Candidate a = square(0.9f, 0.50f, 0.5f, 0.2f, 0f);
    BlazeFaceDecoder.Candidate b = square(0.8f, 0.62f, 0.5f, 0.2f, 0f);

    List<BlazeFaceDecoder.Candidate> faces = BlazeFaceDecoder.suppress(List.of(b, a));

    assertEquals(2, faces.size());
    assertEquals(a.score(), faces.get(0).score());
    assertArrayEquals(a.geometry(), faces.get(0).geometry(), 1e-6f);
    assertArrayEquals(b.geometry(), faces.get(1).geometry(), 1e-6f);
  }

  /** A square candidate whose keypoints all sit at {@code keypoint}, to follow the blend. */
  private static BlazeFaceDecoder.Candidate square(float score, float cx, float cy, float side, float keypoint) {
    float[] g = new float[16];
    g[0] = cx;
    g[1] = cy;
    g[2] = side;
    g[3] = side;
    for (int k = 4; k < 16; k++) {
      g[k] = keypoint;
    }
    return new BlazeFaceDecoder.Candidate(score, g);
  }
}
