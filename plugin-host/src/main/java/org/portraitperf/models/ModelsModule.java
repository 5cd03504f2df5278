package org.portraitperf.models;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Wiring for the model directory; reads only environment variables, touches no file. */
public final class ModelsModule extends AbstractModule {
  @Provides
  @Singleton
  ModelStore modelStore() {
    return ModelStore.fromEnvironment();
  }
}
