package org.portraitperf.installer.distribution;

/**
 * The facts a distribution carries in its {@value Distribution#INFO}.
 *
 * @param format this file's format version
 * @param product {@link org.portraitperf.installer.Product#ID}
 * @param version the product's version, as its jars were built
 * @param platform the platform it runs on, e.g. {@code linux-x86_64}
 * @param bundle the OpenFX bundle's folder name
 * @param requires what it needs of the machine
 * @param builtAt when it was built (ISO-8601, UTC)
 */
public record DistributionInfo(int format, String product, String version, String platform, String bundle,
    Requirements requires, String builtAt) {
  public static final int FORMAT = 1;
}
