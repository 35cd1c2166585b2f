#include "gui/window/logic/pin_workflow.hpp"

namespace samenkaart::gui {

void PinWorkflow::arm(const std::string& code) {
    if (step_ == Step::Placing || step_ == Step::Editing) return;
    if (step_ == Step::Armed && category_ == code) {
        disarm();
        return;
    }
    step_ = Step::Armed;
    category_ = code;
    pinId_.clear();
}

void PinWorkflow::disarm() {
    if (step_ == Step::Armed || step_ == Step::Moving) finish();
}

bool PinWorkflow::tapMap(Point world) {
    movedTo_.reset();
    if (step_ == Step::Armed) {
        step_ = Step::Placing;
        position_ = world;
        return true;
    }
    if (step_ == Step::Moving) {
        movedTo_ = world;
        return true;
    }
    return false;
}

bool PinWorkflow::longPressMap(Point world) {
    if (step_ != Step::Idle && step_ != Step::Armed) return false;
    if (step_ == Step::Idle) category_.clear();  // an armed category is kept: no need to ask
    step_ = Step::Placing;
    position_ = world;
    return true;
}

void PinWorkflow::edit(const std::string& pinId) {
    step_ = Step::Editing;
    pinId_ = pinId;
    category_.clear();
}

void PinWorkflow::move(const std::string& pinId) {
    step_ = Step::Moving;
    pinId_ = pinId;
    category_.clear();
}

void PinWorkflow::finish() {
    step_ = Step::Idle;
    category_.clear();
    pinId_.clear();
}

}  // namespace samenkaart::gui
