package org.portraitperf.face;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.portraitperf.models.ModelException;

/**
 * Reads a {@code shape_predictor} as dlib serializes it ({@code dlib/serialize.h} and
 * {@code dlib/image_processing/shape_predictor.h}):
 *
 * <pre>
 *   int version (1)
 *   matrix&lt;float,0,1&gt; initial_shape            rows, cols (negated), then rows*cols floats
 *   vector&lt;vector&lt;regression_tree&gt;&gt; forests    one vector of trees per cascade stage
 *     regression_tree: vector&lt;split&gt; splits (idx1, idx2: unsigned; thresh: float),
 *                      vector&lt;matrix&lt;float,0,1&gt;&gt; leaf_values
 *   vector&lt;vector&lt;unsigned long&gt;&gt; anchor_idx
 *   vector&lt;vector&lt;vector&lt;float,2&gt;&gt;&gt; deltas   x, y
 * </pre>
 *
 * Integers are a control byte (low nibble: byte count, 0x80: negative) followed by the magnitude,
 * little-endian. Floats are two such integers, mantissa and exponent, worth mantissa * 2^exponent.
 *
 * <p>Values are decoded straight from this class's own buffer, because one synchronized
 * {@code read()} call per byte would cost seconds over the 100 MB of the 68-point model. Every
 * count is checked against the bytes left in the file before anything is allocated, so a corrupt
 * file is reported instead of exhausting memory.
 */
final class ShapePredictorReader {
  static final int SUPPORTED_VERSION = 1;
  /** Generous ceilings; dlib's published models stay far below them (68 landmarks, 15 x 500 trees). */
  static final int MAX_LANDMARKS = 10_000, MAX_TREE_DEPTH = 12;
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
  /** A control byte and up to eight magnitude bytes. */
  private static final int MAX_INTEGER_BYTES = 9;

  /** dlib's exponent codes for the non-finite floats. */
  private static final long EXPONENT_INFINITY = 32000, EXPONENT_NEGATIVE_INFINITY = 32001, EXPONENT_NAN = 32002;

  private final String source;
  private final InputStream in;
  private final long fileSize;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  /** Bytes consumed before the start of {@link #buffer}. */
  private long bufferStart;

  /** Where in the model decoding is, for error messages; updated per tree, not per value. */
  private String section = "the version number";
  private int stage = -1, tree = -1;

  private ShapePredictorReader(String source, InputStream in, long fileSize) {
    this.source = source;
    this.in = in;
    this.fileSize = fileSize;
  }

