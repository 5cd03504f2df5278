package org.portraitperf.installer.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.portraitperf.cli.ExitCodes;
import org.portraitperf.installer.install.PluginCaches;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Os;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp-setup clear-host-caches}: the host-cache step on its own, e.g. after installing the .deb. */
@Command(name = "clear-host-caches", mixinStandardHelpOptions = true,
    description = {"Delete hosts' plug-in caches that remember Portrait Performance, with your consent.",
        "Looks for this user's DaVinci Resolve OFXPluginCacheV2.xml and Nuke ofxplugincache files and asks "
            + "about each. Close the hosts first; each rebuilds its cache on its next start."})
final class ClearHostCachesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LocationOptions where;

  @Mixin CacheOptions caches;

  private final Environment env;

  @Inject
  ClearHostCachesCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<PluginCaches.Remembering> found = PluginCaches.find(Os.current(), env, where.rootFolder());
    if (found.isEmpty()) {
      out.println("no host plug-in cache remembers Portrait Performance");
      return ExitCodes.OK;
    }
    PluginCaches.clear(found, caches.consent(out), out::println);
    return ExitCodes.OK;
  }
}
