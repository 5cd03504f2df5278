package org.portraitperf.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long job on standard error. On a terminal it redraws one bar in place (frames,
 * rate, time left); in a log or a pipe it writes a plain line every {@link #PLAIN_INTERVAL_NANOS}
 * so farm logs stay readable and greppable.
 */
final class Progress {
  private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
  static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final boolean interactive;
  private final long started = System.nanoTime();
  private long lastDrawn = started;
  private long done;

  /**
   * @param total expected units, or 0 when unknown
   * @param interactive true to redraw a bar in place (a terminal)
   */
  Progress(PrintWriter err, String label, long total, boolean interactive) {
    this.err = err;
    this.label = label;
    this.total = Math.max(0, total);
    this.interactive = interactive;
  }

  /** Whether standard error is a terminal a bar can be redrawn on. */
  static boolean terminalAttached() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  void advance() {
    advanceTo(done + 1);
  }

  /** For work counted elsewhere (a batch job's store): {@code units} done so far. */
  void advanceTo(long units) {
    done = units;
    long now = System.nanoTime();
    if (now - lastDrawn >= (interactive ? REDRAW_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
      lastDrawn = now;
      draw(now, false);
    }
  }

  void finish() {
    draw(System.nanoTime(), true);
  }

  private void draw(long now, boolean last) {
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    double rate = done / seconds;
    StringBuilder line = new StringBuilder(label).append(' ');
    if (total > 0) {
      double fraction = Math.min(1, (double) done / total);
      if (interactive) {
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        line.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ");
      }
      line.append(String.format(Locale.ROOT, "%d/%d frames (%.0f%%)", done, total, 100 * fraction));
    } else {
      line.append(done).append(" frames");
    }
    line.append(String.format(Locale.ROOT, ", %.1f fps", rate));
    if (!last && total > done && rate > 0) {
      line.append(", ").append(formatDuration((total - done) / rate)).append(" left");
    } else if (last) {
      line.append(", ").append(formatDuration(seconds)).append(" elapsed");
    }
    if (interactive) {
      err.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
    } else {
      err.println(line);
    }
    err.flush();
  }

  static String formatDuration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
