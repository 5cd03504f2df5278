package org.portraitperf.cli;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

/**
 * Lets picocli build commands through the injector, so commands get their services injected.
 * Public for the installer's command line, which is wired the same way.
 */
public final class GuiceFactory implements CommandLine.IFactory {
  private final Injector injector;

  public GuiceFactory(Injector injector) {
    this.injector = injector;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    try {
      return injector.getInstance(type);
    } catch (ConfigurationException e) {
      // picocli also asks for its own helper types (converters, collections); let it make those.
      return CommandLine.defaultFactory().create(type);
    }
  }
}
