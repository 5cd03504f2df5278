package org.portraitperf.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on loopback serving the files of one folder, with byte ranges as model hosts
 * serve them. It can drop the connection part-way through one answer, as a flaky network does, and
 * records the ranges it was asked for. Close it to stop.
 */
public final class PackServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final Path folder;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  /** Bytes after which the next full answer is cut; 0 when no cut is pending. */
  private final AtomicLong cutAfter = new AtomicLong();

  public PackServer(Path folder) throws IOException {
    this.folder = folder;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  /** The base URL; file names resolve against it. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Makes the next answer stop after {@code bytes} bytes, closing the connection. */
  public void cutNextAnswerAfter(long bytes) {
    cutAfter.set(bytes);
  }

  /** Every request as "NAME" or "NAME bytes=N-", in order. */
  public List<String> requests() {
    return requests;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring(1);
      String range = exchange.getRequestHeaders().getFirst("Range");
      requests.add(range == null ? name : name + " " + range);
      Path file = folder.resolve(name);
      if (name.contains("/") || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      int start = 0;
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (m != null && m.matches()) {
        start = Integer.parseInt(m.group(1));
        exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (bytes.length - 1) + "/" + bytes.length);
        exchange.sendResponseHeaders(206, bytes.length - start);
      } else {
        exchange.sendResponseHeaders(200, bytes.length);
      }
      long cut = cutAfter.getAndSet(0);
      OutputStream body = exchange.getResponseBody();
      if (cut > 0) {
        body.write(bytes, start, (int) cut);
        body.flush();
        // Ending the exchange short of its promised length makes the server drop the connection.
        return;
      }
      body.write(bytes, start, bytes.length - start);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
