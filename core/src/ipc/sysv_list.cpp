#include "sockscope/ipc/sysv_list.h"

#include "sockscope/events/error.h"

#include <cerrno>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace sockscope {
namespace {

std::vector<std::string_view> words(std::string_view line)
{
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < line.size()) {
        const std::size_t start = line.find_first_not_of(" \t\n", at);
        if (start == std::string_view::npos)
            break;
        const std::size_t end = std::min(line.find_first_of(" \t\n", start), line.size());
        out.push_back(line.substr(start, end - start));
        at = end;
    }
    return out;
}

// One table row by column name; numbers in `base`, absent columns 0.
class Row {
public:
    Row(const std::map<std::string, std::size_t, std::less<>> &columns, std::vector<std::string_view> cells)
        : columns_(columns), cells_(std::move(cells))
    {
    }
    template <typename Number>
    Number get(std::string_view column, int base = 10)
    {
        const auto at = columns_.find(column);
        if (at == columns_.end())
            return 0;
        if (at->second >= cells_.size()) {
            ok_ = false;
            return 0;
        }
        const std::string_view cell = cells_[at->second];
        Number value = 0;
        const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value, base);
        if (error != std::errc() || end != cell.data() + cell.size())
            ok_ = false;
        return value;
    }
    bool ok() const { return ok_; }

private:
    const std::map<std::string, std::size_t, std::less<>> &columns_;
    std::vector<std::string_view> cells_;
    bool ok_ = true;
};

// Calls `read(row, info)` for each row; nullopt if a column in `required`
// is not in the header or a row does not parse.
template <typename Info, typename Read>
std::optional<std::vector<Info>> parseTable(std::string_view text, std::initializer_list<std::string_view> required,
                                            Read read)
{
    const std::size_t headerEnd = std::min(text.find('\n'), text.size());
    std::map<std::string, std::size_t, std::less<>> columns;
    const std::vector<std::string_view> header = words(text.substr(0, headerEnd));
    for (std::size_t i = 0; i < header.size(); ++i)
        columns.emplace(std::string(header[i]), i);
    for (std::string_view column : required) {
        if (columns.find(column) == columns.end())
            return std::nullopt;
    }
    std::vector<Info> list;
    std::size_t at = headerEnd;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find('\n', at + 1), text.size());
        std::vector<std::string_view> cells = words(text.substr(at, end - at));
        at = end;
        if (cells.empty())
            continue;
        Row row(columns, std::move(cells));
        Info info;
        read(row, info);
        if (!row.ok())
            return std::nullopt;
        list.push_back(info);
    }
    return list;
}

void readCommon(Row &row, SysvCommon &info, const char *idColumn)
{
    info.key = row.get<long>("key");
    info.id = row.get<int>(idColumn);
    info.mode = row.get<int>("perms", 8);
    info.uid = row.get<int>("uid");
    info.gid = row.get<int>("gid");
    info.creatorUid = row.get<int>("cuid");
    info.creatorGid = row.get<int>("cgid");
    info.changeTime = row.get<std::int64_t>("ctime");
}

