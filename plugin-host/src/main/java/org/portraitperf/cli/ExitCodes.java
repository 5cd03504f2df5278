package org.portraitperf.cli;

/**
 * Exit codes of every command of both programs, {@code pp} and {@code pp-setup}, documented in the
 * README so scripts, farms and deployment tools can branch on them.
 */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;
  /** A fault of this program, not of the input: report it. */
  public static final int INTERNAL_ERROR = 1;
  /** Unknown command, flag or malformed value. */
  public static final int USAGE = 2;
  /**
   * The input cannot be used: missing, corrupt, unsupported, no face; for pp-setup also a
   * distribution, folder or tool that cannot be used, or no permission to write.
   */
  public static final int BAD_INPUT = 3;
  /** A model or model pack is missing, cannot be fetched or fails its checksum. */
  public static final int MODEL_PROBLEM = 4;
  /**
   * The render farm cannot take the job: its scheduler cannot be reached or refused it, or a file of
   * the job lies where farm hosts cannot see it.
   */
  public static final int FARM = 5;
  /** pp-setup: the installation is not as installed (verify), or doctor found something to fix. */
  public static final int DAMAGED = 6;
  /** Stopped by Ctrl-C or a signal. */
  public static final int INTERRUPTED = 130;
}
