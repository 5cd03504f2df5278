package org.portraitperf.media;

/**
 * An exact ratio such as a frame rate (30000/1001) or a sample aspect ratio (4/3). Kept as a pair
 * of integers because a double loses NTSC rates: 29.97 is not 30000/1001, and the difference
 * drifts by a frame every few minutes.
 */
public record Rational(int num, int den) {

  public Rational {
    if (num <= 0 || den <= 0) {
      throw new IllegalArgumentException("a rational must be positive, found " + num + "/" + den);
    }
    int g = gcd(num, den);
    num /= g;
    den /= g;
  }

  /** A whole number, e.g. {@code Rational.of(25)} for 25 fps. */
  public static Rational of(int whole) {
    return new Rational(whole, 1);
  }

  public double toDouble() {
    return (double) num / den;
  }

  /** Microseconds covered by {@code count} periods of this rate, rounded to the nearest. */
  public long periodsToMicros(long count) {
    return Math.round(count * 1_000_000.0 * den / num);
  }

  @Override
  public String toString() {
    return den == 1 ? Integer.toString(num) : num + "/" + den;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
