package org.portraitperf.installer;

/** The names the product is known by on disk, in hosts and in package managers. */
public final class Product {
  private Product() {}

  /** As users read it. */
  public static final String NAME = "Portrait Performance";

  /** As file, package and service names spell it. */
  public static final String ID = "portrait-performance";

  /** The OpenFX bundle the bridge builds. */
  public static final String BUNDLE = "PortraitPerformance.ofx.bundle";

  /** The effect's identifier, as hosts record it in their plug-in caches. */
  public static final String PLUGIN_IDENTIFIER = "org.portraitperf.PortraitPerformance";
}
