// TimelineWidget: the race as it happens, one lane per attempt, a bar from
// its start to its outcome on a millisecond axis, coloured by outcome, the
// winner marked. Bars of running attempts grow with time: while any runs,
// the widget repaints itself at 30 frames a second (a clock for drawing,
// not a poll of the engine).
#pragma once

#include <QTimer>
#include <QWidget>

class AttemptsModel;

class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(AttemptsModel *model, QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void modelChanged();

    AttemptsModel *model_;
    QTimer frames_;
};
