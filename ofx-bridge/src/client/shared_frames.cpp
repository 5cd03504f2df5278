#include "client/shared_frames.h"

#include <atomic>
#include <stdexcept>
#include <utility>

#ifndef _WIN32
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace pp::client {

namespace {

/** Files kept for reuse; more are made while more calls are in flight, and dropped after. */
constexpr size_t kKept = 8;

/** Names tried before giving up on a folder full of this process's files. */
constexpr int kNameAttempts = 1000;

/** Numbers file names across pools: a pool of a reconnection may start while the old one's files remain. */
std::atomic<uint64_t> fileNumber{0};

}  // namespace

#ifndef _WIN32

struct SharedFrames::File {
  std::string name;
  std::string path;
  uint8_t* data = nullptr;
  size_t size = 0;

  ~File() {
    if (data != nullptr) {
      munmap(data, size);
    }
    unlink(path.c_str());
  }
};

std::shared_ptr<SharedFrames> SharedFrames::create(std::string folder) {
  if (folder.empty()) {
    throw std::runtime_error("the sidecar offers no shared memory");
  }
  return std::shared_ptr<SharedFrames>(new SharedFrames(std::move(folder)));
}

SharedFrames::Lease SharedFrames::acquire(size_t bytes) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = free_.begin(); it != free_.end(); ++it) {
      if ((*it)->size >= bytes) {
        std::unique_ptr<File> file = std::move(*it);
        free_.erase(it);
        return Lease(shared_from_this(), std::move(file));
      }
    }
  }
  auto file = std::make_unique<File>();
  int fd = -1;
  // A name another copy of this code in the process (a second plug-in binary) already took is
  // skipped: the number is only unique within one copy.
  for (int attempt = 0; fd < 0 && attempt < kNameAttempts; ++attempt) {
    file->name = std::to_string(getpid()) + "-ofx-" + std::to_string(++fileNumber) + ".frames";
    file->path = folder_ + "/" + file->name;
    fd = open(file->path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno != EEXIST) {
      break;
    }
  }
  if (fd < 0) {
    std::string why = std::strerror(errno);
    file->path.clear();  // not ours: nothing to remove
    throw std::runtime_error("cannot make a shared frame file in " + folder_ + ": " + why);
  }
  void* mapped = MAP_FAILED;
  if (ftruncate(fd, static_cast<off_t>(bytes)) == 0) {
    mapped = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  }
  std::string why = std::strerror(errno);
  close(fd);
  if (mapped == MAP_FAILED) {
    throw std::runtime_error("cannot map a shared frame file in " + folder_ + ": " + why);
  }
  file->data = static_cast<uint8_t*>(mapped);
  file->size = bytes;
  return Lease(shared_from_this(), std::move(file));
}

#else

// Windows has no such folder yet: the sidecar's clients there send pixels in messages.
struct SharedFrames::File {
  std::string name;
  uint8_t* data = nullptr;
  size_t size = 0;
};

std::shared_ptr<SharedFrames> SharedFrames::create(std::string) {
  throw std::runtime_error("shared memory frames are not built for Windows");
}

SharedFrames::Lease SharedFrames::acquire(size_t) {
  throw std::runtime_error("shared memory frames are not built for Windows");
}

#endif

SharedFrames::SharedFrames(std::string folder) : folder_(std::move(folder)) {}

SharedFrames::~SharedFrames() = default;

void SharedFrames::giveBack(std::unique_ptr<File> file) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (free_.size() < kKept) {
    free_.push_back(std::move(file));
  }
}

SharedFrames::Lease::Lease(std::shared_ptr<SharedFrames> pool, std::unique_ptr<File> file)
    : pool_(std::move(pool)), file_(std::move(file)) {}

SharedFrames::Lease::Lease(Lease&& other) noexcept
    : pool_(std::move(other.pool_)), file_(std::move(other.file_)), reusable_(std::exchange(other.reusable_, false)) {}

SharedFrames::Lease& SharedFrames::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    end();
    pool_ = std::move(other.pool_);
    file_ = std::move(other.file_);
    reusable_ = std::exchange(other.reusable_, false);
  }
  return *this;
}

SharedFrames::Lease::Lease() = default;

SharedFrames::Lease::~Lease() { end(); }

void SharedFrames::Lease::end() {
  if (file_ && reusable_) {
    pool_->giveBack(std::move(file_));
  }
  file_.reset();
  pool_.reset();
  reusable_ = false;
}

uint8_t* SharedFrames::Lease::data() const { return file_->data; }

size_t SharedFrames::Lease::size() const { return file_->size; }

const std::string& SharedFrames::Lease::name() const { return file_->name; }

}  // namespace pp::client
