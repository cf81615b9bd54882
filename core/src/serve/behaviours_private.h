// The behaviours that need more than a peer (a clock, the server's figures,
// a connection of their own), each in a file of its own; behaviours.cpp
// makes them by name.
#pragma once

#include "sockscope/serve/behaviour.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sockscope::behaviours {

std::unique_ptr<Behaviour> makeGreeter(const BehaviourContext &context);
std::unique_ptr<Behaviour> makeCommandServer(const BehaviourContext &context);
std::unique_ptr<Behaviour> makeConnectionLogger(const BehaviourContext &context);
std::unique_ptr<Behaviour> makePortForwarder(const BehaviourContext &context);

/// The local time as C's asctime() writes it ("Mon Nov 30 07:13:13
/// 2026"), English whatever the locale, without the newline.
std::string localTimeText();
std::vector<unsigned char> bytesOf(std::string_view text);

} // namespace sockscope::behaviours
