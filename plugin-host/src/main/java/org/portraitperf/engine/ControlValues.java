package org.portraitperf.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.portraitperf.engine.EngineSettings.MotionMode;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.engine.EngineSettings.ReferenceFrame;
import org.portraitperf.engine.EngineSettings.RegionGains;
import org.portraitperf.face.FaceSelection;

/**
 * Settings as text, keyed by {@link Controls} names: what provenance records list and what batch
 * manifests hold. One place turns values into settings and back, so a manifest, a record and a
 * flag spell every value the same way.
 */
public final class ControlValues {
  private ControlValues() {}

  /** Every control's value by control name, {@link Controls#ENGINE} first. */
  public static Map<String, String> of(String engineName, EngineSettings settings) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(Controls.ENGINE, engineName);
    values.put(Controls.REFERENCE_FRAME, settings.reference().toString());
    values.put(Controls.MOTION, settings.motion().controlName());
    values.put(Controls.HEAD_GAIN, Double.toString(settings.gains().head()));
    values.put(Controls.EXPRESSION_GAIN, Double.toString(settings.gains().expression()));
    values.put(Controls.EYES_GAIN, Double.toString(settings.gains().eyes()));
    values.put(Controls.LIPS_GAIN, Double.toString(settings.gains().lips()));
    values.put(Controls.STRENGTH, Double.toString(settings.strength()));
    values.put(Controls.DETAIL, Double.toString(settings.detail()));
    values.put(Controls.SMOOTHING, Double.toString(settings.smoothing()));
    values.put(Controls.FEATHER, Double.toString(settings.feather()));
    values.put(Controls.COLOUR_MATCH, Boolean.toString(settings.colourMatch()));
    values.put(Controls.FACE, settings.face().toString());
    values.put(Controls.LAYOUT, settings.layout().controlName());
    return values;
  }

  /**
   * {@code base} with the given controls changed; {@link Controls#ENGINE} is not a setting and is
   * ignored here.
   *
   * @throws IllegalArgumentException naming the control, for an unknown name or a bad value
   */
  public static EngineSettings apply(EngineSettings base, Map<String, String> values) {
    ReferenceFrame reference = base.reference();
    MotionMode motion = base.motion();
    double head = base.gains().head();
    double expression = base.gains().expression();
    double eyes = base.gains().eyes();
    double lips = base.gains().lips();
    double strength = base.strength();
    double detail = base.detail();
    double smoothing = base.smoothing();
    double feather = base.feather();
    boolean colourMatch = base.colourMatch();
    FaceSelection face = base.face();
    OutputLayout layout = base.layout();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String value = entry.getValue().trim();
      switch (entry.getKey()) {
        case Controls.ENGINE -> { }
        case Controls.REFERENCE_FRAME -> reference = ReferenceFrame.parse(value);
        case Controls.MOTION -> motion = MotionMode.parse(value);
        case Controls.HEAD_GAIN -> head = number(Controls.HEAD_GAIN, value);
        case Controls.EXPRESSION_GAIN -> expression = number(Controls.EXPRESSION_GAIN, value);
        case Controls.EYES_GAIN -> eyes = number(Controls.EYES_GAIN, value);
        case Controls.LIPS_GAIN -> lips = number(Controls.LIPS_GAIN, value);
        case Controls.STRENGTH -> strength = number(Controls.STRENGTH, value);
        case Controls.DETAIL -> detail = number(Controls.DETAIL, value);
        case Controls.SMOOTHING -> smoothing = number(Controls.SMOOTHING, value);
        case Controls.FEATHER -> feather = number(Controls.FEATHER, value);
        case Controls.COLOUR_MATCH -> colourMatch = flag(value);
        case Controls.FACE -> face = FaceSelection.parse(value);
        case Controls.LAYOUT -> layout = OutputLayout.parse(value);
        default -> throw new IllegalArgumentException("'" + entry.getKey() + "' is not a control (expected one of: "
            + String.join(", ", of(EngineSelector.AUTO, EngineSettings.DEFAULTS).keySet()) + ")");
      }
    }
    return new EngineSettings(reference, motion, new RegionGains(head, expression, eyes, lips), strength, detail,
        smoothing, feather, colourMatch, face, layout);
  }

  private static double number(String control, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(control + " '" + value + "' is not a number");
    }
  }

  private static boolean flag(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes" -> true;
      case "false", "off", "no" -> false;
      default -> throw new IllegalArgumentException(Controls.COLOUR_MATCH + " '" + value + "' is neither true nor false");
    };
  }
}