std::optional<std::string> readWhole(const std::string &path, std::error_code &error)
{
    std::ifstream file(path);
    if (!file) {
        error = std::error_code(errno ? errno : ENOENT, std::system_category());
        return std::nullopt;
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

template <typename Info>
std::vector<Info> readTable(const std::string &path, std::error_code &error,
                            std::optional<std::vector<Info>> (*parse)(std::string_view))
{
    if (error)
        return {};
    const std::optional<std::string> text = readWhole(path, error);
    if (!text)
        return {};
    std::optional<std::vector<Info>> table = parse(*text);
    if (!table) {
        error = std::make_error_code(std::errc::bad_message);
        return {};
    }
    return std::move(*table);
}

ExtraValue integer(std::int64_t value)
{
    return value;
}

Event objectEvent(const char *kind, const SysvCommon &info, TimePoint time)
{
    Event event = makeEvent(EventKind::IpcObject, time);
    event.uid = info.uid;
    event.gid = info.gid;
    event.extra = {{"kind", std::string(kind)},
                   {"key", integer(info.key)},
                   {"id", integer(info.id)},
                   {"mode", integer(info.mode & 0777)},
                   {"creator_uid", integer(info.creatorUid)},
                   {"creator_gid", integer(info.creatorGid)}};
    return event;
}

} // namespace

std::optional<std::vector<SysvSegmentInfo>> parseSysvSegments(std::string_view text)
{
    return parseTable<SysvSegmentInfo>(text, {"key", "shmid", "perms", "size", "nattch"}, [](Row &row, SysvSegmentInfo &info) {
        readCommon(row, info, "shmid");
        info.size = row.get<std::uint64_t>("size");
        info.creatorPid = row.get<int>("cpid");
        info.lastPid = row.get<int>("lpid");
        info.attached = row.get<std::uint64_t>("nattch");
        info.attachTime = row.get<std::int64_t>("atime");
        info.detachTime = row.get<std::int64_t>("dtime");
        info.residentBytes = row.get<std::uint64_t>("rss");
        info.swappedBytes = row.get<std::uint64_t>("swap");
    });
}

std::optional<std::vector<SysvSemaphoreSetInfo>> parseSysvSemaphoreSets(std::string_view text)
{
    return parseTable<SysvSemaphoreSetInfo>(text, {"key", "semid", "perms", "nsems"},
                                            [](Row &row, SysvSemaphoreSetInfo &info) {
                                                readCommon(row, info, "semid");
                                                info.count = row.get<int>("nsems");
                                                info.opTime = row.get<std::int64_t>("otime");
                                            });
}

std::optional<std::vector<SysvQueueInfo>> parseSysvQueues(std::string_view text)
{
    return parseTable<SysvQueueInfo>(text, {"key", "msqid", "perms", "cbytes", "qnum"}, [](Row &row, SysvQueueInfo &info) {
        readCommon(row, info, "msqid");
        info.bytes = row.get<std::uint64_t>("cbytes");
        info.messages = row.get<std::uint64_t>("qnum");
        info.lastSendPid = row.get<int>("lspid");
        info.lastReceivePid = row.get<int>("lrpid");
        info.sendTime = row.get<std::int64_t>("stime");
        info.receiveTime = row.get<std::int64_t>("rtime");
    });
}

SysvListing readSysvListing(std::error_code &error, const std::string &directory)
{
    error.clear();
    SysvListing listing;
    listing.segments = readTable<SysvSegmentInfo>(directory + "/shm", error, &parseSysvSegments);
    listing.semaphoreSets = readTable<SysvSemaphoreSetInfo>(directory + "/sem", error, &parseSysvSemaphoreSets);
    listing.queues = readTable<SysvQueueInfo>(directory + "/msg", error, &parseSysvQueues);
    return listing;
}

std::vector<Event> sysvListingEvents(const SysvListing &listing, TimePoint time)
{
    std::vector<Event> events;
    for (const SysvSegmentInfo &segment : listing.segments) {
        Event event = objectEvent("shm", segment, time);
        event.extra.emplace_back("size", integer(static_cast<std::int64_t>(segment.size)));
        event.extra.emplace_back("attached", integer(static_cast<std::int64_t>(segment.attached)));
        event.extra.emplace_back("creator_pid", integer(segment.creatorPid));
        event.extra.emplace_back("last_pid", integer(segment.lastPid));
        event.extra.emplace_back("removed", segment.removed());
        events.push_back(std::move(event));
    }
    for (const SysvSemaphoreSetInfo &set : listing.semaphoreSets) {
        Event event = objectEvent("sem", set, time);
        event.extra.emplace_back("count", integer(set.count));
        events.push_back(std::move(event));
    }
    for (const SysvQueueInfo &queue : listing.queues) {
        Event event = objectEvent("msg", queue, time);
        event.extra.emplace_back("bytes_queued", integer(static_cast<std::int64_t>(queue.bytes)));
        event.extra.emplace_back("messages", integer(static_cast<std::int64_t>(queue.messages)));
        event.extra.emplace_back("last_send_pid", integer(queue.lastSendPid));
        event.extra.emplace_back("last_receive_pid", integer(queue.lastReceivePid));
        events.push_back(std::move(event));
    }
    return events;
}

} // namespace sockscope
