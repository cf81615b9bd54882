#include "sockscope/ipc/sysv_list_watch.h"

#include "sockscope/ipc/sysv_list.h"

namespace sockscope {
namespace {

const ExtraValue *fieldOf(const Event &event, const std::string &name)
{
    for (const auto &[key, value] : event.extra) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

std::string keyOf(const Event &object)
{
    const ExtraValue *kind = fieldOf(object, "kind");
    const ExtraValue *id = fieldOf(object, "id");
    return (kind && std::holds_alternative<std::string>(*kind) ? std::get<std::string>(*kind) : std::string()) + ':' +
           (id && std::holds_alternative<std::int64_t>(*id) ? std::to_string(std::get<std::int64_t>(*id)) : std::string());
}

Event removedEvent(const Event &object)
{
    Event removed = makeEvent(EventKind::IpcRemoved, object.time);
    for (const char *name : {"kind", "id", "key"}) {
        if (const ExtraValue *value = fieldOf(object, name))
            removed.extra.emplace_back(name, *value);
    }
    removed.extra.emplace_back("listed", true);
    return removed;
}

} // namespace

SysvListWatch::SysvListWatch(Reactor &reactor, EventSink &events, std::chrono::milliseconds interval,
                             std::string directory)
    : reactor_(reactor), events_(events)
{
    reader_ = std::make_unique<PeriodicReader>(reactor, interval, [this, directory = std::move(directory)] {
        auto error = std::make_shared<std::error_code>();
        auto listed = std::make_shared<std::vector<Event>>(sysvListingEvents(readSysvListing(*error, directory), {}));
        return [this, listed, error] {
            arrived(std::move(*listed), *error);
            return true; // the namespace stays: read while watched
        };
    });
}

SysvListWatch::~SysvListWatch()
{
    *alive_ = false;
}

int SysvListWatch::readings() const
{
    return reader_->readings();
}

void SysvListWatch::arrived(std::vector<Event> listed, std::error_code error)
{
    const TimePoint at = reactor_.now();
    std::vector<Event> changes;
    if (error) { // what was listed stays as it was shown
        Event failed = makeEvent(EventKind::IpcFailed, at);
        failed.error = error;
        failed.extra.emplace_back("operation", std::string("list"));
        changes.push_back(std::move(failed));
    } else {
        changes = differences(std::move(listed));
    }
    const std::shared_ptr<bool> alive = alive_; // a sink may destroy this watch
    for (Event &change : changes) {
        if (!*alive)
            return;
        change.time = at;
        events_.onEvent(change);
    }
}

std::vector<Event> SysvListWatch::differences(std::vector<Event> listed)
{
    std::map<std::string, Event> now;
    for (Event &object : listed) {
        std::string key = keyOf(object);
        now.emplace(std::move(key), std::move(object));
    }
    std::vector<Event> changes;
    for (const auto &[key, object] : shown_) {
        if (!now.count(key))
            changes.push_back(removedEvent(object));
    }
    for (const auto &[key, object] : now) {
        const auto before = shown_.find(key);
        if (before == shown_.end() || before->second.extra != object.extra)
            changes.push_back(object);
    }
    shown_ = std::move(now);
    return changes;
}

} // namespace sockscope
