// Logging categories of the window: enable with
// QT_LOGGING_RULES="sockscope.ui.info=true".
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcUi)
