package org.portraitperf.engine;

import java.util.Locale;
import java.util.Objects;
import org.portraitperf.face.FaceSelection;

/**
 * Every control of an animation, as one value used by every entry point (command line, sidecar,
 * batch manifests). See {@link Controls} for the names users see.
 *
 * @param reference the driving frame whose face counts as neutral
 * @param motion relative (driving motion added to the portrait's own expression) or absolute
 * @param gains per-region multipliers of the transferred motion
 * @param strength overall amount of motion, 0 (the portrait unchanged) to 1 (full)
 * @param detail how much of the driving's creases and wrinkles is carried over, 0 to 1
 * @param smoothing temporal smoothing of the driving motion, 0 (none) to 1 (heavy)
 * @param feather width of the paste-back mask's soft edge, as a fraction of the face size, 0 to 1
 * @param colourMatch whether synthesised regions are colour-matched to the portrait
 * @param face which face of the driving clip to follow
 * @param layout what the output frame shows
 */
public record EngineSettings(
    ReferenceFrame reference,
    MotionMode motion,
    RegionGains gains,
    double strength,
    double detail,
    double smoothing,
    double feather,
    boolean colourMatch,
    FaceSelection face,
    OutputLayout layout) {

  public static final EngineSettings DEFAULTS = new EngineSettings(
      ReferenceFrame.FIRST, MotionMode.RELATIVE, RegionGains.NEUTRAL, 1.0, 0.5, 0.5, 0.15, true,
      FaceSelection.LARGEST, OutputLayout.PORTRAIT_CANVAS);

  public EngineSettings {
    Objects.requireNonNull(reference, Controls.REFERENCE_FRAME);
    Objects.requireNonNull(motion, Controls.MOTION);
    Objects.requireNonNull(gains, "gains");
    Objects.requireNonNull(face, Controls.FACE);
    Objects.requireNonNull(layout, Controls.LAYOUT);
    Ranges.require(Controls.STRENGTH, strength, 0, 1);
    Ranges.require(Controls.DETAIL, detail, 0, 1);
    Ranges.require(Controls.SMOOTHING, smoothing, 0, 1);
    Ranges.require(Controls.FEATHER, feather, 0, 1);
  }

  /**
   * Range checks in a class of their own: were they a static method of this class, building a
   * {@link RegionGains} first would start initialising this class, whose {@link #DEFAULTS} needs
   * {@link RegionGains#NEUTRAL} before it exists.
   */
  static final class Ranges {
    private Ranges() {}

    static void require(String control, double value, double min, double max) {
      if (!(value >= min && value <= max)) {
        throw new IllegalArgumentException(
            control + " must be between " + min + " and " + max + ", found " + value);
      }
    }
  }

  /** Which driving frame is the neutral one. */
  public record ReferenceFrame(boolean auto, int index) {
    public static final ReferenceFrame FIRST = new ReferenceFrame(false, 0);
    public static final ReferenceFrame AUTO = new ReferenceFrame(true, 0);

    public ReferenceFrame {
      if (index < 0) {
        throw new IllegalArgumentException(Controls.REFERENCE_FRAME + " must be 0 or more, found " + index);
      }
    }

    /** Parses {@code auto} or a frame index. */
    public static ReferenceFrame parse(String text) {
      String value = text.trim().toLowerCase(Locale.ROOT);
      if (value.equals("auto")) {
        return AUTO;
      }
      try {
        return new ReferenceFrame(false, Integer.parseInt(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            Controls.REFERENCE_FRAME + " '" + text + "' is neither 'auto' nor a frame number");
      }
    }

    @Override
    public String toString() {
      return auto ? "auto" : Integer.toString(index);
    }
  }

  /** How driving motion is applied. */
  public enum MotionMode {
    /** The change from the reference frame is added to the portrait's own pose and expression. */
    RELATIVE,
    /** The portrait takes the driving's pose and expression as they are. */
    ABSOLUTE;

    /** The control's value as users write it. */
    public String controlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code relative} or {@code absolute}, in any case. */
    public static MotionMode parse(String text) {
      for (MotionMode mode : values()) {
        if (mode.controlName().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return mode;
        }
      }
      throw new IllegalArgumentException(Controls.MOTION + " '" + text + "' is neither relative nor absolute");
    }
  }

  /** Per-region multipliers of the transferred motion, each 0 to 2 (1 = as driven). */
  public record RegionGains(double head, double expression, double eyes, double lips) {
    public static final RegionGains NEUTRAL = new RegionGains(1, 1, 1, 1);

    public RegionGains {
      Ranges.require(Controls.HEAD_GAIN, head, 0, 2);
      Ranges.require(Controls.EXPRESSION_GAIN, expression, 0, 2);
      Ranges.require(Controls.EYES_GAIN, eyes, 0, 2);
      Ranges.require(Controls.LIPS_GAIN, lips, 0, 2);
    }
  }

  /** What an output frame shows. */
  public enum OutputLayout {
    /** The animated portrait at the portrait's own size (the default). */
    PORTRAIT_CANVAS("portrait"),
    /** The animated portrait fitted into a frame the size of the driving clip's. */
    FIT_DRIVING("fit"),
    /** Only the animated face, on a transparent background (alpha), at the portrait's size. */
    FACE_LAYER("face-layer");

    private final String controlName;

    OutputLayout(String controlName) {
      this.controlName = controlName;
    }

    /** The control's value as users write it, shorter than the constant's name. */
    public String controlName() {
      return controlName;
    }

    /** Parses a control value ({@code portrait}, {@code fit}, {@code face-layer}), in any case. */
    public static OutputLayout parse(String text) {
      for (OutputLayout layout : values()) {
        if (layout.controlName.equals(text.trim().toLowerCase(Locale.ROOT))) {
          return layout;
        }
      }
      throw new IllegalArgumentException(Controls.LAYOUT + " '" + text + "' is not one of: portrait, fit, face-layer");
    }
  }
}
