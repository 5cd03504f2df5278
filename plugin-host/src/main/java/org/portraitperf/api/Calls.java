package org.portraitperf.api;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** The shape of every unary call: skip work whose caller has gone, answer once, map failures. */
final class Calls {
  private Calls() {}

  static <R> void unary(StreamObserver<R> response, Supplier<R> work) {
    if (Context.current().isCancelled()) {
      // The deadline passed or the client left while the call queued; nobody would read the answer.
      response.onError(Status.CANCELLED.withDescription("the call was cancelled before it started").asRuntimeException());
      return;
    }
    R answer;
    try {
      answer = work.get();
    } catch (RuntimeException failure) {
      response.onError(Statuses.of(failure));
      return;
    }
    response.onNext(answer);
    response.onCompleted();
  }
}
