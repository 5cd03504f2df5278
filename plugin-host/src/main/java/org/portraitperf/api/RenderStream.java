package org.portraitperf.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import org.portraitperf.proto.v1.RenderFrameRequest;
import org.portraitperf.proto.v1.RenderFrameResponse;

/**
 * One RenderStream call: answers requests in order, one frame each, with manual flow control. The
 * next request is read only once the client can take another answer, so a slow reader holds back
 * the renders instead of letting finished frames pile up in the sidecar's memory. The first failure
 * ends the stream with its status; a client that goes away ends it silently.
 */
final class RenderStream implements StreamObserver<RenderFrameRequest> {
  private final Function<RenderFrameRequest, RenderFrameResponse> render;
  private final ServerCallStreamObserver<RenderFrameResponse> response;
  /** Guarded by the call's serialized callbacks: set once a request is outstanding. */
  private boolean requested;
  private boolean finished;

  @SuppressWarnings("this-escape")
  RenderStream(Function<RenderFrameRequest, RenderFrameResponse> render, StreamObserver<RenderFrameResponse> response) {
    this.render = render;
    this.response = (ServerCallStreamObserver<RenderFrameResponse>) response;
    this.response.disableAutoRequest();
    this.response.setOnReadyHandler(this::requestWhenReady);
    // With a cancel handler set, answers to a client that left are dropped instead of thrown.
    this.response.setOnCancelHandler(this::finish);
  }

  private synchronized void requestWhenReady() {
    if (!finished && !requested && response.isReady()) {
      requested = true;
      response.request(1);
    }
  }

  @Override
  public void onNext(RenderFrameRequest request) {
    synchronized (this) {
      requested = false;
      if (finished) {
        return;
      }
    }
    if (response.isCancelled()) {
      finish();
      return;
    }
    RenderFrameResponse frame;
    try {
      frame = render.apply(request);
    } catch (RuntimeException failure) {
      if (finish()) {
        response.onError(Statuses.of(failure));
      }
      return;
    }
    response.onNext(frame);
    requestWhenReady();
  }

  @Override
  public void onError(Throwable clientGone) {
    // The client cancelled or its connection dropped: nobody is left to answer, and sessions outlive streams.
    finish();
  }

  @Override
  public void onCompleted() {
    if (finish()) {
      response.onCompleted();
    }
  }

  /** Marks the stream finished; true for the first caller, who answers the call. */
  private synchronized boolean finish() {
    boolean first = !finished;
    finished = true;
    return first;
  }
}
