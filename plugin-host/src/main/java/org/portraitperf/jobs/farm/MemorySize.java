package org.portraitperf.jobs.farm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory as a job spec states it: whole gigabytes ({@code 8g}) or megabytes
 * ({@code 1536m}). Cuebot reads a bare number as gigabytes, and fails the whole launch on a
 * fractional gigabyte ({@code 1.5g}), so that is refused here, where the fix is easy to say.
 *
 * @param megabytes the amount, at least 1 MB
 */
public record MemorySize(long megabytes) {
  private static final Pattern TEXT = Pattern.compile("(\\d{1,9})\\s*([gGmM]?)");

  public MemorySize {
    if (megabytes < 1) {
      throw new IllegalArgumentException("a memory size must be 1m or more, found " + megabytes + "m");
    }
  }

  /**
   * Reads {@code 8g}, {@code 1536m} or {@code 8} (gigabytes).
   *
   * @throws IllegalArgumentException naming the text and the forms allowed
   */
  public static MemorySize parse(String text) {
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      String hint = text.strip().matches("\\d*\\.\\d+\\s*[gG]")
          ? " (Cuebot takes only whole gigabytes; write megabytes, e.g. 1536m for 1.5g)" : " (expected e.g. 8g or 1536m)";
      throw new IllegalArgumentException("memory '" + text + "' is not a size" + hint);
    }
    long amount = Long.parseLong(m.group(1));
    boolean mega = m.group(2).equalsIgnoreCase("m");
    return new MemorySize(mega ? amount : amount * 1024);
  }

  /** As the spec writes it: whole gigabytes when it is some, else megabytes. */
  public String specText() {
    return megabytes % 1024 == 0 ? (megabytes / 1024) + "g" : megabytes + "m";
  }

  @Override
  public String toString() {
    return specText();
  }
}
