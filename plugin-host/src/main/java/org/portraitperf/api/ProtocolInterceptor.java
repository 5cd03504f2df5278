package org.portraitperf.api;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Refuses calls from a peer that speaks another protocol version, naming both versions, so an old
 * bridge meeting a new sidecar says what to update instead of misreading messages.
 */
final class ProtocolInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String offered = headers.get(Headers.PROTOCOL_VERSION);
    if (!Integer.toString(Headers.PROTOCOL).equals(offered)) {
      String problem = offered == null
          ? "the call carries no " + Headers.PROTOCOL_VERSION.name() + " header"
          : "the client speaks protocol version " + offered;
      call.close(Status.FAILED_PRECONDITION.withDescription(problem + ", this sidecar speaks version "
          + Headers.PROTOCOL + "; update the client or the sidecar so that both match"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
