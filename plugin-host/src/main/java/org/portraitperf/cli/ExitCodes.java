package org.portraitperf.cli;

/** Exit codes of every command, documented in the README so scripts and farms can branch on them. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  /** A fault of this program, not of the input: report it. */
  static final int INTERNAL_ERROR = 1;
  /** Unknown command, flag or malformed value. */
  static final int USAGE = 2;
  /** The input cannot be used: missing, corrupt, unsupported, no face. */
  static final int BAD_INPUT = 3;
  /** A model is missing or fails its checksum. */
  static final int MODEL_PROBLEM = 4;
  /**
   * The render farm cannot take the job: its scheduler cannot be reached or refused it, or a file of
   * the job lies where farm hosts cannot see it.
   */
  static final int FARM = 5;
  /** Stopped by Ctrl-C or a signal. */
  static final int INTERRUPTED = 130;
}
