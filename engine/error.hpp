// The one error type that crosses the engine boundary. It names what it is about (a file, a pin id,
// a session), the cause in words a facilitator understands (front ends print "subject: cause"), and
// a kind: what happened, for code to act on. Front ends decide by the kind, never by the words, so
// rewording a message never changes what a window does.
#pragma once

#include <cerrno>
#include <stdexcept>
#include <string>

namespace samenkaart {

enum class ErrorKind {
    Other,        // nothing more is known than the words
    BadInput,     // a value, name or option that is wrong as given
    NotFound,     // a file, folder, pin, session or category that is not there
    Exists,       // the target exists and is not to be replaced
    Unsupported,  // a kind of file or a file name Samenkaart does not read or write
    Damaged,      // a file whose contents are damaged (engine/file_damage.hpp)
    DiskFull,     // no space left (or over a quota)
    ReadOnly,     // the file, its folder or its disk may not be written
    Locked,       // another program holds the file
    Unreachable,  // a server that cannot be reached, or whose connection was lost
    Denied,       // a server refused: wrong password, or a role without the right
};

// What a failed system call's errno says happened.
constexpr ErrorKind errorKindFromErrno(int err) {
    switch (err) {
        case ENOSPC:
        case EDQUOT:
            return ErrorKind::DiskFull;
        case EROFS:
        case EACCES:
        case EPERM:
            return ErrorKind::ReadOnly;
        case EEXIST:
            return ErrorKind::Exists;
        case ENOENT:
        case ENOTDIR:
            return ErrorKind::NotFound;
        case EBUSY:
        case ETXTBSY:
            return ErrorKind::Locked;
        default:
            return ErrorKind::Other;
    }
}

class Error : public std::runtime_error {
public:
    Error(std::string subject, std::string cause, ErrorKind kind = ErrorKind::Other)
        : std::runtime_error(subject.empty() ? cause : subject + ": " + cause),
          subject_(std::move(subject)),
          cause_(std::move(cause)),
          kind_(kind) {}

    const std::string& subject() const { return subject_; }
    const std::string& cause() const { return cause_; }
    ErrorKind kind() const { return kind_; }

private:
    std::string subject_;
    std::string cause_;
    ErrorKind kind_;
};

}  // namespace samenkaart