  /** Loads the model file, or fails with a {@link ModelException} naming the file and the problem. */
  static ShapePredictorModel read(Path file) {
    String source = file.toString();
    try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return new ShapePredictorReader(source, stream, Files.size(file)).readModel();
    } catch (NoSuchFileException e) {
      throw new ModelException(source, "file not found", e);
    } catch (IOException e) {
      throw new ModelException(source, "cannot be read: " + e.getMessage(), e);
    }
  }

  private ShapePredictorModel readModel() throws IOException {
    int first = peekByte();
    if (first < 0 || (first & 0x70) != 0 || (first & 0x0f) > 8) {
      throw new ModelException(source, "not a dlib shape_predictor file (expected a serialized version number, found "
          + (first < 0 ? "an empty file" : String.format("byte 0x%02x", first)) + ")");
    }
    long version = readInteger();
    if (version != SUPPORTED_VERSION) {
      throw new ModelException(source, "not a dlib shape_predictor file, or an unsupported version (expected version "
          + SUPPORTED_VERSION + ", found " + version + ")");
    }

    section = "the initial shape";
    float[] initialShape = readColumn();
    if (initialShape.length % 2 != 0 || initialShape.length < 4 || initialShape.length > 2 * MAX_LANDMARKS) {
      throw corrupt("expected an even number of coordinates for 2 to " + MAX_LANDMARKS + " landmarks, found "
          + initialShape.length);
    }

    section = "the forests";
    Forests forests = readForests(initialShape.length);
    int stages = forests.thresholds().length;
    section = "the feature anchors";
    int[][] anchors = readAnchors(stages, initialShape.length / 2);
    section = "the feature offsets";
    float[][] deltas = readDeltas(anchors);

    section = "the end of the file";
    if (peekByte() >= 0) {
      throw corrupt("unexpected data after the model (expected the file to end at byte " + consumed() + " of "
          + fileSize + ")");
    }
    checkSplitFeatures(forests.splitFeatures(), anchors, forests.splitsPerTree());
    return new ShapePredictorModel(initialShape, forests.splitsPerTree(), forests.splitFeatures(),
        forests.thresholds(), forests.leafValues(), anchors, deltas);
  }

  /** The regression trees of every cascade stage, as {@link ShapePredictorModel} holds them. */
  private record Forests(int splitsPerTree, int[][] splitFeatures, float[][] thresholds, float[][] leafValues) {}

  private Forests readForests(int shapeLength) throws IOException {
    // A tree takes at least one split (4 bytes) and two leaves of shapeLength floats (2 bytes each).
    int stages = readCount(6L + 4L * shapeLength);
    if (stages == 0) {
      throw corrupt("expected at least one cascade stage, found none");
    }
    int splitsPerTree = -1;
    int[][] splitFeatures = new int[stages][];
    float[][] thresholds = new float[stages][];
    float[][] leafValues = new float[stages][];
    for (stage = 0; stage < stages; stage++) {
      int trees = readCount(6L + 4L * shapeLength);
      if (trees == 0) {
        throw corrupt("expected at least one tree, found none");
      }
      for (tree = 0; tree < trees; tree++) {
        int splits = readCount(4);
        if (splitsPerTree < 0) {
          splitsPerTree = checkTreeShape(splits);
        }
        if (splits != splitsPerTree) {
          throw corrupt("every tree must have the same depth (expected " + splitsPerTree + " splits, found "
              + splits + ")");
        }
        if (tree == 0) {
          // The tree shape is known now: check that the whole stage fits in the file before allocating it.
          requireBytes(trees, splits * 4L + (splits + 1L) * (2L + shapeLength * 2L), "trees");
          long leafFloats = (long) trees * (splits + 1) * shapeLength;
          if (leafFloats > MAX_ARRAY_LENGTH) {
            throw corrupt("a stage of " + trees + " trees holds " + leafFloats + " leaf values (expected at most "
                + MAX_ARRAY_LENGTH + ")");
          }
          splitFeatures[stage] = new int[trees * splits * 2];
          thresholds[stage] = new float[trees * splits];
          leafValues[stage] = new float[(int) leafFloats];
        }
        readSplits(splitFeatures[stage], thresholds[stage], tree * splits, splits);
        int leaves = readCount(2L + 2L * shapeLength);
        if (leaves != splits + 1) {
          throw corrupt("expected " + (splits + 1) + " leaves for " + splits + " splits, found " + leaves);
        }
        float[] stageLeaves = leafValues[stage];
        for (int leaf = 0; leaf < leaves; leaf++) {
          readColumnInto(stageLeaves, (tree * leaves + leaf) * shapeLength, shapeLength);
        }
      }
    }
    stage = -1;
    tree = -1;
    return new Forests(splitsPerTree, splitFeatures, thresholds, leafValues);
  }

  private int[][] readAnchors(int stages, int landmarks) throws IOException {
    requireStageCount(readCount(1), stages);
    int[][] anchors = new int[stages][];
    for (stage = 0; stage < stages; stage++) {
      int features = readCount(1);
      int[] anchor = new int[features];
      for (int i = 0; i < features; i++) {
        long index = readUnsigned();
        if (index >= landmarks) {
          throw corrupt("feature " + i + " is anchored to landmark " + index + " (expected below " + landmarks + ")");
        }
        anchor[i] = (int) index;
      }
      anchors[stage] = anchor;
    }
    stage = -1;
    return anchors;
  }

  private float[][] readDeltas(int[][] anchors) throws IOException {
    requireStageCount(readCount(1), anchors.length);
    float[][] deltas = new float[anchors.length][];
    for (stage = 0; stage < anchors.length; stage++) {
      int features = readCount(4);
      if (features != anchors[stage].length) {
        throw corrupt("expected one offset per anchored feature (" + anchors[stage].length + "), found " + features);
      }
      float[] delta = new float[features * 2];
      for (int i = 0; i < delta.length; i++) {
        delta[i] = readFloat();
      }
      deltas[stage] = delta;
    }
    stage = -1;
    return deltas;
  }

  /** dlib's trees are complete binary trees: 2^depth - 1 splits. */
  private int checkTreeShape(int splits) {
    int leaves = splits + 1;
    if (splits == 0 || Integer.bitCount(leaves) != 1 || Integer.numberOfTrailingZeros(leaves) > MAX_TREE_DEPTH) {
      throw corrupt("expected a complete tree of depth 1 to " + MAX_TREE_DEPTH + " (2^depth - 1 splits), found "
          + splits + " splits");
    }
    return splits;
  }

  private void readSplits(int[] features, float[] thresholds, int first, int count) throws IOException {
    for (int s = first; s < first + count; s++) {
      features[2 * s] = narrow(readUnsigned(), "split feature index");
      features[2 * s + 1] = narrow(readUnsigned(), "split feature index");
      thresholds[s] = readFloat();
    }
  }

  /** Split indices can only be checked once the anchors say how many features each stage has. */
  private void checkSplitFeatures(int[][] splitFeatures, int[][] anchors, int splitsPerTree) {
    for (int s = 0; s < splitFeatures.length; s++) {
      int features = anchors[s].length;
      int[] indices = splitFeatures[s];
      for (int i = 0; i < indices.length; i++) {
        if (indices[i] >= features) {
          stage = s;
          tree = i / 2 / splitsPerTree;
          section = "the forests";
          throw corrupt("a split reads feature " + indices[i] + " (expected below " + features + ")");
        }
      }
    }
  }

  private void requireStageCount(int found, int stages) {
    if (found != stages) {
      throw corrupt("expected one entry per cascade stage (" + stages + "), found " + found);
    }
  }

  /** A dlib column vector ({@code matrix<float,0,1>}) of any size. */
  private float[] readColumn() throws IOException {
    int size = readColumnHeader(-1);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = readFloat();
    }
    return values;
  }

  private void readColumnInto(float[] target, int offset, int size) throws IOException {
    readColumnHeader(size);
    for (int i = offset; i < offset + size; i++) {
      target[i] = readFloat();
    }
  }

  /**
   * Rows and columns. Current dlib writes them negated, older dlib positive; both are read alike.
   * Returns the element count, which must be {@code expected} unless that is -1.
   */
  private int readColumnHeader(int expected) throws IOException {
    long rows = Math.abs(readInteger());
    long cols = Math.abs(readInteger());
    if (cols != 1 && rows != 1) {
      throw corrupt("expected a column vector, found a " + rows + "x" + cols + " matrix");
    }
    long size = rows * cols;
    if (expected >= 0 && size != expected) {
      throw corrupt("expected a shape of " + expected + " values, found " + size);
    }
    requireBytes(size, 2, "values");
    return (int) size;
  }

  /** A container size whose elements take at least {@code minBytesEach} bytes each. */
  private int readCount(long minBytesEach) throws IOException {
    long count = readUnsigned();
    requireBytes(count, minBytesEach, "entries");
    return (int) count;
  }

  /**
   * Fails unless {@code count} items of at least {@code minBytesEach} bytes each fit in what is
   * left of the file; divides rather than multiplies, so a corrupt count cannot overflow the test.
   */
  private void requireBytes(long count, long minBytesEach, String what) {
    long left = fileSize - consumed();
    if (count > left / minBytesEach) {
      throw corrupt("truncated or corrupt: " + count + " " + what + " need at least " + minBytesEach
          + " bytes each, but only " + left + " bytes remain");
    }
  }

  private int narrow(long value, String what) {
    if (value > Integer.MAX_VALUE) {
      throw corrupt(what + " " + value + " is out of range");
    }
    return (int) value;
  }

  private long readUnsigned() throws IOException {
    long value = readInteger();
    if (value < 0) {
      throw corrupt("expected an unsigned integer, found " + value);
    }
    return value;
  }

  private long readInteger() throws IOException {
    ensureAvailable(MAX_INTEGER_BYTES);
    return decodeInteger();
  }

  private float readFloat() throws IOException {
    ensureAvailable(2 * MAX_INTEGER_BYTES);
    if (position < limit && (buffer[position] & 0x70) != 0) {
      // Text digits have these bits set; dlib before 2013 wrote floats as text.
      throw corrupt("uses dlib's old text encoding for numbers, which is not supported (re-save it with a current dlib)");
    }
    long mantissa = decodeInteger();
    long exponent = decodeInteger();
    if (exponent == EXPONENT_INFINITY || exponent == EXPONENT_NEGATIVE_INFINITY || exponent == EXPONENT_NAN) {
      throw corrupt("expected finite numbers, found " + (exponent == EXPONENT_NAN ? "NaN" : "an infinity"));
    }
    if (exponent < Short.MIN_VALUE || exponent > Short.MAX_VALUE) {
      throw corrupt("float exponent " + exponent + " out of range");
    }
    return (float) Math.scalb((double) mantissa, (int) exponent);
  }

  /**
   * Decodes one integer straight from the buffer, which the caller has filled as far as it can
   * ({@link #ensureAvailable}), so the hot path has no per-byte refill test.
   */
  private long decodeInteger() {
    if (position == limit) {
      throw truncated();
    }
    int control = buffer[position] & 0xff;
    int size = control & 0x0f;
    if ((control & 0x70) != 0 || size > 8) {
      throw corrupt(String.format("expected an integer control byte, found 0x%02x", control));
    }
    if (position + 1 + size > limit) {
      throw truncated();
    }
    long magnitude = 0;
    for (int i = 0; i < size; i++) {
      magnitude |= (long) (buffer[position + 1 + i] & 0xff) << (8 * i);
    }
    if (magnitude < 0) {
      throw corrupt("integer out of range");
    }
    position += 1 + size;
    return (control & 0x80) != 0 ? -magnitude : magnitude;
  }

  /** The next byte without consuming it, or -1 at the end of the file. */
  private int peekByte() throws IOException {
    ensureAvailable(1);
    return position < limit ? buffer[position] & 0xff : -1;
  }

  /** Makes at least {@code count} unread bytes sit in the buffer, or all that the file has left. */
  private void ensureAvailable(int count) throws IOException {
    if (limit - position >= count) {
      return;
    }
    int unread = limit - position;
    System.arraycopy(buffer, position, buffer, 0, unread);
    bufferStart += position;
    position = 0;
    limit = unread;
    while (limit < count) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        return;
      }
      limit += n;
    }
  }

  private ModelException truncated() {
    return corrupt("truncated: the file ends after " + (bufferStart + limit) + " bytes");
  }

  private long consumed() {
    return bufferStart + position;
  }

  private ModelException corrupt(String problem) {
    StringBuilder where = new StringBuilder(" (while reading ").append(section);
    if (stage >= 0) {
      where.append(", cascade stage ").append(stage);
    }
    if (tree >= 0) {
      where.append(", tree ").append(tree);
    }
    where.append(", at byte ").append(consumed()).append(')');
    return new ModelException(source, problem + where);
  }
}
