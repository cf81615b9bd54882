// Transcript: every byte of a session, spooled to a file as it arrives.
//
// Each `data` event is written at once as a JSON line (the log's form, the
// same as `sockscope connect --json`) to a private temporary file, so
// nothing is dropped however fast the peer sends, while the window shows a
// coalesced view and memory stays bounded. Saving copies the spool (JSON
// Lines) or turns it into text for people: one block a chunk, its time in
// milliseconds, its direction, its bytes as they came.
#pragma once

#include <sockscope/events/event.h>

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QString>
#include <QTemporaryFile>
#include <functional>
#include <memory>

class Transcript {
    Q_DECLARE_TR_FUNCTIONS(Transcript)
public:
    /// Starts a new transcript; times are counted from `start`. False (and
    /// `error` said) when no spool file could be made.
    bool begin(sockscope::TimePoint start, QString *error);
    /// Writes one data event to the spool.
    void append(const sockscope::Event &event);
    qint64 chunks() const { return chunks_; }
    bool empty() const { return chunks_ == 0; }
    /// A write to the spool failed (the disk is full): said once.
    QString spoolError() const { return spoolError_; }

    bool saveJsonLines(const QString &path, QString *error);
    bool saveText(const QString &path, QString *error);

private:
    bool save(const QString &path, QString *error, const std::function<void(QFile &in, QSaveFile &out)> &convert);

    std::unique_ptr<QTemporaryFile> spool_;
    sockscope::TimePoint start_{};
    qint64 chunks_ = 0;
    QString spoolError_;
};
