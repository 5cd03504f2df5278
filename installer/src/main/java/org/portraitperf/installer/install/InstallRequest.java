package org.portraitperf.installer.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Locations;

/**
 * One install or upgrade.
 *
 * @param locations where the bundle and the application folder go (final paths)
 * @param root where those paths land on disk
 * @param models whether the face models go into the application folder (a farm host reading
 *     PP_MODELS_DIR from shared storage needs none)
 * @param offline the folder models and packs come from on a machine without network
 * @param packs model packs to add, by id or manifest file; packs installed before are kept
 * @param userService true to add a sidecar started at login, false to take it away, empty to keep
 *     what the current installation has
 * @param manager who owns the result: {@link InstallRecord#BY_SETUP}, or {@link InstallRecord#BY_DPKG}
 *     when a Debian package is being staged
 */
public record InstallRequest(Distribution distribution, Locations locations, Root root, Environment environment,
    boolean models, Optional<Path> offline, List<String> packs, Optional<Boolean> userService, String manager) {
  public InstallRequest {
    packs = List.copyOf(packs);
  }
}
