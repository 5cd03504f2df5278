package org.portraitperf.api;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Refuses any call that does not carry the sidecar's token, before a service sees it. The socket
 * directory is private already; the token also guards the optional TCP port, which any local user
 * can reach. The token itself is never logged or echoed.
 */
final class TokenInterceptor implements ServerInterceptor {
  private final byte[] token;

  TokenInterceptor(String token) {
    this.token = token.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String offered = headers.get(Headers.TOKEN);
    // Constant-time comparison, so response timing does not reveal how much of a guess was right.
    if (offered == null || !MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.US_ASCII))) {
      call.close(Status.UNAUTHENTICATED.withDescription(offered == null
          ? "the call carries no " + Headers.TOKEN.name() + " header; send the contents of the sidecar's token file"
          : "the " + Headers.TOKEN.name() + " header does not match the sidecar's token file (a restarted sidecar"
              + " writes a new token; read the file again)"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
