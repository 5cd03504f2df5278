package org.portraitperf.api;

import com.google.inject.Inject;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.portraitperf.media.Images;
import org.portraitperf.media.MediaException;
import org.portraitperf.media.RgbImage;
import org.portraitperf.proto.v1.Box;
import org.portraitperf.proto.v1.LoadPortraitRequest;
import org.portraitperf.proto.v1.LoadPortraitResponse;
import org.portraitperf.proto.v1.PortraitServiceGrpc;

/** LoadPortrait: decodes and analyses a portrait once, and hands back its content hash as the handle. */
final class PortraitService extends PortraitServiceGrpc.PortraitServiceImplBase {
  private final PortraitCache cache;

  @Inject
  PortraitService(PortraitCache cache) {
    this.cache = cache;
  }

  @Override
  public void loadPortrait(LoadPortraitRequest request, StreamObserver<LoadPortraitResponse> response) {
    Calls.unary(response, () -> load(request));
  }

  private LoadPortraitResponse load(LoadPortraitRequest request) {
    boolean fromPath = request.getSourceCase() == LoadPortraitRequest.SourceCase.PATH;
    if (!fromPath && request.getSourceCase() != LoadPortraitRequest.SourceCase.IMAGE) {
      throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT, "LoadPortrait needs an image or a path");
    }
    String name = !request.getName().isEmpty() ? request.getName() : fromPath ? request.getPath() : "portrait";
    byte[] bytes = fromPath ? readFile(Path.of(request.getPath()), name) : request.getImage().toByteArray();
    String handle = PortraitCache.handleOf(bytes);
    var cached = cache.cached(handle);
    var portrait = cached.isPresent() ? cached.get()
        : cache.analyse(handle, name, fromPath ? Images.read(Path.of(request.getPath())) : decode(bytes, name));
    float[] face = portrait.face();
    return LoadPortraitResponse.newBuilder()
        .setPortraitHandle(handle)
        .setWidth(portrait.image().width())
        .setHeight(portrait.image().height())
        .setFace(Box.newBuilder().setX(face[0]).setY(face[1]).setWidth(face[2] - face[0]).setHeight(face[3] - face[1]))
        .addAllWarnings(portrait.warnings())
        .setCached(cached.isPresent())
        .build();
  }

  private static byte[] readFile(Path path, String name) {
    try {
      if (!Files.isRegularFile(path)) {
        throw new MediaException(name, "no such file (the sidecar reads paths on its own machine)");
      }
      if (Files.size(path) > ApiLimits.MAX_PORTRAIT_BYTES) {
        throw new MediaException(name, "file too large for a portrait (" + Files.size(path) + " bytes, at most "
            + ApiLimits.MAX_PORTRAIT_BYTES + ")");
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new MediaException(name, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** Sent bytes go through a private temporary file, because the decoders read files. */
  private static RgbImage decode(byte[] bytes, String name) {
    Path temp = null;
    try {
      temp = Files.createTempFile("pp-portrait-", ".img",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temp, bytes);
      return Images.read(temp);
    } catch (MediaException e) {
      throw new MediaException(name, e.problem(), e);
    } catch (IOException e) {
      throw new MediaException(name, "cannot be staged for decoding: " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // A leftover in the temp folder is harmless; the call's answer matters more.
        }
      }
    }
  }
}
