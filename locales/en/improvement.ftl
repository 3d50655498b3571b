## Verwonder & Verbeter (wonder & improve)

vv-link = Points of wonder
vv-title = Points of wonder of { $team }
vv-post-heading = What makes you wonder?
vv-label-title = My point of wonder
vv-label-body = Explanation (optional)
vv-label-anonymous = Anonymous, for the team leader only
vv-anonymous-hint = Only the team leader sees an anonymous point, without your name. You see what becomes of it.
vv-post-button = Post
vv-waiting-heading = Waiting for a decision
vv-triaged-heading = Decided
vv-none-waiting = No points are waiting.
vv-none-triaged = No points decided yet.
vv-col-point = Point of wonder
vv-col-support = Support
vv-col-posted = Posted
vv-col-status = State
vv-col-support-action = Support it
vv-anonymous = anonymous
vv-mine = mine
vv-supported = you support this
vv-support-button = +1 support
vv-status-new = Waiting for a decision
vv-status-not_now = Not now
vv-status-quick_fix = Quick fix
vv-status-project = Improvement project
vv-status-merged = Merged
vv-label-reason = Why not now
vv-label-action = Action
vv-open-action = To the action
vv-label-merged-into = Merged into
vv-open-merged = To the point of wonder
vv-label-posters = Posted by
vv-anonymous-posters = { $count ->
    [one] one colleague anonymously
   *[other] { $count } colleagues anonymously
}
vv-triage-heading = Decide
vv-triage-legend = What do we do with it?
vv-choice-quick_fix = Quick fix: an action in the register at once
vv-choice-project = Start an improvement project
vv-choice-not_now = Not now (with a reason the poster sees)
vv-triage-hint = A quick fix needs an action, a kartrekker and perhaps a date; an improvement project a title, kartrekker and problem statement; not now a reason.
vv-label-triage-title = Title of the action or project
vv-label-goal = Goal of the action
vv-label-problem = Problem statement
vv-triage-button = Decide
vv-merge-heading = Merge
vv-label-merge-into = Merge into
vv-merge-button = Merge
vv-comments-heading = Comments
vv-label-comment = Comment
vv-comment-button = Comment
vv-no-comments = No comments yet.
vv-triagers-heading = Who decides on the points of wonder?
vv-triagers-legend = Besides the team leader, these decide too:
vv-notice-posted = Your point of wonder is posted.
vv-notice-triagers-saved = Saved who decides on the points of wonder.
vv-notice-supported = You support this point of wonder.
vv-notice-commented = Your comment is added.
vv-notice-merged = The points of wonder are merged.
vv-notice-triaged = The decision is recorded.
vv-error-title-required = Write down what makes you wonder.
vv-error-comment-required = Write a comment.
vv-error-reason-required = Give a reason: the poster reads it.
vv-error-project-title-required = Give a title.
vv-error-problem-required = Describe the problem.
vv-error-choice = Choose what we do with it.
vv-error-already-triaged = This point of wonder has been decided on already.
vv-error-own-point = You support your own point already.
vv-error-merged = This point of wonder has been merged into another.
vv-error-merge-target = Choose another waiting point of wonder of this team.

## Improvement projects

vv-open-project = To the improvement project
vv-label-aim = Aim
vv-aim-by = by { $date }
vv-label-measure = Measure
vv-label-result = Result
vv-better-higher = higher is better
vv-better-lower = lower is better
vv-chart-heading = Run chart
vv-no-data = No data points yet.
vv-chart-legend = The solid line is the median, the dashed one the baseline's median. A filled point is part of a shift (6 or more points on one side of the line), a thick ring part of a trend (5 or more points in a row rising or falling).
vv-chart-title = Run chart: { $measure }
vv-chart-desc = { $count } data points, median { $median }.
vv-chart-has-shift = There is a shift.
vv-chart-has-trend = There is a trend.
vv-chart-shift = shift
vv-chart-trend = trend
vv-data-caption = Data points
vv-col-date = Date
vv-col-value = Value
vv-col-marks = Notable
vv-data-heading = Add data points
vv-label-pasted = Or paste two columns: date and value
vv-pasted-hint = One line per measurement, for instance from Excel: 2026-03-03 and 12.5. A date already there takes the new value.
vv-data-button = Add
vv-aim-heading = Aim and measure
vv-label-aim-what = What we want to achieve
vv-label-aim-how-much = How much
vv-label-aim-by = By
vv-label-unit = Unit
vv-label-better = What is better
vv-label-baseline-until = Baseline up to and including
vv-close-heading = Close the project
vv-close-button = Close with this result
vv-notice-project-started = The improvement project has started.
vv-notice-project-saved = Aim and measure are saved.
vv-notice-data-added = The data points are in the run chart.
vv-notice-project-closed = The project is closed.
vv-error-aim-required = Write down what you want to achieve.
vv-error-measure-required = Give the measure a name.
vv-error-better = Choose whether higher or lower is better.
vv-error-result-required = Write down the result.
vv-error-project-closed = This project is closed.
vv-error-no-data = Fill in a date and a value, or paste data points.
vv-error-value = Fill in a number, for instance 12.5.
vv-error-line-columns = Line { $line }: expected two columns, date and value.
vv-error-line-date = Line { $line }: the date cannot be read.
vv-error-line-value = Line { $line }: the value is not a number.

