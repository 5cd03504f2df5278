package org.portraitperf.installer.install;

import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.platform.Locations;

/** Finds the installation the commands after install work on. */
final class Installations {
  private Installations() {}

  /**
   * The record of the installation in {@code where}.
   *
   * @throws InstallerException naming where it looked when there is none
   */
  static InstallRecord require(Locations where, Root root) {
    return InstallRecord.read(root.place(where.record())).orElseThrow(() -> new InstallerException(
        root.place(where.record()).toString(), "not found: " + Product.NAME + " is not installed there"
            + " (name the installation's folder with --app-dir, and its scratch root with --root)"));
  }
}
