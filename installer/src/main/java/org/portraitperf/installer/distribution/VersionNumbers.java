package org.portraitperf.installer.distribution;

/** Dotted version numbers (2.35, 3.4.29) compared part by part as numbers, not as text. */
public final class VersionNumbers {
  private VersionNumbers() {}

  public static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i]) : 0;
      int q = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  /** The newer of two versions; null counts as older than any. */
  public static String newer(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return compare(a, b) >= 0 ? a : b;
  }
}
