package org.portraitperf.cli;

import org.portraitperf.engine.Controls;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.MotionMode;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.engine.EngineSettings.ReferenceFrame;
import org.portraitperf.engine.EngineSettings.RegionGains;
import org.portraitperf.face.FaceSelection;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The animation controls as command-line flags, a picocli mixin so that every command that animates
 * ({@code animate}, later {@code batch}) spells them the same way. Flag names are the
 * {@link Controls} names with {@code --} in front; defaults are {@link EngineSettings#DEFAULTS}.
 */
final class EngineOptions {
  private static final EngineSettings D = EngineSettings.DEFAULTS;

  @Option(names = "--" + Controls.ENGINE, paramLabel = "NAME", defaultValue = EngineSelector.AUTO,
      description = {"auto (default: neural when a verified LivePortrait model pack is installed, else warp; it says",
          "which and why), neural (the LivePortrait model pack, see `models list`) or warp (embedded, CPU)."})
  String engine;

  @Option(names = "--" + Controls.REFERENCE_FRAME, paramLabel = "N|auto", defaultValue = "0",
      converter = ReferenceFrameConverter.class,
      description = "The driving frame whose face counts as neutral: a frame number (default 0) or auto (the most neutral frame).")
  ReferenceFrame reference;

  @Option(names = "--" + Controls.MOTION, paramLabel = "MODE", defaultValue = "relative", converter = MotionConverter.class,
      description = "relative (default: the driving's change from the reference frame is added to the portrait) or absolute.")
  MotionMode motion;

  @Option(names = "--" + Controls.HEAD_GAIN, paramLabel = "G", description = "Head motion multiplier, 0..2 (default ${DEFAULT-VALUE}).")
  double headGain = D.gains().head();

  @Option(names = "--" + Controls.EXPRESSION_GAIN, paramLabel = "G", description = "Expression multiplier, 0..2 (default ${DEFAULT-VALUE}).")
  double expressionGain = D.gains().expression();

  @Option(names = "--" + Controls.EYES_GAIN, paramLabel = "G", description = "Eye (blink, gaze) multiplier, 0..2 (default ${DEFAULT-VALUE}).")
  double eyesGain = D.gains().eyes();

  @Option(names = "--" + Controls.LIPS_GAIN, paramLabel = "G", description = "Lip and jaw multiplier, 0..2 (default ${DEFAULT-VALUE}).")
  double lipsGain = D.gains().lips();

  @Option(names = "--" + Controls.STRENGTH, paramLabel = "S", description = "Overall amount of motion, 0..1 (default ${DEFAULT-VALUE}).")
  double strength = D.strength();

  @Option(names = "--" + Controls.DETAIL, paramLabel = "D", description = "How much of the driving's creases carries over, 0..1 (default ${DEFAULT-VALUE}).")
  double detail = D.detail();

  @Option(names = "--" + Controls.SMOOTHING, paramLabel = "S", description = "Temporal smoothing of the driving motion, 0 (none)..1 (heavy) (default ${DEFAULT-VALUE}).")
  double smoothing = D.smoothing();

  @Option(names = "--" + Controls.FEATHER, paramLabel = "F", description = "Soft edge of the paste-back mask, fraction of the face size, 0..1 (default ${DEFAULT-VALUE}).")
  double feather = D.feather();

  @Option(names = "--" + Controls.COLOUR_MATCH, negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Colour-match synthesised regions to the portrait (default on; --no-colour-match turns it off).")
  boolean colourMatch;

  @Option(names = "--" + Controls.FACE, paramLabel = "WHICH", defaultValue = "largest", converter = FaceSelectionConverter.class,
      description = "Which face of the driving clip to follow: largest (default), index:N (N-th from the left), at:X,Y (nearest to a point, fractions of the frame).")
  FaceSelection face;

  @Option(names = "--" + Controls.LAYOUT, paramLabel = "LAYOUT", defaultValue = "portrait", converter = LayoutConverter.class,
      description = "portrait (default: the animated portrait at its own size), fit (fitted into a frame of the"
          + " driving clip's size) or face-layer (only the face, on transparency: needs .mov or a PNG sequence).")
  OutputLayout layout;

  /**
   * The flags as one settings value.
   *
   * @throws CommandLine.ParameterException (a usage error) when a value is out of range, naming the flag
   */
  EngineSettings settings(CommandLine commandLine) {
    try {
      return new EngineSettings(reference, motion, new RegionGains(headGain, expressionGain, eyesGain, lipsGain),
          strength, detail, smoothing, feather, colourMatch, face, layout);
    } catch (IllegalArgumentException e) {
      // The settings name the control; the user typed the flag.
      throw new CommandLine.ParameterException(commandLine, "--" + e.getMessage());
    }
  }

  static final class ReferenceFrameConverter implements CommandLine.ITypeConverter<ReferenceFrame> {
    @Override
    public ReferenceFrame convert(String value) {
      try {
        return ReferenceFrame.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class MotionConverter implements CommandLine.ITypeConverter<MotionMode> {
    @Override
    public MotionMode convert(String value) {
      try {
        return MotionMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is neither relative nor absolute");
      }
    }
  }

  static final class LayoutConverter implements CommandLine.ITypeConverter<OutputLayout> {
    @Override
    public OutputLayout convert(String value) {
      try {
        return OutputLayout.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not one of: portrait, fit, face-layer");
      }
    }
  }
}
