// Where the sidecar is and how to start it. No OpenFX and no gRPC here.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace pp::client {

/** Everything the client needs to find, start and talk to a sidecar. */
struct SidecarOptions {
  /** The Unix socket; the token is in "<socket>.token", a started sidecar's pid in "<socket>.pid". */
  std::string socket;
  /** A launcher script (run as "<runtime> serve ...") or the sidecar's jar (run with java); empty: none found. */
  std::string runtime;
  /** The Java to run a jar with. */
  std::string java = "java";
  int idleExitSeconds = 900;
  std::chrono::milliseconds launchTimeout{90000};
  std::chrono::milliseconds callTimeout{120000};
  std::chrono::milliseconds healthPoll{150};
  /** Frames through shared memory when the sidecar offers it; off sends every pixel in messages. */
  bool sharedMemory = true;

  /**
   * The options for a plug-in binary at bundlePath/Contents/<arch>/Name.ofx, from the environment:
   * PP_SIDECAR_SOCKET (else $XDG_RUNTIME_DIR/portrait-performance/sidecar.sock, else
   * ~/.cache/portrait-performance/sidecar.sock, as the sidecar itself defaults), PP_SIDECAR_RUNTIME
   * (else Contents/Resources/bin/pp or Contents/Resources/portrait-performance.jar in the bundle,
   * else bin/pp in the application folder that Contents/Resources/application-folder names, else
   * the same under /opt/portrait-performance), PP_JAVA (else $JAVA_HOME/bin/java, else java),
   * PP_SIDECAR_IDLE_EXIT, PP_SIDECAR_LAUNCH_TIMEOUT and PP_SIDECAR_CALL_TIMEOUT (seconds), and
   * PP_SIDECAR_SHARED_MEMORY (0 sends pixels in messages).
   */
  static SidecarOptions discover(const std::string& binaryPath, const std::map<std::string, std::string>& env);
};

/** The process environment as a map, for discover(). */
std::map<std::string, std::string> processEnvironment();

/** The file the code of this function was loaded from (the .ofx), or "" if unknown. */
std::string thisBinaryPath();

std::string tokenFile(const std::string& socket);
std::string pidFile(const std::string& socket);

/**
 * Starts "<runtime> serve --socket S --idle-exit N" detached from the caller (new session, own
 * process group, reparented away so the host never has to reap it), logging to "<socket>.log" and
 * writing its pid to "<socket>.pid". Returns at once; throws std::runtime_error naming what is missing.
 */
void launchSidecar(const SidecarOptions& options);

/**
 * Stops the sidecar this client started on that socket (pid file, confirmed by its command line
 * naming the socket); a sidecar someone else started is left alone. Returns whether one was stopped.
 */
bool stopLaunchedSidecar(const std::string& socket);

}  // namespace pp::client
