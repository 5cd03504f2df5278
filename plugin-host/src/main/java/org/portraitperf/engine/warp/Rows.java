package org.portraitperf.engine.warp;

/** Blurs of fields stored on a {@link WarpGrid}, edges repeated. */
final class Rows {
  private Rows() {}

  /** A [1 2 1] blur in both directions, edges repeated: removes node-to-node sampling noise. */
  static float[] blur121(float[] field, int columns, int rows) {
    float[] across = new float[field.length];
    for (int r = 0; r < rows; r++) {
      int base = r * columns;
      for (int c = 0; c < columns; c++) {
        float left = field[base + Math.max(0, c - 1)];
        float right = field[base + Math.min(columns - 1, c + 1)];
        across[base + c] = 0.25f * (left + 2 * field[base + c] + right);
      }
    }
    float[] out = new float[field.length];
    for (int r = 0; r < rows; r++) {
      int up = Math.max(0, r - 1) * columns;
      int down = Math.min(rows - 1, r + 1) * columns;
      int base = r * columns;
      for (int c = 0; c < columns; c++) {
        out[base + c] = 0.25f * (across[up + c] + 2 * across[base + c] + across[down + c]);
      }
    }
    return out;
  }

  /**
   * Mean over a (2 radius + 1) square around each node, edges repeated, by running sums in each
   * direction so the cost does not grow with the radius.
   */
  static float[] boxBlur(float[] field, int columns, int rows, int radius) {
    float[] across = new float[field.length];
    for (int r = 0; r < rows; r++) {
      runningMean(field, r * columns, 1, columns, radius, across);
    }
    float[] out = new float[field.length];
    for (int c = 0; c < columns; c++) {
      runningMean(across, c, columns, rows, radius, out);
    }
    return out;
  }

  private static void runningMean(float[] in, int start, int stride, int length, int radius, float[] out) {
    double sum = 0;
    for (int k = -radius; k <= radius; k++) {
      sum += in[start + stride * Math.max(0, Math.min(length - 1, k))];
    }
    float scale = 1f / (2 * radius + 1);
    for (int i = 0; i < length; i++) {
      out[start + stride * i] = (float) (sum * scale);
      sum += in[start + stride * Math.min(length - 1, i + radius + 1)] - in[start + stride * Math.max(0, i - radius)];
    }
  }
}
