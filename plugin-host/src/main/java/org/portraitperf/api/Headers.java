package org.portraitperf.api;

import io.grpc.Metadata;
import org.portraitperf.proto.v1.ProtocolVersion;

/** The metadata every call carries (see the .proto's header comment). */
final class Headers {
  private Headers() {}

  static final Metadata.Key<String> TOKEN = Metadata.Key.of("pp-token", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> PROTOCOL_VERSION =
      Metadata.Key.of("pp-protocol-version", Metadata.ASCII_STRING_MARSHALLER);

  /** The protocol version this build speaks. */
  static final int PROTOCOL = ProtocolVersion.PROTOCOL_VERSION.getNumber();
}
