package org.portraitperf.api;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts calls in flight and remembers when the last one ended, for {@code --idle-exit}. */
final class CallActivity implements ServerInterceptor {
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long lastActiveNanos = System.nanoTime();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    inFlight.incrementAndGet();
    lastActiveNanos = System.nanoTime();
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      private boolean ended;

      @Override
      public void onComplete() {
        end();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        end();
        super.onCancel();
      }

      private void end() {
        if (!ended) {
          ended = true;
          inFlight.decrementAndGet();
          lastActiveNanos = System.nanoTime();
        }
      }
    };
  }

  /** How long nothing has run; zero while a call is in flight. */
  Duration idleFor() {
    return inFlight.get() > 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - lastActiveNanos);
  }
}
