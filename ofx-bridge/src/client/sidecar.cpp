#include "client/sidecar.h"

#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "rpc_status.pb.h"

namespace pp::client {
namespace {

namespace rpc = ::portraitperf::bridge::rpc;

constexpr const char* kTokenHeader = "pp-token";
constexpr const char* kProtocolHeader = "pp-protocol-version";
constexpr auto kHandshakeTimeout = std::chrono::seconds(3);

std::string readTrimmed(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return "";
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string value = text.str();
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r' || value.back() == ' ')) {
    value.pop_back();
  }
  return value;
}

/** The last non-empty line of the sidecar's log, which says why it stopped. */
std::string lastLogLine(const std::string& socket) {
  std::ifstream in(socket + ".log");
  std::string line;
  std::string last;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      last = line;
    }
  }
  return last;
}

bool launchedProcessAlive(const std::string& socket) {
  int pid = std::atoi(readTrimmed(pidFile(socket)).c_str());
  return pid > 1 && kill(pid, 0) == 0;
}

void addHeaders(grpc::ClientContext& context, const std::string& token) {
  context.AddMetadata(kTokenHeader, token);
  context.AddMetadata(kProtocolHeader, std::to_string(wire::PROTOCOL_VERSION));
}

/** The sidecar's ErrorInfo, parsed from the status details it attaches to every failure. */
SidecarError refused(const grpc::Status& status) {
  std::string reason;
  std::map<std::string, std::string> metadata;
  rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) {
      rpc::ErrorInfo info;
      const std::string& type = any.type_url();
      if (type.size() >= 20 && type.compare(type.size() - 20, 20, "google.rpc.ErrorInfo") == 0 &&
          info.ParseFromString(any.value())) {
        reason = info.reason();
        metadata.insert(info.metadata().begin(), info.metadata().end());
      }
    }
  }
  std::string message = status.error_message().empty() ? "the sidecar refused the call (gRPC code " +
                                                             std::to_string(status.error_code()) + ")"
                                                       : status.error_message();
  return SidecarError(SidecarError::Kind::Refused, message, reason, metadata);
}

}  // namespace

struct Sidecar::Connection {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<wire::InfoService::Stub> info;
  std::unique_ptr<wire::PortraitService::Stub> portraits;
  std::unique_ptr<wire::SessionService::Stub> sessions;
  std::string token;
  uint64_t generation = 0;
  std::shared_ptr<SharedFrames> frames;
};

Sidecar::Sidecar(SidecarOptions options) : options_(std::move(options)) {}

Sidecar::~Sidecar() = default;

uint64_t Sidecar::generation() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return generation_;
}

uint64_t Sidecar::connected(const Cancelled& cancelled) { return connect(cancelled)->generation; }

std::shared_ptr<Sidecar::Connection> Sidecar::tryConnect() {
  std::string token = readTrimmed(tokenFile(options_.socket));
  if (token.empty()) {
    return nullptr;
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(-1);
  arguments.SetMaxSendMessageSize(-1);
  auto connection = std::make_shared<Connection>();
  connection->channel = grpc::CreateCustomChannel("unix:" + options_.socket, grpc::InsecureChannelCredentials(),
                                                  arguments);
  connection->info = wire::InfoService::NewStub(connection->channel);
  grpc::ClientContext context;
  addHeaders(context, token);
  context.set_deadline(std::chrono::system_clock::now() + kHandshakeTimeout);
  wire::GetInfoResponse info;
  grpc::Status status = connection->info->GetInfo(&context, wire::GetInfoRequest(), &info);
  if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
    // The protocol check refused us: a sidecar of another release holds the socket.
    throw SidecarError(SidecarError::Kind::Unavailable, "the sidecar on " + options_.socket + " speaks another protocol ("
                                                            + status.error_message() + "); stop it or update it");
  }
  if (!status.ok()) {
    return nullptr;
  }
  if (info.protocol_version() != static_cast<uint32_t>(wire::PROTOCOL_VERSION)) {
    throw SidecarError(SidecarError::Kind::Unavailable,
                       "the sidecar on " + options_.socket + " speaks protocol " + std::to_string(info.protocol_version()) +
                           ", this plug-in speaks " + std::to_string(wire::PROTOCOL_VERSION) + "; stop it or update it");
  }
  connection->portraits = wire::PortraitService::NewStub(connection->channel);
  connection->sessions = wire::SessionService::NewStub(connection->channel);
  connection->token = token;
  connection->generation = ++generation_;
  if (options_.sharedMemory && !info.shared_memory_folder().empty()) {
    try {
      connection->frames = SharedFrames::create(info.shared_memory_folder());
    } catch (const std::runtime_error&) {
      // Pixels travel in messages: slower, same frames.
    }
  }
  return connection;
}

