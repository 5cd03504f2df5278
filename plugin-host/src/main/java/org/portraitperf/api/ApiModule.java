package org.portraitperf.api;

import com.google.inject.AbstractModule;
import org.portraitperf.api.cuebot.CuebotModule;

/**
 * Wiring for the sidecar, and for the farm schedulers batches are handed to (the other gRPC peers
 * of this program). Binds only: the server opens its socket and threads in
 * {@link SidecarServer#start}, never while the injector is built.
 */
public final class ApiModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PortraitCache.class);
    bind(SessionRegistry.class);
    // One per sidecar: the mappings of its clients' shared frame files.
    bind(SharedMemory.class);
    // One per sidecar: it owns the job runner threads and the open job stores.
    bind(JobsService.class);
    bind(SidecarServer.class);
    install(new CuebotModule());
  }
}
