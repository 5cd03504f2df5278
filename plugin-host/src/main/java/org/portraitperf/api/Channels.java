package org.portraitperf.api;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** Closing the channels this program opens to its gRPC peers (the sidecar, Cuebot). */
public final class Channels {
  /** Calls in flight get this long to finish before the channel is cut. */
  private static final long CLOSE_SECONDS = 5;

  private Channels() {}

  /** Shuts the channel down, letting calls in flight finish for a few seconds; keeps an interrupt. */
  public static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
