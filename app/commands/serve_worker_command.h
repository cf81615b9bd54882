#pragma once

#include <QStringList>

/// `sockscope __serve-worker BEHAVIOUR ...`: a worker of `serve --model
/// fork|prefork`, started by its server (core's WorkerPool), never by hand.
int runServeWorkerCommand(const QStringList &arguments);