## Notices

notice-kind-verwonderpunt_answered = News about your point of wonder
notice-kind-verwonderpunt_answered-help = Your point of wonder was decided on (not now, a quick fix or an improvement project), or its improvement project closed.
mail-notice-verwonderpunt_answered-subject = News about "{ $subject }"
mail-notice-verwonderpunt_answered = There is news about your point of wonder "{ $subject }" ({ $team }): read what becomes of it.
home-vv = Verwonderpunten
home-vv-waiting = { $count } waiting for a decision
home-vv-answered = Your verwonderpunt “{ $title }”
notice-kind-verwonderpunt_posted = New verwonderpunt in your team
notice-kind-verwonderpunt_posted-help = Someone in a team you lead posted a verwonderpunt; it waits for a decision.
mail-notice-verwonderpunt_posted-subject = New verwonderpunt: "{ $subject }"
mail-notice-verwonderpunt_posted = There is a new verwonderpunt in { $team }: "{ $subject }". It waits for a decision: not now, a quick fix or an improvement project.

## PDCA cycles

improvement-cycles-heading = PDCA cycles
improvement-cycles-none = No cycles yet. A cycle plans a small change (plan), carries it out (do), studies what the measurements show (study) and decides what stays (act).
improvement-cycle-title = Cycle { $number }
improvement-cycle-from-to = { $from } to { $to }
improvement-cycle-from = from { $from }
improvement-cycle-plan = Plan: what will we try?
improvement-cycle-do = Do: what did we do?
improvement-cycle-study = Study: what did we see?
improvement-cycle-act = Act: what do we keep or adjust?
improvement-cycle-open = View cycle { $number }
improvement-cycle-edit-n = Update cycle { $number } or make an action from it
improvement-cycle-new = New cycle
improvement-cycle-add = Add cycle
improvement-cycle-edit = Update the cycle
improvement-label-starts-on = Starts on
improvement-label-ends-on = Ends on (may be empty)
improvement-cycle-actions = Actions from this cycle
improvement-cycle-actions-intro = An action goes straight into the team's action register, with a kartrekker.
improvement-cycle-no-actions = No actions yet.
improvement-action-due = due { $date }
improvement-back-to-project = Back to { $project }
improvement-notice-cycle-added = The cycle was added.
improvement-notice-cycle-saved = The cycle was updated.
improvement-error-plan-required = Write down what you will try: the plan.
improvement-error-ends-before-start = A cycle cannot end before it starts.

## What we changed

improvement-wall-link = What we changed
improvement-wall-title = What we changed in { $team }
improvement-wall-intro = Finished improvement projects with their result, and quick fixes whose action is done. The latest first.
improvement-wall-empty = Nothing finished yet. An improvement project that closes, or a quick fix that is done, shows here.
improvement-wall-project = Improvement project
improvement-wall-kartrekker = kartrekker { $name }
improvement-wall-from-point = from the point of wonder “{ $title }”

## The organisation's overview

improvement-overview-title = Improvement projects in the organisation
improvement-overview-intro = Per department and team: how many improvement projects run and how many closed, and for each running project its kartrekker, its latest data point and what its run chart shows.
improvement-overview-empty = There are no improvement projects yet.
improvement-overview-caption = Improvement projects of { $department }
improvement-col-team = Team
improvement-col-running = Running
improvement-col-closed = Closed
improvement-col-projects = Running projects
improvement-overview-latest = latest data point { $value } on { $date }
improvement-overview-shift = the run chart shows a shift
improvement-overview-trend = the run chart shows a trend
improvement-overview-shift-trend = the run chart shows a shift and a trend
improvement-overview-no-signal = no shift or trend yet
improvement-overview-no-data = no data points yet
improvement-home-next = Follow the improvement projects of every team
