package org.portraitperf.engine.warp;

/**
 * A regular lattice of nodes on which a spline is evaluated, with bilinear interpolation in
 * between: a thin-plate spline costs one kernel per control point, far too much to evaluate at
 * every pixel of a 1080p frame, while its field is smooth enough that a node every few pixels
 * loses nothing visible. Nodes sit on whole pixels, so each cell covers exactly {@code step}
 * pixels and pixel loops can step through a cell by adding constants.
 *
 * @param x0 image x of the first column of nodes
 * @param y0 image y of the first row of nodes
 * @param step node spacing in pixels
 * @param columns nodes per row
 * @param rows node rows
 */
record WarpGrid(int x0, int y0, int step, int columns, int rows) {

  WarpGrid {
    if (step <= 0 || columns < 2 || rows < 2) {
      throw new IllegalArgumentException(
          "grid needs a positive step and 2x2 nodes, found step " + step + ", " + columns + "x" + rows);
    }
  }

  /** The smallest grid with this step whose nodes span [minX, maxX] x [minY, maxY]. */
  static WarpGrid covering(double minX, double minY, double maxX, double maxY, double step) {
    int s = Math.max(1, (int) Math.round(step));
    int x0 = (int) Math.floor(minX);
    int y0 = (int) Math.floor(minY);
    int columns = Math.max(2, (int) Math.ceil((maxX - x0) / s) + 1);
    int rows = Math.max(2, (int) Math.ceil((maxY - y0) / s) + 1);
    return new WarpGrid(x0, y0, s, columns, rows);
  }

  int nodes() {
    return columns * rows;
  }

  int nodeX(int column) {
    return x0 + column * step;
  }

  int nodeY(int row) {
    return y0 + row * step;
  }

  /** The spline's displacement at every node, x and y interleaved. */
  float[] displacements(ThinPlateSpline spline) {
    float[] out = new float[2 * nodes()];
    for (int r = 0, node = 0; r < rows; r++) {
      double y = nodeY(r);
      for (int c = 0; c < columns; c++, node++) {
        spline.displacement(nodeX(c), y, out, 2 * node);
      }
    }
    return out;
  }

  /**
   * Bilinear interpolation at image point (x, y) of a field with {@code channels} values per
   * node, clamped to the grid's edge; writes the channels into out from index 0.
   */
  void sample(float[] field, int channels, double x, double y, float[] out) {
    double gx = Math.max(0, Math.min(columns - 1.000001, (x - x0) / step));
    double gy = Math.max(0, Math.min(rows - 1.000001, (y - y0) / step));
    int c = (int) gx;
    int r = (int) gy;
    float fx = (float) (gx - c);
    float fy = (float) (gy - r);
    int n00 = (r * columns + c) * channels;
    int n10 = n00 + columns * channels;
    for (int k = 0; k < channels; k++) {
      float top = field[n00 + k] + fx * (field[n00 + channels + k] - field[n00 + k]);
      float bottom = field[n10 + k] + fx * (field[n10 + channels + k] - field[n10 + k]);
      out[k] = top + fy * (bottom - top);
    }
  }

  /**
   * The field (with {@code channels} interleaved values per node) interpolated to image row y,
   * one entry per node column and channel: pixel loops interpolate vertically once per row and
   * then only horizontally, within a cell by constant increments.
   */
  void row(float[] field, int channels, int y, float[] out) {
    int offset = Math.max(0, Math.min((rows - 1) * step, y - y0));
    int r = Math.min(rows - 2, offset / step);
    float fy = (float) (offset - r * step) / step;
    int top = r * columns * channels;
    int bottom = top + columns * channels;
    int width = columns * channels;
    for (int i = 0; i < width; i++) {
      out[i] = field[top + i] + fy * (field[bottom + i] - field[top + i]);
    }
  }
}
