package org.portraitperf.jobs;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Ids of jobs and farm submissions: sortable by time, unique without coordination, short enough to type. */
public final class JobIds {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final SecureRandom RANDOM = new SecureRandom();

  private JobIds() {}

  /** E.g. {@code 20260812-101500-3fa9}. */
  public static String next() {
    byte[] tag = new byte[2];
    RANDOM.nextBytes(tag);
    return LocalDateTime.now().format(TIME) + "-" + HexFormat.of().formatHex(tag);
  }
}
