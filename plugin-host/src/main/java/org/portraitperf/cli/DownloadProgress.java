package org.portraitperf.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.portraitperf.models.PackProgress;

/**
 * A model pack install as the user sees it: step lines on standard output, and per file a bar
 * with megabytes, rate and time left on standard error, redrawn in place on a terminal and a plain
 * line every few seconds in a log.
 */
final class DownloadProgress implements PackProgress {
  private static final long REDRAW_INTERVAL_NANOS = 200_000_000L;
  private static final int BAR_WIDTH = 30;
  private static final double MB = 1 << 20;

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean interactive;
  private String file;
  private long fileStarted;
  private long startBytes;
  private long lastDrawn;

  DownloadProgress(PrintWriter out, PrintWriter err, boolean interactive) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  @Override
  public void step(String line) {
    out.println(line);
    out.flush();
  }

  @Override
  public void bytes(String name, long done, long total) {
    long now = System.nanoTime();
    if (!name.equals(file)) {
      file = name;
      fileStarted = now;
      startBytes = done;
      lastDrawn = now - Progress.PLAIN_INTERVAL_NANOS;
    }
    boolean finished = total > 0 && done >= total;
    if (!finished && now - lastDrawn < (interactive ? REDRAW_INTERVAL_NANOS : Progress.PLAIN_INTERVAL_NANOS)) {
      return;
    }
    lastDrawn = now;
    double seconds = Math.max(1e-9, (now - fileStarted) / 1e9);
    double rate = (done - startBytes) / seconds;
    StringBuilder line = new StringBuilder(name).append(' ');
    if (total > 0) {
      double fraction = Math.min(1, (double) done / total);
      if (interactive) {
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        line.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ");
      }
      line.append(String.format(Locale.ROOT, "%.1f/%.1f MB (%.0f%%)", done / MB, total / MB, 100 * fraction));
    } else {
      line.append(String.format(Locale.ROOT, "%.1f MB", done / MB));
    }
    line.append(String.format(Locale.ROOT, ", %.1f MB/s", rate / MB));
    if (!finished && total > done && rate > 0) {
      line.append(", ").append(Progress.formatDuration((total - done) / rate)).append(" left");
    }
    if (interactive) {
      err.print("\r" + line + "\u001b[K" + (finished ? "\n" : ""));
    } else {
      err.println(line);
    }
    err.flush();
  }
}
