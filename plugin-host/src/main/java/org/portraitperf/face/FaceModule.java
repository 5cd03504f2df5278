package org.portraitperf.face;

import com.google.inject.AbstractModule;

/**
 * Wiring for face analysis. {@link FaceAnalyzer} binds itself (it is a {@code @Singleton} with an
 * injectable constructor); nothing is loaded here, so building the injector stays instant.
 */
public final class FaceModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(FaceAnalyzer.class);
  }
}
