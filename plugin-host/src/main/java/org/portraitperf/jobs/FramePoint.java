package org.portraitperf.jobs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portraitperf.media.Rational;

/**
 * An in or out point of a take: a 0-based driving frame, or SMPTE non-drop timecode
 * {@code HH:MM:SS:FF} counted at the clip's nominal rate (29.97 counts as 30, as editors do).
 *
 * @param frame the frame number, or -1 when {@code timecode} is given
 * @param timecode the timecode as written, or null
 */
public record FramePoint(int frame, String timecode) {
  private static final Pattern TIMECODE = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})[:;](\\d{1,3})");

  public FramePoint {
    if (timecode == null && frame < 0) {
      throw new IllegalArgumentException("a frame number must be 0 or more, found " + frame);
    }
    if (timecode != null && (frame != -1 || !TIMECODE.matcher(timecode).matches())) {
      throw new IllegalArgumentException("'" + timecode + "' is not timecode HH:MM:SS:FF");
    }
  }

  public static FramePoint ofFrame(int frame) {
    return new FramePoint(frame, null);
  }

  /** A frame number or a timecode, as a manifest or CSV cell spells it. */
  public static FramePoint parse(String text) {
    String value = text.trim();
    if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
      try {
        return ofFrame(Integer.parseInt(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("frame number '" + text + "' is too large");
      }
    }
    return new FramePoint(-1, value);
  }

  /**
   * The frame number at {@code rate}.
   *
   * @throws IllegalArgumentException when the timecode's frame field does not exist at that rate
   */
  public int resolve(Rational rate) {
    if (timecode == null) {
      return frame;
    }
    Matcher m = TIMECODE.matcher(timecode);
    if (!m.matches()) {
      throw new IllegalStateException("checked at construction");
    }
    int fps = (int) Math.round(rate.toDouble());
    int frames = Integer.parseInt(m.group(4));
    int minutes = Integer.parseInt(m.group(2));
    int seconds = Integer.parseInt(m.group(3));
    if (frames >= fps || minutes > 59 || seconds > 59) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "timecode %s does not exist at %s fps (frames 00..%02d)", timecode, rate, fps - 1));
    }
    long total = ((Integer.parseInt(m.group(1)) * 60L + minutes) * 60 + seconds) * fps + frames;
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  @Override
  public String toString() {
    return timecode != null ? timecode : Integer.toString(frame);
  }
}
