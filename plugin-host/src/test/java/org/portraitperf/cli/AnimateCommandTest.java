package org.portraitperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@code animate} refuses before touching any file or model. */
class AnimateCommandTest {

  /** {@code animate} on inputs that need not exist: these errors come first. */
  private static CommandRun animate(String... extra) {
    String[] base = {"animate", "--portrait", "p.jpg", "--driving", "d.mp4", "--out", "o.mp4"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CommandRun.of(args);
  }

  @Test
  void animate_strengthOutOfRange_isUsageErrorNamingTheFlag() {
    CommandRun result = animate("--strength", "2");
    assertEquals(ExitCodes.USAGE, result.code(), result.err());
    assertTrue(result.err().contains("--strength must be between 0.0 and 1.0, found 2.0"), result.err());
  }

  @Test
  void animate_unknownLayout_isUsageErrorNamingTheFlag() {
    CommandRun result = animate("--layout", "poster");
    assertEquals(ExitCodes.USAGE, result.code(), result.err());
    assertTrue(result.err().contains("--layout") && result.err().contains("portrait, fit, face-layer"), result.err());
  }

  @Test
  void animate_faceLayerToMp4_isUsageErrorSayingWhatKeepsAlpha() {
    CommandRun result = animate("--layout", "face-layer");
    assertEquals(ExitCodes.USAGE, result.code(), result.err());
    assertTrue(result.err().contains(".mov"), result.err());
  }

  @Test
  void animate_unknownEncoderPreset_isUsageErrorListingThePresets() {
    CommandRun result = animate("--encoder-preset", "lightning");
    assertEquals(ExitCodes.USAGE, result.code(), result.err());
    assertTrue(result.err().contains("--encoder-preset 'lightning'") && result.err().contains("superfast"), result.err());
  }

  @Test
  void animate_encoderPresetForProRes_isUsageErrorSayingH264Only() {
    CommandRun result = CommandRun.of("animate", "--portrait", "p.jpg", "--driving", "d.mp4", "--out", "o.mov",
        "--encoder-preset", "ultrafast");
    assertEquals(ExitCodes.USAGE, result.code(), result.err());
    assertTrue(result.err().contains("H.264 output only"), result.err());
  }

}
