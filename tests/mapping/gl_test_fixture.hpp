// A GoogleTest fixture for tests that draw: one hidden GL context for the whole suite, and each test
// skips loudly when there is none (no display). Derive a suite's fixture from it.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "gl_test_context.hpp"

namespace samenkaart::test_support {

class GlTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        context_ = std::make_unique<HiddenGlContext>();
        if (context_->ok()) std::printf("GL: %s\n", context_->description().c_str());
    }
    static void TearDownTestSuite() { context_.reset(); }
    void SetUp() override {
        if (!context_->ok()) GTEST_SKIP() << "NO GL CONTEXT, GL TESTS SKIPPED: " << context_->error();
    }

private:
    static inline std::unique_ptr<HiddenGlContext> context_;
};

}  // namespace samenkaart::test_support
