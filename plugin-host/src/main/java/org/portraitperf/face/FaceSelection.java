package org.portraitperf.face;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which face to follow when a picture holds several. The same words are used by every entry point:
 * {@code largest} (the default), {@code index:N} (N-th face from the left, from 0), or
 * {@code at:X,Y} (the face nearest a point given as fractions of the width and height).
 */
public record FaceSelection(Mode mode, int index, double x, double y) {

  public enum Mode {
    LARGEST,
    INDEX,
    NEAREST
  }

  public static final FaceSelection LARGEST = new FaceSelection(Mode.LARGEST, 0, 0, 0);

  public FaceSelection {
    if (mode == Mode.INDEX && index < 0) {
      throw new IllegalArgumentException("face index must be 0 or more, found " + index);
    }
    if (mode == Mode.NEAREST && (x < 0 || x > 1 || y < 0 || y > 1)) {
      throw new IllegalArgumentException("face position must be fractions between 0 and 1, found " + x + "," + y);
    }
  }

  /** Parses {@code largest}, {@code index:N} or {@code at:X,Y}. */
  public static FaceSelection parse(String text) {
    String value = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (value.equals("largest")) {
        return LARGEST;
      }
      if (value.startsWith("index:")) {
        return new FaceSelection(Mode.INDEX, Integer.parseInt(value.substring(6)), 0, 0);
      }
      if (value.startsWith("at:")) {
        String[] parts = value.substring(3).split(",");
        if (parts.length == 2) {
          return new FaceSelection(Mode.NEAREST, 0, Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        }
      }
    } catch (NumberFormatException e) {
      // Falls through to the message that shows the accepted forms.
    }
    throw new IllegalArgumentException(
        "face selection '" + text + "' is not one of: largest, index:N, at:X,Y");
  }

  /** The chosen detection, or empty when the picture has no face that matches. */
  public Optional<Detection> pick(List<Detection> faces, int imageWidth, int imageHeight) {
    return switch (mode) {
      case LARGEST -> faces.stream().max(Comparator.comparingDouble(Detection::area));
      case INDEX -> {
        List<Detection> leftToRight =
            faces.stream().sorted(Comparator.comparingDouble(Detection::centerX)).toList();
        yield index < leftToRight.size() ? Optional.of(leftToRight.get(index)) : Optional.empty();
      }
      case NEAREST -> faces.stream().min(Comparator.comparingDouble(
          d -> Math.hypot(d.centerX() - x * imageWidth, d.centerY() - y * imageHeight)));
    };
  }

  @Override
  public String toString() {
    return switch (mode) {
      case LARGEST -> "largest";
      case INDEX -> "index:" + index;
      case NEAREST -> "at:" + x + "," + y;
    };
  }
}
