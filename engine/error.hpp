// The one error type that crosses the engine boundary. It names what it is about (a file, a pin id,
// a session) and the cause in words a facilitator understands; front ends print "subject: cause".
#pragma once

#include <stdexcept>
#include <string>

namespace samenkaart {

class Error : public std::runtime_error {
public:
    Error(std::string subject, std::string cause)
        : std::runtime_error(subject.empty() ? cause : subject + ": " + cause),
          subject_(std::move(subject)),
          cause_(std::move(cause)) {}

    const std::string& subject() const { return subject_; }
    const std::string& cause() const { return cause_; }

private:
    std::string subject_;
    std::string cause_;
};

}  // namespace samenkaart
