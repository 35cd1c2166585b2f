// A test-only LD_PRELOAD library: makes the disk under the project file "full" or "read-only" while a
// flag file exists, so the tests can take the disk away from a running window or command and give it
// back, with no root, no loop mount and no quota.
//
//   SAMENKAART_TEST_FAIL_WRITES=/path/flag      the flag; while it exists, writes fail with the errno
//                                               it names: EROFS, else ENOSPC
//   SAMENKAART_TEST_FAIL_PREFIX=/path/p.sqlite  only files whose path starts with this fail: the
//                                               project, its -wal and -journal (not its -shm, below)
//
// Debian 12's libsqlite3 (3.40.1) imports write, pwrite64, ftruncate64 and fdatasync for its files;
// strace of `samenkaart pin add` shows pwrite64 for the log's frames and the checkpointed pages,
// fdatasync on commit and checkpoint, ftruncate64 when the checkpoint shrinks the database (write
// is for its rarely used paths). Database::reserveWriteAheadLog writes with pwrite and fdatasync.
// Those, their plain and 64-bit twins, and fsync are intercepted here. Everything else (fonts, X,
// the screenshots, other files) passes straight through.
//
// The -shm file is left alone: SQLite reaches it through a memory map whose pages it wrote when the
// connection opened, so a disk that fills up later never refuses it.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

// The errno a write to `fd` must fail with now, or 0 to let it through.
static int refusal(int fd) {
    const char* flag = getenv("SAMENKAART_TEST_FAIL_WRITES");
    const char* prefix = getenv("SAMENKAART_TEST_FAIL_PREFIX");
    if (!flag || !*flag || !prefix || !*prefix) return 0;
    const int saved = errno;
    int result = 0;
    char link[64];
    char path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = readlink(link, path, sizeof path - 1);
    if (n > 0) {
        path[n] = '\0';
        const size_t len = strlen(prefix);
        const int ours = strncmp(path, prefix, len) == 0 && strcmp(path + len, "-shm") != 0;
        const int fd_flag = ours ? open(flag, O_RDONLY | O_CLOEXEC) : -1;
        if (fd_flag >= 0) {
            char what[32] = {0};
            const ssize_t got = read(fd_flag, what, sizeof what - 1);
            close(fd_flag);
            result = got > 0 && strncmp(what, "EROFS", 5) == 0 ? EROFS : ENOSPC;
        }
    }
    errno = saved;
    return result;
}

// The next definition of `name`, libc's, looked up once. (In a sanitizer build the ASan runtime is
// preloaded first: its interceptors call these, and these call libc.)
static void* next(void** slot, const char* name) {
    if (!*slot) *slot = dlsym(RTLD_NEXT, name);
    return *slot;
}
#define NEXT(name) ((__typeof__(&name))next(&real_##name, #name))

// Refuses the write with the flag's errno, or hands it on.
#define REFUSE_OR(fd, call)          \
    do {                             \
        const int why = refusal(fd); \
        if (why) {                   \
            errno = why;             \
            return -1;               \
        }                            \
        return call;                 \
    } while (0)

static void* real_write;
static void* real_pwrite;
static void* real_pwrite64;
static void* real_ftruncate;
static void* real_ftruncate64;
static void* real_fsync;
static void* real_fdatasync;

ssize_t write(int fd, const void* buf, size_t count) { REFUSE_OR(fd, NEXT(write)(fd, buf, count)); }

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
    REFUSE_OR(fd, NEXT(pwrite)(fd, buf, count, offset));
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
    REFUSE_OR(fd, NEXT(pwrite64)(fd, buf, count, offset));
}

int ftruncate(int fd, off_t length) { REFUSE_OR(fd, NEXT(ftruncate)(fd, length)); }

int ftruncate64(int fd, off64_t length) { REFUSE_OR(fd, NEXT(ftruncate64)(fd, length)); }

int fsync(int fd) { REFUSE_OR(fd, NEXT(fsync)(fd)); }

int fdatasync(int fd) { REFUSE_OR(fd, NEXT(fdatasync)(fd)); }
