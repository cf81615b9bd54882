#include "timeline_widget.h"

#include "attempts_model.h"

#include <QLocale>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace {

constexpr int kLane = 22;
constexpr int kAxis = 20;
constexpr int kLabel = 170;

// A round step for the axis: 1, 2 or 5 times a power of ten.
double axisStep(double spanMs)
{
    const double rough = spanMs / 6;
    const double power = std::pow(10.0, std::floor(std::log10(std::max(rough, 0.001))));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (power * factor >= rough)
            return power * factor;
    }
    return power * 10;
}

} // namespace

QColor TimelineWidget::outcomeColour(sockscope::AttemptOutcome outcome)
{
    using sockscope::AttemptOutcome;
    switch (outcome) {
    case AttemptOutcome::Running: return QColor(0x3b, 0x82, 0xf6);
    case AttemptOutcome::Connected: return QColor(0x16, 0xa3, 0x4a);
    case AttemptOutcome::Failed: return QColor(0xdc, 0x26, 0x26);
    case AttemptOutcome::TimedOut: return QColor(0xea, 0x58, 0x0c);
    case AttemptOutcome::Cancelled: return QColor(0x9c, 0xa3, 0xaf);
    }
    return Qt::gray;
}

int TimelineWidget::laneMiddle(int lane)
{
    return kAxis + lane * kLane + kLane / 2;
}

TimelineWidget::TimelineWidget(AttemptsModel *model, QWidget *parent) : QWidget(parent), model_(model)
{
    setObjectName(QStringLiteral("connectTimeline"));
    frames_.setInterval(33);
    connect(&frames_, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    connect(model_, &QAbstractItemModel::modelReset, this, &TimelineWidget::modelChanged);
    connect(model_, &QAbstractItemModel::dataChanged, this, &TimelineWidget::modelChanged);
}

QSize TimelineWidget::sizeHint() const
{
    return {600, kAxis + kLane * std::max(3, model_->rowCount()) + 8};
}

QSize TimelineWidget::minimumSizeHint() const
{
    return {300, kAxis + kLane}; // one lane; the splitter gives more where there is room
}

void TimelineWidget::modelChanged()
{
    const auto &attempts = model_->attempts();
    const bool running = std::any_of(attempts.begin(), attempts.end(), [](const sockscope::AttemptRecord &a) {
        return a.outcome == sockscope::AttemptOutcome::Running;
    });
    if (running && !frames_.isActive())
        frames_.start();
    else if (!running)
        frames_.stop();
    updateGeometry();
    update();
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const auto &attempts = model_->attempts();
    if (attempts.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Every attempt on every address appears here, live."));
        return;
    }
    const sockscope::TimePoint now = sockscope::Clock::now();
    const auto ms = [&](sockscope::TimePoint t) {
        return std::chrono::duration<double, std::milli>(t - model_->start()).count();
    };
    double span = 1;
    for (const auto &attempt : attempts)
        span = std::max(span, ms(attempt.ended.value_or(now)));
    span *= 1.05;
    const int left = kLabel;
    const int winnerLabel = fontMetrics().horizontalAdvance(tr("winner")) + 8; // room after the winning bar
    const int width = std::max(10, this->width() - left - 10 - winnerLabel);
    const auto x = [&](double t) { return left + static_cast<int>(t / span * width); };

    // The axis, in round milliseconds.
    painter.setPen(palette().color(QPalette::Mid));
    const double step = axisStep(span);
    for (double t = 0; t <= span; t += step) {
        painter.drawLine(x(t), kAxis - 4, x(t), height());
        painter.drawText(x(t) + 2, kAxis - 6, QLocale().toString(t, 'f', step < 1 ? 1 : 0) + tr(" ms"));
    }
    for (std::size_t i = 0; i < attempts.size(); ++i) {
        const auto &attempt = attempts[i];
        const int top = kAxis + static_cast<int>(i) * kLane;
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRect(4, top, kLabel - 8, kLane), Qt::AlignVCenter | Qt::AlignLeft,
                         QString::fromStdString(attempt.address.toString()));
        const int begin = x(ms(attempt.started));
        const int end = std::max(begin + 2, x(ms(attempt.ended.value_or(now))));
        painter.fillRect(QRect(begin, top + 5, end - begin, kLane - 10), outcomeColour(attempt.outcome));
        if (attempt.outcome == sockscope::AttemptOutcome::Connected) {
            painter.setPen(outcomeColour(attempt.outcome));
            painter.drawText(end + 4, top + kLane - 7, tr("winner"));
        }
    }
}
