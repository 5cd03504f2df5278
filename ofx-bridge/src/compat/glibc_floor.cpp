// The plug-in's floor on the C library. Editors run on older Linux distributions than the one the
// plug-in is built on (Rocky/CentOS-class systems, glibc 2.17 and later), but linking there binds
// every C library call to the newest version of it: pthread_create@GLIBC_2.34 and the like, which an
// older glibc does not have, so the host would refuse to load the plug-in.
//
// The link sends each such reference here (-Wl,--wrap=NAME, listed in CMakeLists.txt: every
// reference to NAME becomes one to __wrap_NAME), and each __wrap_ function calls the oldest version
// of the same function, bound with .symver; the few functions that have no old version are written
// here. The bundle test checks that nothing newer than GLIBC_2.17 is left.
#if defined(__linux__) && defined(__x86_64__)

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

// Declares pp_old_NAME as the given version of NAME and forwards __wrap_NAME to it.
#define PP_BIND_OLD(result, name, version, params, args)            \
  extern "C" result pp_old_##name params;                             \
  __asm__(".symver pp_old_" #name "," #name "@" version);             \
  extern "C" result __wrap_##name params { return pp_old_##name args; }

// Threads: moved from libpthread into libc in glibc 2.34 under a new version.
PP_BIND_OLD(int, pthread_create, "GLIBC_2.2.5",
            (pthread_t * thread, const pthread_attr_t* attr, void* (*start)(void*), void* arg),
            (thread, attr, start, arg))
PP_BIND_OLD(int, pthread_join, "GLIBC_2.2.5", (pthread_t thread, void** result), (thread, result))
PP_BIND_OLD(int, pthread_key_create, "GLIBC_2.2.5", (pthread_key_t * key, void (*destructor)(void*)),
            (key, destructor))
PP_BIND_OLD(int, __pthread_key_create, "GLIBC_2.2.5", (pthread_key_t * key, void (*destructor)(void*)),
            (key, destructor))
PP_BIND_OLD(int, pthread_once, "GLIBC_2.2.5", (pthread_once_t * once, void (*routine)()), (once, routine))
PP_BIND_OLD(void*, pthread_getspecific, "GLIBC_2.2.5", (pthread_key_t key), (key))
PP_BIND_OLD(int, pthread_setspecific, "GLIBC_2.2.5", (pthread_key_t key, const void* value), (key, value))
PP_BIND_OLD(int, pthread_rwlock_init, "GLIBC_2.2.5",
            (pthread_rwlock_t * lock, const pthread_rwlockattr_t* attr), (lock, attr))
PP_BIND_OLD(int, pthread_rwlock_unlock, "GLIBC_2.2.5", (pthread_rwlock_t * lock), (lock))
PP_BIND_OLD(int, pthread_rwlock_wrlock, "GLIBC_2.2.5", (pthread_rwlock_t * lock), (lock))
PP_BIND_OLD(int, pthread_attr_setstacksize, "GLIBC_2.2.5", (pthread_attr_t * attr, size_t size), (attr, size))
PP_BIND_OLD(int, pthread_setname_np, "GLIBC_2.12", (pthread_t thread, const char* name), (thread, name))
PP_BIND_OLD(int, pthread_sigmask, "GLIBC_2.2.5", (int how, const sigset_t* set, sigset_t* old), (how, set, old))
PP_BIND_OLD(int, dladdr, "GLIBC_2.2.5", (const void* address, void* info), (address, info))

// Maths: 2.29 added versions without the old error-handling wrappers; results are the same.
PP_BIND_OLD(double, log, "GLIBC_2.2.5", (double x), (x))
PP_BIND_OLD(double, log2, "GLIBC_2.2.5", (double x), (x))
PP_BIND_OLD(double, pow, "GLIBC_2.2.5", (double x, double y), (x, y))

// stat and fstat64 became functions of their own in 2.33; before, they were inline calls of these.
extern "C" int pp_old_xstat(int version, const char* path, struct stat* buffer);
__asm__(".symver pp_old_xstat,__xstat@GLIBC_2.2.5");
extern "C" int pp_old_fxstat64(int version, int fd, struct stat64* buffer);
__asm__(".symver pp_old_fxstat64,__fxstat64@GLIBC_2.2.5");
/** The structure layout the calls below fill: the only one x86-64 has. */
constexpr int kStatVersion = 1;

extern "C" int __wrap_stat(const char* path, struct stat* buffer) { return pp_old_xstat(kStatVersion, path, buffer); }
extern "C" int __wrap_fstat64(int fd, struct stat64* buffer) { return pp_old_fxstat64(kStatVersion, fd, buffer); }

// Condition variables timed on a clock other than the realtime one (2.30): the same remaining time,
// waited for on the realtime clock every condition variable of this library is made with.
extern "C" int __wrap_pthread_cond_clockwait(pthread_cond_t* cond, pthread_mutex_t* mutex, clockid_t clock,
                                             const struct timespec* deadline) {
  if (clock == CLOCK_REALTIME) {
    return pthread_cond_timedwait(cond, mutex, deadline);
  }
  timespec now{};
  timespec realNow{};
  clock_gettime(clock, &now);
  clock_gettime(CLOCK_REALTIME, &realNow);
  int64_t remaining = (deadline->tv_sec - now.tv_sec) * 1000000000LL + (deadline->tv_nsec - now.tv_nsec);
  int64_t at = realNow.tv_sec * 1000000000LL + realNow.tv_nsec + (remaining > 0 ? remaining : 0);
  timespec realDeadline{static_cast<time_t>(at / 1000000000LL), static_cast<long>(at % 1000000000LL)};
  return pthread_cond_timedwait(cond, mutex, &realDeadline);
}

// Randomness for std::random_device and abseil's seeds (getentropy 2.25, arc4random 2.36): the
// kernel's getrandom, or /dev/urandom on kernels older than 3.17.
extern "C" int __wrap_getentropy(void* buffer, size_t length) {
  if (length > 256) {
    errno = EIO;
    return -1;
  }
  auto* at = static_cast<uint8_t*>(buffer);
  size_t left = length;
  int urandom = -1;
  while (left > 0) {
    long got = urandom < 0 ? syscall(SYS_getrandom, at, left, 0) : read(urandom, at, left);
    if (got < 0 && errno == ENOSYS && urandom < 0) {
      urandom = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
      if (urandom < 0) {
        return -1;
      }
      continue;
    }
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      int error = got == 0 ? EIO : errno;
      if (urandom >= 0) {
        close(urandom);
      }
      errno = error;
      return -1;
    }
    at += got;
    left -= static_cast<size_t>(got);
  }
  if (urandom >= 0) {
    close(urandom);
  }
  return 0;
}

extern "C" uint32_t __wrap_arc4random() {
  uint32_t value = 0;
  if (__wrap_getentropy(&value, sizeof value) != 0) {
    // No entropy source at all: the caller (a random seed) still gets a value that varies.
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    value = static_cast<uint32_t>(now.tv_nsec ^ (now.tv_sec << 20) ^ getpid());
  }
  return value;
}

// libstdc++ reads this (2.32) to skip atomic operations in a single-threaded process; a plug-in is
// never alone in its process, so it says "not single-threaded", which is always correct.
extern "C" {
char __wrap___libc_single_threaded = 0;
}

#endif
