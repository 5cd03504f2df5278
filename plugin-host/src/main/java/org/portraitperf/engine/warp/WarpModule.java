package org.portraitperf.engine.warp;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.portraitperf.engine.AnimationEngine;

/** Registers the warp engine under its control name, {@value WarpEngine#NAME}. */
public final class WarpModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, AnimationEngine.class)
        .addBinding(WarpEngine.NAME).to(WarpEngine.class);
  }
}
