package org.portraitperf.installer.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.portraitperf.installer.platform.Environment;

/** Wiring for the setup commands: the process's environment, read once; touches no file. */
final class SetupModule extends AbstractModule {
  @Provides
  @Singleton
  Environment environment() {
    return Environment.current();
  }
}
