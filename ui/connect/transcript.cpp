#include "transcript.h"

#include "message_catalog.h"

#include <sockscope/events/json_lines.h>

#include <QDir>
#include <QFile>
#include <QSaveFile>

bool Transcript::begin(sockscope::TimePoint start, QString *error)
{
    start_ = start;
    chunks_ = 0;
    spoolError_.clear();
    spool_ = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/sockscope-transcript-XXXXXX.jsonl"));
    if (!spool_->open()) { // QTemporaryFile makes it 0600: the peer's bytes stay ours
        *error = tr("no file for the transcript: %1").arg(spool_->errorString());
        spool_.reset();
        return false;
    }
    return true;
}

void Transcript::append(const sockscope::Event &event)
{
    if (!spool_ || !spoolError_.isEmpty())
        return;
    const QByteArray line =
        QByteArray::fromStdString(sockscope::formatJsonLine(event, start_, MessageCatalog::formatter())) + '\n';
    if (spool_->write(line) != line.size())
        spoolError_ = tr("the transcript could not be written: %1").arg(spool_->errorString());
    ++chunks_;
}

// The spool read from the start and written to `path` through a QSaveFile
// (a failed save leaves an older file of that name whole), each block of
// it turned into what the file holds by `convert`.
bool Transcript::save(const QString &path, QString *error,
                      const std::function<void(QFile &in, QSaveFile &out)> &convert)
{
    if (!spool_ || !spool_->flush()) {
        *error = tr("there is no transcript");
        return false;
    }
    QFile in(spool_->fileName());
    QSaveFile out(path);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)) {
        *error = tr("could not write %1: %2").arg(path, out.errorString());
        return false;
    }
    while (!in.atEnd())
        convert(in, out);
    if (!out.commit()) {
        *error = tr("could not write %1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

bool Transcript::saveJsonLines(const QString &path, QString *error)
{
    return save(path, error, [](QFile &in, QSaveFile &out) { out.write(in.read(1 << 20)); });
}

bool Transcript::saveText(const QString &path, QString *error)
{
    return save(path, error, [this](QFile &in, QSaveFile &out) {
        const auto event = sockscope::parseJsonLine(in.readLine().toStdString(), start_);
        if (!event || !event->payload)
            return;
        bool incoming = false;
        for (const auto &[key, value] : event->extra) {
            if (key == "direction")
                incoming = std::get<std::string>(value) == "in";
        }
        const double ms = std::chrono::duration<double, std::milli>(event->time - start_).count();
        const QString header = incoming ? tr("%1 ms  ← %2 bytes received\n") : tr("%1 ms  → %2 bytes sent\n");
        out.write(header.arg(ms, 0, 'f', 3).arg(event->payload->size()).toUtf8());
        out.write(reinterpret_cast<const char *>(event->payload->data()), static_cast<qint64>(event->payload->size()));
        out.write("\n");
    });
}
