package org.portraitperf.models;

/**
 * A tensor as a graph declares it, read from the file or from a loaded session.
 *
 * @param type element type as {@link TensorSignature} spells it
 * @param shape dimensions; -1 for a symbolic one
 */
public record DeclaredTensor(String type, long[] shape) {
  public DeclaredTensor {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }
}
