package org.portraitperf.api.cuebot;

import com.google.inject.AbstractModule;
import org.portraitperf.jobs.farm.FarmConnector;

/** Wiring for OpenCue: batches reach the farm through Cuebot. Binds only; nothing connects here. */
public final class CuebotModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(FarmConnector.class).to(CuebotConnector.class);
  }
}