std::shared_ptr<Sidecar::Connection> Sidecar::connect(const Cancelled& cancelled) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (connection_) {
    return connection_;
  }
  connection_ = tryConnect();
  if (connection_) {
    return connection_;
  }
  try {
    launchSidecar(options_);
  } catch (const std::runtime_error& e) {
    throw SidecarError(SidecarError::Kind::Unavailable, std::string("cannot start the sidecar: ") + e.what());
  }
  auto until = std::chrono::steady_clock::now() + options_.launchTimeout;
  // Give the launcher's shell a moment to write the pid before judging whether the sidecar died.
  std::this_thread::sleep_for(options_.healthPoll);
  while (std::chrono::steady_clock::now() < until) {
    if (cancelled && cancelled()) {
      throw SidecarError(SidecarError::Kind::Cancelled, "cancelled while the sidecar was starting");
    }
    connection_ = tryConnect();
    if (connection_) {
      return connection_;
    }
    if (!launchedProcessAlive(options_.socket)) {
      std::string why = lastLogLine(options_.socket);
      throw SidecarError(SidecarError::Kind::Unavailable,
                         "the sidecar (" + options_.runtime + ") stopped while starting" +
                             (why.empty() ? std::string() : ": " + why) + " (log: " + options_.socket + ".log)");
    }
    std::this_thread::sleep_for(options_.healthPoll);
  }
  stopLaunchedSidecar(options_.socket);
  throw SidecarError(SidecarError::Kind::Unavailable,
                     "the sidecar did not answer within " +
                         std::to_string(options_.launchTimeout.count() / 1000) + " s of starting (log: " +
                         options_.socket + ".log)");
}

void Sidecar::drop(const std::shared_ptr<Connection>& connection, bool hung) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (connection_ == connection) {
    connection_.reset();
    if (hung) {
      // A sidecar that misses a deadline is restarted; one another program started is left alone.
      stopLaunchedSidecar(options_.socket);
    }
  }
}

template <typename Request, typename Response, typename Method>
Response Sidecar::call(const Request& request, Method method, const Cancelled& cancelled) {
  std::shared_ptr<Connection> connection = connect(cancelled);
  grpc::ClientContext context;
  addHeaders(context, connection->token);
  context.set_deadline(std::chrono::system_clock::now() + options_.callTimeout);
  Response response;
  grpc::Status status;
  // The calling thread drives the call's own completion queue: no hand-over to a gRPC thread and
  // back for every frame, and between polls it asks the host whether the render was aborted.
  grpc::CompletionQueue queue;
  auto reader = method(*connection, &context, request, &queue);
  void* const finished = &response;
  reader->Finish(&response, &status, finished);
  bool cancelSent = false;
  for (;;) {
    void* tag = nullptr;
    bool ok = false;
    auto next = queue.AsyncNext(&tag, &ok, std::chrono::system_clock::now() + std::chrono::milliseconds(20));
    if (next == grpc::CompletionQueue::GOT_EVENT && tag == finished) {
      break;
    }
    if (!cancelSent && cancelled && cancelled()) {
      context.TryCancel();
      cancelSent = true;
    }
  }
  queue.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (queue.Next(&tag, &ok)) {
    // drained: a queue must be empty before it is destroyed
  }
  if (status.ok()) {
    return response;
  }
  switch (status.error_code()) {
    case grpc::StatusCode::CANCELLED:
      if (cancelSent) {
        throw SidecarError(SidecarError::Kind::Cancelled, "cancelled by the host");
      }
      drop(connection, false);
      throw SidecarError(SidecarError::Kind::Unavailable, "the sidecar dropped the call (" + status.error_message() + ")");
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::UNAUTHENTICATED:  // restarted by someone else, with a new token
      drop(connection, false);
      throw SidecarError(SidecarError::Kind::Unavailable, "the sidecar stopped answering (" + status.error_message() + ")");
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      drop(connection, true);
      throw SidecarError(SidecarError::Kind::Unavailable,
                         "the sidecar gave no answer within " + std::to_string(options_.callTimeout.count() / 1000) +
                             " s; it is being restarted");
    default:
      throw refused(status);
  }
}

wire::LoadPortraitResponse Sidecar::loadPortrait(const wire::LoadPortraitRequest& request, const Cancelled& cancelled) {
  return call<wire::LoadPortraitRequest, wire::LoadPortraitResponse>(
      request,
      [](Connection& c, auto* context, const auto& in, auto* queue) {
        return c.portraits->AsyncLoadPortrait(context, in, queue);
      },
      cancelled);
}

wire::OpenSessionResponse Sidecar::openSession(const wire::OpenSessionRequest& request, const Cancelled& cancelled) {
  return call<wire::OpenSessionRequest, wire::OpenSessionResponse>(
      request,
      [](Connection& c, auto* context, const auto& in, auto* queue) {
        return c.sessions->AsyncOpenSession(context, in, queue);
      },
      cancelled);
}

wire::RenderFrameResponse Sidecar::renderFrame(const wire::RenderFrameRequest& request, const Cancelled& cancelled) {
  return call<wire::RenderFrameRequest, wire::RenderFrameResponse>(
      request,
      [](Connection& c, auto* context, const auto& in, auto* queue) {
        return c.sessions->AsyncRenderFrame(context, in, queue);
      },
      cancelled);
}

std::shared_ptr<SharedFrames> Sidecar::sharedFrames(uint64_t generation) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connection_ && connection_->generation == generation ? connection_->frames : nullptr;
}

void Sidecar::refuseSharedFrames(uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (connection_ && connection_->generation == generation) {
    connection_->frames.reset();
  }
}

void Sidecar::closeSession(const std::string& sessionId, uint64_t generation) {
  std::shared_ptr<Connection> connection;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connection = connection_;
  }
  if (!connection || connection->generation != generation || sessionId.empty()) {
    return;  // that sidecar is gone, and its sessions with it
  }
  grpc::ClientContext context;
  addHeaders(context, connection->token);
  context.set_deadline(std::chrono::system_clock::now() + kHandshakeTimeout);
  wire::CloseSessionRequest request;
  request.set_session_id(sessionId);
  wire::CloseSessionResponse response;
  connection->sessions->CloseSession(&context, request, &response);
}

}  // namespace pp::client
