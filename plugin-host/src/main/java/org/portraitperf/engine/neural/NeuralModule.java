package org.portraitperf.engine.neural;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.portraitperf.engine.AnimationEngine;

/** Registers the neural engine under its control name, {@value NeuralEngine#NAME}. */
public final class NeuralModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, AnimationEngine.class)
        .addBinding(NeuralEngine.NAME).to(NeuralEngine.class);
  }
}
