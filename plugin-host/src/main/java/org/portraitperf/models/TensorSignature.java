package org.portraitperf.models;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One input or output tensor a pack's graph must have: its name, element type and shape. A
 * dimension of -1 accepts any size; so does a dimension the graph itself leaves symbolic (exports
 * often make the batch dimension dynamic), since the size is then fixed by what the engine feeds.
 *
 * @param name the tensor's name in the graph; engines bind tensors by name, never by position
 * @param type element type as ONNX spells it in lower case ({@code float32}, {@code float16}, {@code int64}, ...)
 * @param shape dimensions, outermost first
 */
public record TensorSignature(String name, String type, List<Long> shape) {
  /** Element types a pack may declare, by ONNX's TensorProto.DataType numbering (index = code). */
  static final List<String> TYPES = List.of(
      "undefined", "float32", "uint8", "int8", "uint16", "int16", "int32", "int64", "string", "bool",
      "float16", "float64", "uint32", "uint64", "complex64", "complex128", "bfloat16");

  private static final Set<String> KNOWN = Set.copyOf(TYPES.subList(1, TYPES.size()));

  public TensorSignature {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("tensor name must not be blank");
    }
    if (!KNOWN.contains(type)) {
      throw new IllegalArgumentException("tensor " + name + ": type '" + type + "' is not one of " + KNOWN);
    }
    shape = List.copyOf(Objects.requireNonNull(shape, "shape"));
    for (long dim : shape) {
      if (dim < -1 || dim == 0) {
        throw new IllegalArgumentException("tensor " + name + ": dimension " + dim + " must be positive or -1");
      }
    }
  }

  /**
   * What is wrong with the tensor a graph actually has under this name, or empty when it fits.
   *
   * @param actualType element type as in {@link #TYPES}
   * @param actualShape dimensions; -1 (or any negative) for a symbolic dimension
   */
  public Optional<String> mismatch(String actualType, long[] actualShape) {
    if (!type.equals(actualType)) {
      return Optional.of("tensor '" + name + "' is " + actualType + ", expected " + type);
    }
    boolean fits = actualShape.length == shape.size();
    for (int i = 0; fits && i < actualShape.length; i++) {
      long expected = shape.get(i);
      fits = expected == -1 || actualShape[i] < 0 || actualShape[i] == expected;
    }
    return fits ? Optional.empty()
        : Optional.of("tensor '" + name + "' has shape " + Arrays.toString(actualShape) + ", expected " + shape);
  }

  /**
   * The first of {@code expected} that {@code actual} lacks or declares differently, named; empty
   * when every expected tensor is there as listed (extra tensors are allowed).
   *
   * @param kind "input" or "output", for the message
   */
  public static Optional<String> firstMismatch(List<TensorSignature> expected, Map<String, DeclaredTensor> actual,
      String kind) {
    for (TensorSignature tensor : expected) {
      DeclaredTensor declared = actual.get(tensor.name());
      if (declared == null) {
        return Optional.of("no " + kind + " tensor '" + tensor.name() + "' (expected one of the graph's " + kind
            + "s: " + String.join(", ", actual.keySet()) + ")");
      }
      Optional<String> problem = tensor.mismatch(declared.type(), declared.shape());
      if (problem.isPresent()) {
        return Optional.of(kind + " " + problem.get());
      }
    }
    return Optional.empty();
  }
}
