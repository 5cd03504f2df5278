package org.portraitperf.installer.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import org.portraitperf.installer.install.Consent;
import picocli.CommandLine.Option;

/**
 * How to treat hosts' plug-in caches that remember the plug-in: ask (on a terminal), clear, or keep.
 * Unattended runs keep them unless told to clear: deleting a user's host files takes a yes.
 */
final class CacheOptions {
  @Option(names = "--clear-host-caches",
      description = "Delete hosts' plug-in caches that remember Portrait Performance (Resolve, Nuke) without asking.")
  boolean clear;

  @Option(names = "--keep-host-caches", description = "Leave hosts' plug-in caches alone without asking.")
  boolean keep;

  @Option(names = {"-y", "--yes"},
      description = "Never ask; run unattended (host caches are kept unless --clear-host-caches).")
  boolean yes;

  Consent consent(PrintWriter out) {
    if (clear && keep) {
      throw new IllegalArgumentException("--clear-host-caches and --keep-host-caches contradict each other");
    }
    if (clear) {
      return question -> true;
    }
    Console console = System.console();
    if (keep || yes || console == null) {
      return question -> false;
    }
    return question -> {
      out.flush();
      String answer = console.readLine("%s [y/N] ", question);
      return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    };
  }
}
