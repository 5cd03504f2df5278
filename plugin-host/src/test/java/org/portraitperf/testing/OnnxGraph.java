package org.portraitperf.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ONNX graphs for tests and writes them as real model files, with a protobuf wire
 * encoder of its own (the project has no protobuf library). Only float32 tensors cross the graph's
 * edges; int64 constants serve shapes and axes.
 *
 * <p>Field numbers, from onnx.proto: ModelProto ir_version 1, producer_name 2, graph 7,
 * opset_import 8; OperatorSetIdProto domain 1, version 2; GraphProto node 1, name 2, initializer 5,
 * input 11, output 12; NodeProto input 1, output 2, name 3, op_type 4, attribute 5; AttributeProto
 * name 1, f 2, i 3, s 4, floats 7, ints 8, type 20; TensorProto dims 1, data_type 2, name 8,
 * raw_data 9; ValueInfoProto name 1, type 2; TypeProto tensor_type 1; TypeProto.Tensor elem_type 1,
 * shape 2; TensorShapeProto dim 1; Dimension dim_value 1.
 */
public final class OnnxGraph {
  private static final int FLOAT = 1;
  private static final int INT64 = 7;
  /** IR version 8 goes with opsets up to 17 and is read by every ONNX Runtime release in use. */
  private static final int IR_VERSION = 8;

  private final String name;
  private final List<Proto> nodes = new ArrayList<>();
  private final List<Proto> initializers = new ArrayList<>();
  private final List<Proto> inputs = new ArrayList<>();
  private final List<Proto> outputs = new ArrayList<>();
  private int nodeCount;

  public OnnxGraph(String name) {
    this.name = name;
  }

  /** A float32 graph input. */
  public OnnxGraph input(String tensor, long... shape) {
    inputs.add(valueInfo(tensor, shape));
    return this;
  }

  /** A float32 graph output. */
  public OnnxGraph output(String tensor, long... shape) {
    outputs.add(valueInfo(tensor, shape));
    return this;
  }

  /** A float32 constant. */
  public OnnxGraph floats(String tensor, long[] dims, float[] values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    initializers.add(tensor(tensor, FLOAT, dims, raw.array()));
    return this;
  }

  /** A one-dimensional int64 constant (shapes, axes, slice bounds). */
  public OnnxGraph longs(String tensor, long... values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    initializers.add(tensor(tensor, INT64, new long[] {values.length}, raw.array()));
    return this;
  }

  /** A node of the default domain; attributes from {@link #ints}, {@link #i} and {@link #s}. */
  public OnnxGraph node(String op, List<String> in, List<String> out, Proto... attributes) {
    Proto node = new Proto();
    in.forEach(v -> node.string(1, v));
    out.forEach(v -> node.string(2, v));
    node.string(3, op + "_" + nodeCount++);
    node.string(4, op);
    for (Proto attribute : attributes) {
      node.message(5, attribute);
    }
    nodes.add(node);
    return this;
  }

  /** An integer-list attribute. */
  public static Proto ints(String attribute, long... values) {
    Proto a = new Proto().string(1, attribute);
    for (long v : values) {
      a.varint(8, v);
    }
    return a.varint(20, 7);
  }

  /** An integer attribute. */
  public static Proto i(String attribute, long value) {
    return new Proto().string(1, attribute).varint(3, value).varint(20, 2);
  }

  /** A string attribute. */
  public static Proto s(String attribute, String value) {
    return new Proto().string(1, attribute).bytes(4, value.getBytes(StandardCharsets.UTF_8)).varint(20, 3);
  }

  /** The model file's bytes at the given default-domain opset. */
  public byte[] toModel(int opset) {
    Proto graph = new Proto();
    nodes.forEach(n -> graph.message(1, n));
    graph.string(2, name);
    initializers.forEach(t -> graph.message(5, t));
    inputs.forEach(v -> graph.message(11, v));
    outputs.forEach(v -> graph.message(12, v));
    return new Proto()
        .varint(1, IR_VERSION)
        .string(2, "portrait-performance tests")
        .message(7, graph)
        .message(8, new Proto().string(1, "").varint(2, opset))
        .toByteArray();
  }

  public Path write(Path file, int opset) throws IOException {
    return Files.write(file, toModel(opset));
  }

  private static Proto valueInfo(String tensor, long[] shape) {
    Proto dims = new Proto();
    for (long d : shape) {
      dims.message(1, new Proto().varint(1, d));
    }
    Proto type = new Proto().message(1, new Proto().varint(1, FLOAT).message(2, dims));
    return new Proto().string(1, tensor).message(2, type);
  }

  private static Proto tensor(String tensor, int type, long[] dims, byte[] raw) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    return t.varint(2, type).string(8, tensor).bytes(9, raw);
  }

  /** One protobuf message being written: fields appended in the order given. */
  public static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      writeVarint((long) field << 3);
      writeVarint(value);
      return this;
    }

    Proto bytes(int field, byte[] value) {
      writeVarint((long) field << 3 | 2);
      writeVarint(value.length);
      out.writeBytes(value);
      return this;
    }

    Proto string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto value) {
      return bytes(field, value.toByteArray());
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }

    private void writeVarint(long value) {
      long v = value;
      while ((v & ~0x7fL) != 0) {
        out.write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
