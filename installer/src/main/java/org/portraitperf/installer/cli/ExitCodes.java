package org.portraitperf.installer.cli;

/** Exit codes of pp-setup, documented in the README so scripts and deployment tools can branch on them. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  /** A fault of this program: report it. */
  static final int INTERNAL_ERROR = 1;
  /** Unknown command, flag or malformed value. */
  static final int USAGE = 2;
  /** Something named cannot be used: a distribution, a folder, a manifest, a tool; or no permission to write. */
  static final int BAD_INPUT = 3;
  /** A model or model pack could not be fetched or failed its checksum. */
  static final int MODEL_PROBLEM = 4;
  /** The installation is not as installed (verify), or doctor found something to fix. */
  static final int DAMAGED = 6;
}
