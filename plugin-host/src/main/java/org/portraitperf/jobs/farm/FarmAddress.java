package org.portraitperf.jobs.farm;

import java.util.Objects;

/**
 * Where a farm's scheduler listens: {@code HOST[:PORT]}, a bracketed IPv6 address allowed
 * ({@code [::1]:8443}).
 */
public record FarmAddress(String host, int port) {
  /** Cuebot's gRPC port unless its operator changed it. */
  public static final int CUEBOT_PORT = 8443;

  public FarmAddress {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the farm scheduler's host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " of " + host + " is not a TCP port (1-65535)");
    }
  }

  /**
   * Reads {@code HOST[:PORT]}.
   *
   * @throws IllegalArgumentException naming the text, when it is no address
   */
  public static FarmAddress parse(String text, int defaultPort) {
    String value = text.strip();
    String host = value;
    String port = null;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "' is not HOST[:PORT] (an IPv6 address needs its closing ']')");
      }
      host = value.substring(1, close);
      if (close + 1 < value.length()) {
        if (value.charAt(close + 1) != ':') {
          throw new IllegalArgumentException("'" + text + "' is not HOST[:PORT]");
        }
        port = value.substring(close + 2);
      }
    } else if (value.indexOf(':') >= 0) {
      if (value.indexOf(':') != value.lastIndexOf(':')) {
        throw new IllegalArgumentException("'" + text + "' is not HOST[:PORT] (write an IPv6 address as [ADDRESS]:PORT)");
      }
      host = value.substring(0, value.indexOf(':'));
      port = value.substring(value.indexOf(':') + 1);
    }
    try {
      return new FarmAddress(host, port == null ? defaultPort : Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not HOST[:PORT] (port '" + port + "' is not a number)");
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
