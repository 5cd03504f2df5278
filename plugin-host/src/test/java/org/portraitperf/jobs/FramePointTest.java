package org.portraitperf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.portraitperf.media.Rational;

class FramePointTest {

  @Test
  void parse_digits_isThatFrameAtAnyRate() {
    assertEquals(120, FramePoint.parse("120").resolve(new Rational(30000, 1001)));
  }

  @Test
  void resolve_timecodeAt25_countsHoursMinutesSecondsAndFrames() {
    assertEquals(((60 + 2) * 60 + 3) * 25 + 4, FramePoint.parse("01:02:03:04").resolve(Rational.of(25)));
  }

  @Test
  void resolve_timecodeAtNtscRate_countsAtTheNominalThirty() {
    assertEquals(5 * 30 + 29, FramePoint.parse("00:00:05;29").resolve(new Rational(30000, 1001)));
  }

  @Test
  void resolve_frameFieldBeyondTheRate_saysWhichFramesExist() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FramePoint.parse("00:00:01:25").resolve(Rational.of(25)));
    assertTrue(e.getMessage().contains("00:00:01:25") && e.getMessage().contains("00..24"), e.getMessage());
  }

  @Test
  void parse_neitherNumberNorTimecode_isRefusedNamingTheText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FramePoint.parse("1.5s"));
    assertTrue(e.getMessage().contains("'1.5s'"), e.getMessage());
  }
}
