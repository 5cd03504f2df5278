package org.portraitperf.models;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the declared inputs and outputs of an ONNX file straight from its protobuf encoding, so a
 * pack's signatures are checked at install without loading the graph into a runtime (a 400 MB
 * generator would take seconds and gigabytes). Only the few fields needed are decoded; every other
 * field, the weights included, is skipped over without being read.
 *
 * <p>Field numbers (onnx.proto): ModelProto.graph = 7; GraphProto.input = 11, output = 12;
 * ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1; TypeProto.Tensor.elem_type = 1,
 * shape = 2; TensorShapeProto.dim = 1; Dimension.dim_value = 1 (dim_param = 2 is symbolic).
 */
final class OnnxSignatures {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  /** The graph's inputs and outputs, by name, in declaration order. */
  record Signature(Map<String, DeclaredTensor> inputs, Map<String, DeclaredTensor> outputs) {}

  private OnnxSignatures() {}

  static Signature read(Path file) throws IOException {
    try (Wire in = new Wire(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      Map<String, DeclaredTensor> inputs = new LinkedHashMap<>();
      Map<String, DeclaredTensor> outputs = new LinkedHashMap<>();
      boolean sawGraph = false;
      while (!in.atEnd()) {
        long tag = in.varint();
        if (tag >>> 3 == 7 && (tag & 7) == LENGTH_DELIMITED) {
          sawGraph = true;
          long end = in.position() + in.varint();
          while (in.position() < end) {
            long graphTag = in.varint();
            int field = (int) (graphTag >>> 3);
            if ((field == 11 || field == 12) && (graphTag & 7) == LENGTH_DELIMITED) {
              long valueEnd = in.position() + in.varint();
              readValueInfo(in, valueEnd, field == 11 ? inputs : outputs);
            } else {
              in.skip(graphTag);
            }
          }
        } else {
          in.skip(tag);
        }
      }
      if (!sawGraph) {
        throw new IOException("no graph in the file (not an ONNX model)");
      }
      return new Signature(inputs, outputs);
    }
  }

  private static void readValueInfo(Wire in, long end, Map<String, DeclaredTensor> into) throws IOException {
    String name = null;
    int elemType = 0;
    List<Long> dims = new ArrayList<>();
    while (in.position() < end) {
      long tag = in.varint();
      if (tag == (1 << 3 | LENGTH_DELIMITED)) {
        name = in.string();
      } else if (tag == (2 << 3 | LENGTH_DELIMITED)) {
        long typeEnd = in.position() + in.varint();
        while (in.position() < typeEnd) {
          long typeTag = in.varint();
          if (typeTag == (1 << 3 | LENGTH_DELIMITED)) {
            long tensorEnd = in.position() + in.varint();
            while (in.position() < tensorEnd) {
              long tensorTag = in.varint();
              if (tensorTag == (1 << 3 | VARINT)) {
                elemType = (int) in.varint();
              } else if (tensorTag == (2 << 3 | LENGTH_DELIMITED)) {
                readShape(in, in.position() + in.varint(), dims);
              } else {
                in.skip(tensorTag);
              }
            }
          } else {
            in.skip(typeTag);
          }
        }
      } else {
        in.skip(tag);
      }
    }
    if (name != null) {
      String type = elemType < TensorSignature.TYPES.size() ? TensorSignature.TYPES.get(elemType) : "type" + elemType;
      into.put(name, new DeclaredTensor(type, dims.stream().mapToLong(Long::longValue).toArray()));
    }
  }

  private static void readShape(Wire in, long end, List<Long> dims) throws IOException {
    while (in.position() < end) {
      long tag = in.varint();
      if (tag == (1 << 3 | LENGTH_DELIMITED)) {
        long dimEnd = in.position() + in.varint();
        long value = -1;
        while (in.position() < dimEnd) {
          long dimTag = in.varint();
          if (dimTag == (1 << 3 | VARINT)) {
            value = in.varint();
          } else {
            in.skip(dimTag);
          }
        }
        dims.add(value);
      } else {
        in.skip(tag);
      }
    }
  }

  /** A protobuf wire reader over a stream that counts its position and skips without reading. */
  private static final class Wire implements AutoCloseable {
    private final InputStream in;
    private long position;
    private int peeked = -2;

    Wire(InputStream in) {
      this.in = in;
    }

    long position() {
      return position;
    }

    boolean atEnd() throws IOException {
      if (peeked == -2) {
        peeked = in.read();
      }
      return peeked < 0;
    }

    private int next() throws IOException {
      int b = peeked != -2 ? peeked : in.read();
      peeked = -2;
      if (b < 0) {
        throw new EOFException("the file ends inside a protobuf field (truncated?)");
      }
      position++;
      return b;
    }

    long varint() throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = next();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IOException("malformed varint at byte " + position);
    }

    String string() throws IOException {
      int length = Math.toIntExact(varint());
      byte[] bytes = new byte[length];
      for (int i = 0; i < length; i++) {
        bytes[i] = (byte) next();
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips the value of a field whose tag was just read. */
    void skip(long tag) throws IOException {
      switch ((int) (tag & 7)) {
        case VARINT -> varint();
        case FIXED64 -> skipBytes(8);
        case LENGTH_DELIMITED -> skipBytes(varint());
        case FIXED32 -> skipBytes(4);
        default -> throw new IOException("unsupported protobuf wire type " + (tag & 7) + " at byte " + position);
      }
    }

    private void skipBytes(long count) throws IOException {
      long left = count;
      if (left > 0 && peeked != -2) {
        next();
        left--;
      }
      while (left > 0) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new EOFException("the file ends inside a protobuf field (truncated?)");
          }
          skipped = 1;
        }
        left -= skipped;
        position += skipped;
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
