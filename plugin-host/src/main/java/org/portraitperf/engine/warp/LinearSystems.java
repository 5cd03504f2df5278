package org.portraitperf.engine.warp;

/**
 * Dense linear systems small enough to solve directly: the spline's weights, the head fit's
 * normal equations, the mouth's affine map. One solver for all three, by Gauss-Jordan elimination
 * with partial pivoting, which also takes the spline's system (symmetric but not positive definite).
 */
final class LinearSystems {
  /** A pivot this small against the matrix's largest coefficient means the system has no unique solution. */
  private static final double SINGULAR = 1e-12;

  private LinearSystems() {}

  /**
   * Solves in place: {@code augmented} holds the n×n matrix in its first n columns and any number of
   * right-hand sides after them; on return row i of those columns holds unknown i of each solution.
   * Rows are swapped along the way.
   *
   * @return false when the matrix is singular (the contents are then meaningless)
   */
  static boolean solveInPlace(double[][] augmented, int n) {
    double scale = 0;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        scale = Math.max(scale, Math.abs(augmented[r][c]));
      }
    }
    int width = augmented[0].length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(augmented[r][col]) > Math.abs(augmented[pivot][col])) {
          pivot = r;
        }
      }
      double[] swap = augmented[col];
      augmented[col] = augmented[pivot];
      augmented[pivot] = swap;
      double[] pivotRow = augmented[col];
      double p = pivotRow[col];
      if (!(Math.abs(p) > SINGULAR * scale)) {
        return false;
      }
      double inverse = 1 / p;
      for (int c = col; c < width; c++) {
        pivotRow[c] *= inverse;
      }
      for (int r = 0; r < n; r++) {
        double[] row = augmented[r];
        double f = row[col];
        if (r != col && f != 0) {
          for (int c = col; c < width; c++) {
            row[c] -= f * pivotRow[c];
          }
        }
      }
    }
    return true;
  }
}
