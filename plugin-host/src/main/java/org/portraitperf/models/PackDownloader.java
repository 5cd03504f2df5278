package org.portraitperf.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches one file over HTTP into a partial file that survives an interruption: the next attempt
 * asks the server for the rest ({@code Range: bytes=N-}) and appends, or starts again when the
 * server answers with the whole file. The SHA-256 is computed as the bytes arrive (over the kept
 * prefix first), so a 400 MB file is read once, not twice.
 */
final class PackDownloader {
  private static final int BUFFER = 1 << 16;
  /** How often, in bytes, the progress listener hears about a download. */
  private static final long REPORT_EVERY = 1 << 20;

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-");

  private final HttpClient client;

  PackDownloader(HttpClient client) {
    this.client = client;
  }

  static PackDownloader standard() {
    return new PackDownloader(HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build());
  }

  /**
   * Downloads {@code url} into {@code partial}, resuming what is already there.
   *
   * @return the SHA-256 of the whole file, lower-case hex
   * @throws ModelException naming the URL when the server refuses or the connection drops; the
   *     partial file is kept so that the next attempt resumes
   */
  String download(URI url, Path partial, String fileName, Long expectedBytes, PackProgress progress) {
    try {
      long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
      HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofMinutes(5));
      if (have > 0) {
        request.header("Range", "bytes=" + have + "-");
      }
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      try (InputStream body = response.body()) {
        if (status == 416 && expectedBytes != null && have == expectedBytes) {
          // The previous attempt got every byte and stopped before the rename.
          return Checksums.sha256(partial);
        }
        if (status != 200 && status != 206) {
          throw new ModelException(url.toString(), "download failed with HTTP " + status);
        }
        boolean resumed = status == 206 && rangeStart(response).orElse(-1) == have;
        if (!resumed) {
          have = 0;
        }
        long total = expectedBytes != null ? expectedBytes
            : response.headers().firstValueAsLong("Content-Length").orElse(-have) + have;
        MessageDigest digest = Checksums.newDigest();
        if (resumed) {
          try (InputStream kept = Files.newInputStream(partial)) {
            Checksums.copyHashing(kept, OutputStream.nullOutputStream(), digest);
          }
          progress.step(fileName + ": resuming at " + have + " bytes");
        }
        StandardOpenOption mode = resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (OutputStream out = new DigestOutputStream(
            Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode), digest)) {
          copy(body, out, fileName, have, Math.max(0, total), progress);
        }
        return HexFormat.of().formatHex(digest.digest());
      }
    } catch (IOException e) {
      throw new ModelException(url.toString(), "download interrupted (" + e.getMessage()
          + "); run the install again to resume, or install offline with --from", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException(url.toString(), "download interrupted; run the install again to resume", e);
    }
  }

  private static void copy(InputStream in, OutputStream out, String fileName, long start, long total,
      PackProgress progress) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long done = start;
    long reported = start;
    progress.bytes(fileName, done, total);
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
      done += n;
      if (done - reported >= REPORT_EVERY) {
        reported = done;
        progress.bytes(fileName, done, total);
      }
    }
    progress.bytes(fileName, done, total);
  }

  /** The first byte a 206 answer carries, from {@code Content-Range: bytes START-END/TOTAL}. */
  private static OptionalLong rangeStart(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Range")
        .map(CONTENT_RANGE::matcher)
        .filter(Matcher::lookingAt)
        .map(m -> OptionalLong.of(Long.parseLong(m.group(1))))
        .orElse(OptionalLong.empty());
  }
}
