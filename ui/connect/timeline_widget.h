// TimelineWidget: the race as it happens, one lane per attempt, a bar from
// its start to its outcome on a millisecond axis, coloured by outcome, the
// winner marked. Bars of running attempts grow with time: while any runs,
// the widget repaints itself at 30 frames a second (a clock for drawing,
// not a poll of the engine).
#pragma once

#include <QTimer>
#include <sockscope/connect/race_plan.h>

#include <QColor>
#include <QWidget>

class AttemptsModel;

class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(AttemptsModel *model, QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// The colour of a bar with `outcome`.
    static QColor outcomeColour(sockscope::AttemptOutcome outcome);
    /// The vertical middle of attempt `lane`'s bar.
    static int laneMiddle(int lane);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void modelChanged();

    AttemptsModel *model_;
    QTimer frames_;
};
