package org.portraitperf.face;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.portraitperf.models.ModelStore;

/**
 * Hands tests one {@link FaceAnalyzer} on the installed models, shared by every test class of the
 * run (the landmark model alone is 100 MB to load) and closed by JUnit when the run ends. Public
 * so that tests of other packages (the engines) share the same instance.
 */
public final class RealFaceAnalyzer implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealFaceAnalyzer.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FaceAnalyzer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
        FaceAnalyzer.class, type -> new FaceAnalyzer(ModelStore.fromEnvironment()), FaceAnalyzer.class);
  }
}
