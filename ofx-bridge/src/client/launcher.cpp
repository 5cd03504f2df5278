#include "client/launcher.h"

#include <dlfcn.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace pp::client {
namespace {

std::string get(const std::map<std::string, std::string>& env, const char* name) {
  auto it = env.find(name);
  return it == env.end() ? std::string() : it->second;
}

bool isFile(const std::string& path) {
  struct stat info {};
  return !path.empty() && stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

std::string parent(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string(".") : slash == 0 ? std::string("/") : path.substr(0, slash);
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::chrono::milliseconds seconds(const std::map<std::string, std::string>& env, const char* name,
                                  std::chrono::milliseconds fallback) {
  std::string value = get(env, name);
  if (value.empty()) {
    return fallback;
  }
  try {
    return std::chrono::milliseconds(static_cast<long long>(std::stod(value) * 1000));
  } catch (const std::exception&) {
    return fallback;
  }
}

/** mkdir -p with 0700 for the folders it makes: the sidecar's folder must stay private. */
void makePrivateFolders(const std::string& folder) {
  if (folder.empty() || folder == "/" || folder == ".") {
    return;
  }
  struct stat info {};
  if (stat(folder.c_str(), &info) == 0) {
    return;
  }
  makePrivateFolders(parent(folder));
  if (mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
    throw std::runtime_error(folder + ": cannot create the sidecar's folder (" + std::strerror(errno) + ")");
  }
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/**
 * The application folder an installer named in the bundle's Resources/application-folder: one line,
 * relative to that Resources folder (so a bundle and its application folder installed under any
 * root, such as a scratch root or a package's staging folder, still find each other) or absolute.
 * Empty when the file is absent or blank.
 */
std::string namedApplicationFolder(const std::string& resources) {
  std::string text = readFile(resources + "/application-folder");
  auto end = text.find_first_of("\r\n");
  std::string line = text.substr(0, end);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.pop_back();
  }
  if (line.empty()) {
    return line;
  }
  return line.front() == '/' ? line : resources + "/" + line;
}

}  // namespace

std::map<std::string, std::string> processEnvironment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const char* eq = std::strchr(*entry, '=');
    if (eq != nullptr) {
      env.emplace(std::string(*entry, static_cast<size_t>(eq - *entry)), std::string(eq + 1));
    }
  }
  return env;
}

std::string thisBinaryPath() {
  Dl_info info {};
  if (dladdr(reinterpret_cast<void*>(&thisBinaryPath), &info) == 0 || info.dli_fname == nullptr) {
    return "";
  }
  return info.dli_fname;
}

std::string tokenFile(const std::string& socket) { return socket + ".token"; }
std::string pidFile(const std::string& socket) { return socket + ".pid"; }

SidecarOptions SidecarOptions::discover(const std::string& binaryPath, const std::map<std::string, std::string>& env) {
  SidecarOptions options;
  options.socket = get(env, "PP_SIDECAR_SOCKET");
  if (options.socket.empty()) {
    std::string runtimeDir = get(env, "XDG_RUNTIME_DIR");
    std::string base = !runtimeDir.empty() ? runtimeDir : get(env, "HOME") + "/.cache";
    options.socket = base + "/portrait-performance/sidecar.sock";
  }
  options.runtime = get(env, "PP_SIDECAR_RUNTIME");
  if (options.runtime.empty()) {
    // <bundle>/Contents/<arch>/Name.ofx -> <bundle>/Contents/Resources
    std::string resources = binaryPath.empty() ? std::string() : parent(parent(binaryPath)) + "/Resources";
    std::string named = resources.empty() ? std::string() : namedApplicationFolder(resources);
    for (const std::string& candidate :
         {resources + "/bin/pp", resources + "/portrait-performance.jar", named.empty() ? named : named + "/bin/pp",
          std::string("/opt/portrait-performance/bin/pp"), std::string("/opt/portrait-performance/portrait-performance.jar")}) {
      if (isFile(candidate)) {
        options.runtime = candidate;
        break;
      }
    }
  }
  std::string java = get(env, "PP_JAVA");
  std::string javaHome = get(env, "JAVA_HOME");
  options.java = !java.empty() ? java : !javaHome.empty() ? javaHome + "/bin/java" : "java";
  std::string idle = get(env, "PP_SIDECAR_IDLE_EXIT");
  if (!idle.empty()) {
    options.idleExitSeconds = std::max(1, std::atoi(idle.c_str()));
  }
  options.launchTimeout = seconds(env, "PP_SIDECAR_LAUNCH_TIMEOUT", options.launchTimeout);
  options.callTimeout = seconds(env, "PP_SIDECAR_CALL_TIMEOUT", options.callTimeout);
  options.sharedMemory = get(env, "PP_SIDECAR_SHARED_MEMORY") != "0";
  return options;
}

void launchSidecar(const SidecarOptions& options) {
  if (options.runtime.empty()) {
    throw std::runtime_error("no sidecar runtime found (install Portrait Performance with pp-setup install, or set"
                             " PP_SIDECAR_RUNTIME)");
  }
  if (!isFile(options.runtime)) {
    throw std::runtime_error(options.runtime + ": the sidecar runtime does not exist");
  }
  makePrivateFolders(parent(options.socket));
  std::vector<std::string> command;
  if (endsWith(options.runtime, ".jar")) {
    command = {options.java, "-jar", options.runtime};
  } else {
    command = {options.runtime};
  }
  for (const std::string& arg : {std::string("serve"), std::string("--socket"), options.socket,
                                 std::string("--idle-exit"), std::to_string(options.idleExitSeconds)}) {
    command.push_back(arg);
  }
  // A shell in a new session starts the sidecar in the background and exits: the sidecar is
  // reparented away from the host (no zombie for the host to reap) and outlives no terminal.
  std::vector<std::string> argv = {"sh", "-c",
                                   "log=\"$1\"; pid=\"$2\"; shift 2; umask 077; \"$@\" </dev/null >>\"$log\" 2>&1 &"
                                   " echo $! >\"$pid\"",
                                   "sh", options.socket + ".log", pidFile(options.socket)};
  argv.insert(argv.end(), command.begin(), command.end());
  std::vector<char*> raw;
  for (std::string& arg : argv) {
    raw.push_back(arg.data());
  }
  raw.push_back(nullptr);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
  pid_t shell = 0;
  int failed = posix_spawn(&shell, "/bin/sh", nullptr, &attributes, raw.data(), environ);
  posix_spawnattr_destroy(&attributes);
  if (failed != 0) {
    throw std::runtime_error(std::string("cannot start /bin/sh to launch the sidecar: ") + std::strerror(failed));
  }
  int status = 0;
  while (waitpid(shell, &status, 0) < 0 && errno == EINTR) {
  }
}

bool stopLaunchedSidecar(const std::string& socket) {
  std::string text = readFile(pidFile(socket));
  pid_t pid = static_cast<pid_t>(std::atoi(text.c_str()));
  if (pid <= 1) {
    return false;
  }
  std::string commandLine = readFile("/proc/" + std::to_string(pid) + "/cmdline");
  for (char& c : commandLine) {
    if (c == '\0') {
      c = ' ';
    }
  }
  // A recycled pid, or a sidecar someone else started: not ours to stop.
  if (commandLine.find(" serve --socket " + socket + " ") == std::string::npos) {
    return false;
  }
  kill(pid, SIGTERM);
  for (int i = 0; i < 50 && kill(pid, 0) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (kill(pid, 0) == 0) {
    kill(pid, SIGKILL);
  }
  unlink(pidFile(socket).c_str());
  return true;
}

}  // namespace pp::client
