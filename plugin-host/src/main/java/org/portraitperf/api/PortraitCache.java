package org.portraitperf.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.grpc.Status;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.media.RgbImage;

/**
 * Analysed portraits by the SHA-256 of their file's bytes, so a host that loads the same portrait
 * for every node, or again after a restart of its project, pays for decoding and face analysis once.
 * The least recently used entry goes when {@link ApiLimits#MAX_PORTRAITS} are held; sessions keep
 * their own reference to the picture, so eviction never breaks an open session.
 */
@Singleton
final class PortraitCache {
  /** Faces shorter than this render soft; worth a warning, not a refusal. */
  static final int SMALL_FACE_PIXELS = 128;

  private final FaceAnalyzer faces;

  /** Access-ordered, so iteration starts at the least recently used. */
  private final Map<String, Portrait> byHash = new LinkedHashMap<>(16, 0.75f, true);

  @Inject
  PortraitCache(FaceAnalyzer faces) {
    this.faces = faces;
  }

  /**
   * @param handle the picture's SHA-256
   * @param face the largest face's landmark bounds {minX, minY, maxX, maxY}
   */
  record Portrait(String handle, String name, RgbImage image, float[] face, List<String> warnings) {}

  static String handleOf(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime ships SHA-256", e);
    }
  }

  synchronized Optional<Portrait> cached(String handle) {
    return Optional.ofNullable(byHash.get(handle));
  }

  /**
   * Analyses a decoded picture and keeps it under its handle.
   *
   * @throws org.portraitperf.face.FaceException when it holds no face
   */
  Portrait analyse(String handle, String name, RgbImage image) {
    // Outside the lock: analysis takes tens of milliseconds, and other portraits need not wait.
    FaceObservation face = faces.analyse(image, FaceSelection.LARGEST, name);
    float[] bounds = face.landmarks().bounds();
    List<String> warnings = new ArrayList<>();
    float faceHeight = bounds[3] - bounds[1];
    if (faceHeight < SMALL_FACE_PIXELS) {
      warnings.add(String.format(java.util.Locale.ROOT, "%s: the face is %.0f pixels tall; below %d the animation looks soft",
          name, faceHeight, SMALL_FACE_PIXELS));
    }
    Portrait portrait = new Portrait(handle, name, image, bounds, List.copyOf(warnings));
    synchronized (this) {
      byHash.put(handle, portrait);
      while (byHash.size() > ApiLimits.MAX_PORTRAITS) {
        byHash.remove(byHash.keySet().iterator().next());
      }
    }
    return portrait;
  }

  /**
   * @throws ApiError NOT_FOUND for a handle never loaded, or evicted since
   */
  Portrait require(String handle) {
    return cached(handle).orElseThrow(() -> new ApiError(Status.Code.NOT_FOUND, Statuses.NOT_FOUND,
        "portrait handle '" + handle + "' is unknown (never loaded, or evicted since); call LoadPortrait again",
        Map.of("portrait_handle", handle)));
  }
}
