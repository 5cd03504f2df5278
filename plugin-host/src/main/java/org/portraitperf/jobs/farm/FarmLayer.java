package org.portraitperf.jobs.farm;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portraitperf.jobs.RangeFolder;

/**
 * A layer of a farm job.
 *
 * @param range the layer's frame set as the scheduler states it ({@code 0-77})
 * @param chunk frames per task
 */
public record FarmLayer(String name, Type type, String range, int chunk) {
  /** Render layers render driving frames; a utility layer (assembly) does one step after them. */
  public enum Type { RENDER, UTIL, OTHER }

  private static final Pattern SPAN = Pattern.compile("(\\d+)(?:-(\\d+))?");

  public FarmLayer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    range = range == null ? "" : range;
  }

  /** The layer's frames when its range is one plain span (as this project writes them), or null. */
  public RangeFolder.Span frames() {
    Matcher m = SPAN.matcher(range.strip());
    if (!m.matches()) {
      return null;
    }
    int first = Integer.parseInt(m.group(1));
    return new RangeFolder.Span(first, m.group(2) == null ? first : Integer.parseInt(m.group(2)));
  }
}
