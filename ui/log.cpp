#include "log.h"

Q_LOGGING_CATEGORY(lcUi, "sockscope.ui", QtWarningMsg)
