package org.portraitperf.engine;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceModule;
import org.portraitperf.models.ModelsModule;

/**
 * Hands tests the production wiring on the installed models: an {@link EngineSelector} and the
 * {@link FaceAnalyzer} behind it, or the {@link Injector} itself (for a child with more modules),
 * from one injector shared by every test class of the run (the
 * landmark model alone is 100 MB to load); JUnit closes the analyzer when the run ends.
 */
public final class RealEngines implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealEngines.class);

  /** The injector and the one closeable it hands out, stored together so JUnit can close it. */
  private record Wiring(Injector injector) implements AutoCloseable {
    @Override
    public void close() {
      injector.getInstance(FaceAnalyzer.class).close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == EngineSelector.class || type == FaceAnalyzer.class || type == Injector.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Wiring wiring = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Wiring.class,
        type -> new Wiring(Guice.createInjector(new ModelsModule(), new FaceModule(), new EngineModule())),
        Wiring.class);
    Class<?> type = parameter.getParameter().getType();
    return type == Injector.class ? wiring.injector() : wiring.injector().getInstance(type);
  }
}
