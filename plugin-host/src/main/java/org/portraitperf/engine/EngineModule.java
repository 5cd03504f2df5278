package org.portraitperf.engine;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.portraitperf.engine.neural.NeuralModule;
import org.portraitperf.engine.warp.WarpModule;

/**
 * Wiring for animation: declares the map of engines by control name, which each engine's own
 * module fills, and installs the engines this build has. Binds only; nothing loads here.
 */
public final class EngineModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, AnimationEngine.class);
    install(new WarpModule());
    install(new NeuralModule());
    bind(EngineSelector.class);
  }
}
