# The team trajectory "Leidinggeven & leidingkrijgen" (leading and being led)

nav-trajectories = Trajectories

trajectory-title = Trajectory Leading & being led · { $team }
trajectory-about = Leading & being led is a trajectory in five steps: intake, observation, mirror session, work on it, and evaluation. A trainer from outside the ward looks along, holds up a mirror to the team, and the team itself agrees on what to improve. After that the team evaluates again at regular intervals.
trajectory-none-yet = This team has no trajectory yet.
trajectory-none = No trajectory
trajectory-start = Start a trajectory
trajectory-start-button = Start the trajectory
trajectory-start-for = Start a trajectory for { $team }
trajectory-trainer-hint = Choose a trainer: someone from outside this team, trained in-house. The trainer is added to the team in the role of trainer.
trajectory-label-trainer = Trainer
trajectory-phase-now = Step now: { $phase }.
trajectory-trainer-is = Trainer: { $name }.
trajectory-now = What now?
trajectory-advance-to = Finish and go on to { $phase }
trajectory-advance-hint = A step cannot be skipped. Only go on when this step is done.
trajectory-step-done = done
trajectory-step-current = in progress
trajectory-step-todo = not yet
trajectory-re-evaluation-every = then every half year, or as often as the team agrees
trajectory-fill-in = Fill in the questionnaire
trajectory-to-intake = To the intake
trajectory-to-observations = To the observations
trajectory-to-mirror = To the mirror session
trajectory-participants = { $count ->
    [one] One team member has filled in the questionnaire,
   *[other] { $count } team members have filled in the questionnaire,
}
trajectory-of-respondents = out of { $count }.
trajectory-nav-label = Trajectory
trajectory-nav-overview = Overview
trajectory-nav-evaluation = Evaluation
trajectory-nav-actions = The team's actions

trajectory-phase-intake = Intake
trajectory-phase-observation = Observation
trajectory-phase-mirror_session = Mirror session
trajectory-phase-work = Work on it
trajectory-phase-evaluation = Evaluation
trajectory-phase-re_evaluation = Re-evaluation
trajectory-explain-intake = Everyone in the team fills in the Miniteam questionnaire: what do you run into in your daily work, and what are you proud of? The trainer groups the answers into themes. The intake session takes at most 2 hours.
trajectory-explain-observation = The trainer walks along on the ward and writes down what he or she sees: the work, the problems the team runs into, and the interaction between the leader and the staff. Facts, not opinions or conclusions.
trajectory-explain-mirror_session = The trainer holds up a mirror to the team: this is what I saw, without judgement. The team discusses the themes and makes agreements about what to improve, each with a kartrekker. The mirror session takes at most 2 hours.
trajectory-explain-work = The team works on the agreements for 4 to 6 weeks. The kartrekkers keep track of the progress on the action board.
trajectory-explain-evaluation = What did the team do, what came of it and how do we go on? The evaluation takes at most 2 hours. Once it is completed, the next re-evaluation is planned.
trajectory-explain-re_evaluation = The team evaluates again at regular intervals, so that you keep each other sharp and the way of working becomes the team's own.

trajectory-session-intake = Intake
trajectory-session-mirror_session = Mirror session
trajectory-session-evaluation = Evaluation
trajectory-re-evaluation-n = Re-evaluation { $number }
trajectory-sessions = Sessions
trajectory-sessions-hint = The intake, the mirror session and every evaluation take at most 2 hours. Put them in your calendar with the calendar file.
trajectory-the-session = The session
trajectory-label-session = Session
trajectory-label-date = Date
trajectory-label-start-time = Start time
trajectory-label-minutes = Length
trajectory-label-minutes-max = Length in minutes (at most 120)
trajectory-label-location = Place
trajectory-label-agenda = Agenda
trajectory-label-attendance = Present
trajectory-label-calendar = Calendar file
trajectory-minutes = { $count } minutes
trajectory-attendees = { $count ->
    [0] Nobody marked as present yet.
    [one] One person present.
   *[other] { $count } people present.
}
trajectory-not-planned = Not planned yet
trajectory-no-agenda = No agenda yet.
trajectory-session-plan = Plan the { $session } and record attendance
trajectory-session-ics = Put the { $session } in your calendar (.ics)
trajectory-session-intro = Plan the session, add the agenda, and afterwards tick who was there.
trajectory-agenda-hint = { $session ->
    [intake] For example: introductions, what the trajectory is, discussing the answers to the questionnaire, choosing themes.
    [mirror_session] For example: what the trainer saw, reflecting per theme, making agreements with a kartrekker.
   *[other] For example: what did we do, what came of it, how do we go on.
}
trajectory-back-to = Back to the { $page }
trajectory-done = done
trajectory-planned = planned

trajectory-label-weeks = Number of weeks to work on it
trajectory-weeks-planned = { $count ->
    [one] The team works on it for one week.
   *[other] The team works on it for { $count } weeks.
}
trajectory-work-started = Started on { $date }.
trajectory-work-ends = The evaluation is planned around { $date }.
trajectory-weeks-warning = The advice is to work on it for 4 to 6 weeks. Shorter is often too short to see results; longer makes it hard to keep up the pace.

trajectory-intake-title = Intake · { $team }
trajectory-intake-intro = With the Miniteam questionnaire every team member says what he or she needs to do the work well. The trainer groups the answers into themes; they come back in the mirror session.
trajectory-questionnaire = Questionnaire
trajectory-question-daily = What do you run into in your daily work?
trajectory-question-daily-hint = Think of the handover, the rota, meetings, supplies, working with others.
trajectory-question-proud = What are you proud of in your work?
trajectory-question-proud-hint = What goes well, what are you happy with, what do you certainly want to keep?
trajectory-answer-button = Send the answers
trajectory-anonymous-explain = Your answers are anonymous: nobody keeps who wrote what. You can fill in the questionnaire once and cannot change your answers afterwards.
trajectory-named-explain = Your answers are kept with your name, so that you can change them until the intake ends. In the mirror session they show without names.
trajectory-answered-named = You have filled in the questionnaire. You can still change your answers below.
trajectory-answered-anonymously = You have filled in the questionnaire anonymously. Thank you! Anonymous answers cannot be changed.
trajectory-intake-closed = The intake is over; the trajectory is now at the step { $phase }. Answers can no longer be given or changed.
trajectory-anonymity = Anonymous or with names
trajectory-anonymity-legend = How are the answers kept?
trajectory-anonymous-yes = Anonymous: nobody can see who wrote what
trajectory-anonymous-no = With names: team members can change their answers until the intake ends
trajectory-themes = Themes
trajectory-themes-hint = Group the answers into themes. The themes come back in the mirror session, together with what you saw.
trajectory-no-themes = There are no themes yet.
trajectory-label-new-theme = New theme
trajectory-add-theme = Add the theme
trajectory-answers = { $count ->
    [one] One answer
   *[other] { $count } answers
}
trajectory-no-answers = There are no answers yet.
trajectory-label-theme = Theme
trajectory-label-theme-optional = Theme (may stay empty)
trajectory-no-theme = — no theme —
trajectory-group-button = Save the theme
trajectory-under-theme = Theme: { $theme }

trajectory-observations-title = Observations · { $team }
trajectory-observations-intro = The trainer walks along on the ward and looks at three things: the work, the problems the team runs into, and the interaction between the leader and the staff.
trajectory-new-observation = New observation
trajectory-facts-only = Write down what you saw and heard, not what you think of it. So no opinion or conclusion ("the handover is chaotic"), but what happened ("during the 7.30 handover the phone rang three times and the conversation was interrupted").
trajectory-label-observed-on = Date of the observation
trajectory-label-category = What is it about?
trajectory-label-observation = What did you see or hear?
trajectory-observation-hint = Facts only: who did what, when, where.
trajectory-add-observation = Save the observation
trajectory-observations-closed = Observations are recorded in the step Observation. The trajectory is now at the step { $phase }.
trajectory-observations-count = { $count ->
    [one] One observation
   *[other] { $count } observations
}
trajectory-no-observations = Nothing recorded yet.
trajectory-category-work = The work
trajectory-category-problem = A problem the team runs into
trajectory-category-interaction = The interaction between the leader and the staff

trajectory-mirror-title = Mirror session · { $team }
trajectory-mirror-intro = The trainer shows what was seen and said, per theme and without judgement. The team reflects and makes agreements about what to improve. Every agreement gets a kartrekker and goes on the action board.
trajectory-mirror-closed = Reflections and agreements are recorded in the step Mirror session. The trajectory is now at the step { $phase }.
trajectory-present = Present on the screen
trajectory-from-intake = From the intake
trajectory-seen = What the trainer saw
trajectory-other = Other
trajectory-reflection = The team's reflection
trajectory-label-reflection = The team's reflection on "{ $theme }"
trajectory-save-reflection = Save the reflection
trajectory-agreements = Agreements
trajectory-no-agreements = No agreements have been made yet.
trajectory-new-agreement = New agreement
trajectory-agreement-hint = An agreement becomes an action on the action board at once, with a kartrekker from the team.
trajectory-add-agreement = Add the agreement
trajectory-label-action = Agreement
trajectory-label-goal = Goal
trajectory-goal-hint = What does the team want to achieve with it? Then you know at the evaluation whether it helped.
trajectory-label-kartrekker = Kartrekker
trajectory-label-due = Due by
trajectory-label-status = Status

trajectory-present-title = What did I see?
trajectory-present-intro = A mirror, not a judgement: this is what the trainer saw and heard, and this is what you wrote in the questionnaire yourselves. What do you recognise, and what do you want to change?
trajectory-slide-of = Slide { $number } of
trajectory-slides = Slides
trajectory-previous = Previous
trajectory-next = Next
trajectory-end-presentation = Back to the mirror session
trajectory-keys-hint = With the keyboard or a presentation clicker: right arrow or Page Down goes to the next slide, left arrow or Page Up to the previous one. Access keys (with Alt or Alt+Shift): N next, P previous, S back.
trajectory-theme-empty = There are no answers or observations under this theme yet.

trajectory-evaluation-intro = What did the team do, what came of it and how do you go on? Say for each agreement whether it helped.
trajectory-evaluation-not-yet = The evaluation comes after the step Work on it. The trajectory is now at the step { $phase }.
trajectory-what-agreed = What was agreed?
trajectory-agreed-in-mirror = Agreed in the mirror session
trajectory-agreed-in-evaluations = Agreed at evaluations
trajectory-helped-question = Did it help?
trajectory-helped-hint = Give your answer for each agreement with one click. You can change it until the evaluation is completed.
trajectory-helped-yes-count = { $count } yes
trajectory-helped-no-count = { $count } no
trajectory-your-answer = Your answer
trajectory-yes = Yes
trajectory-no = No
trajectory-helped-yes-for = "{ $title }" helped
trajectory-helped-no-for = "{ $title }" did not help
trajectory-overdue = Overdue
trajectory-results-title = Results and how to go on
trajectory-label-results = What came of it?
trajectory-results-hint = What was done and what changed? What went well, what did not?
trajectory-label-next-steps = How do we go on?
trajectory-next-steps-hint = What do you keep, what do you still take up?
trajectory-label-months = Next re-evaluation in (months)
trajectory-complete-evaluation = Complete the evaluation
trajectory-complete-hint = Once completed, the next re-evaluation is planned the chosen number of months after the date of this evaluation. The trainer and the leaders get a reminder beforehand.
trajectory-not-yet-recorded = Not recorded yet.
trajectory-evaluation-agreement-hint = What will the team do now? A new agreement becomes an action with a kartrekker at once.
trajectory-all-evaluations = All evaluations

trajectory-overview-title = Trajectories of all teams
trajectory-overview-intro = Per team: the step the trajectory is at, how many actions are open and how many of those are overdue, and when the team evaluated and will evaluate.
trajectory-filter-label = Filter the trajectories
trajectory-label-phase = Step
trajectory-label-team-name = Team name contains
trajectory-filter-all = All
trajectory-filter-button = Filter
trajectory-filter-clear = Clear the filter
trajectory-overview-count = { $count ->
    [one] One team.
   *[other] { $count } teams.
}
trajectory-page-of = Page { $page } of
trajectory-pages = Pages
trajectory-previous-page = Previous page
trajectory-next-page = Next page
trajectory-column-team = Team
trajectory-column-phase = Step
trajectory-column-open = Open actions
trajectory-column-overdue = Overdue
trajectory-column-last_evaluation = Since the last evaluation
trajectory-column-next_evaluation = Next evaluation
trajectory-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
trajectory-never = Not evaluated yet

notice-trajectory-started = The trajectory has started. The trainer was added to the team.
notice-trajectory-advanced = The trajectory went on to the next step.
notice-trajectory-weeks-saved = The number of weeks was saved.
notice-trajectory-answer-saved = Thank you! Your answers were saved.
notice-trajectory-anonymity-saved = The choice was saved.
notice-trajectory-theme-added = The theme was added.
notice-trajectory-grouped = The theme was saved.
notice-trajectory-observation-added = The observation was saved.
notice-trajectory-reflection-saved = The reflection was saved.
notice-trajectory-agreement-added = The agreement was added and is on the action board.
notice-trajectory-session-saved = The session was saved.
notice-trajectory-evaluation-saved = The evaluation was saved.
notice-trajectory-evaluation-completed = The evaluation is completed. The next re-evaluation is planned.
notice-trajectory-helped-saved = Your answer was saved.

error-trajectory-exists = This team already has a trajectory.
error-trajectory-trainer-choose = Choose a trainer from the list.
error-trajectory-wrong-phase = That is not possible in the step the trajectory is at now. A step cannot be skipped.
error-trajectory-phase-changed = The trajectory is not (or no longer) at this step. Reload the page; a step cannot be skipped.
error-trajectory-complete-evaluation = Complete the evaluation on the evaluation's page.
error-trajectory-answer-required = Answer at least one of the two questions.
error-trajectory-already-answered = You have already filled in the questionnaire anonymously. Anonymous answers cannot be changed.
error-trajectory-anonymity-locked = Answers have been given already. Anonymous or with names can no longer change.
error-trajectory-text-too-long = This text is too long.
error-trajectory-theme-required = Give the theme a name.
error-trajectory-theme-exists = There is already a theme with this name.
error-trajectory-theme-choose = Choose a theme from the list.
error-trajectory-category-choose = Choose what the observation is about.
error-trajectory-observation-required = Write down what you saw or heard.
error-trajectory-date-in-future = This date is in the future.
error-trajectory-minutes-invalid = Enter the length as a number of minutes, such as 90.
error-trajectory-session-too-long = A session takes at most 2 hours: enter 120 minutes or less.
error-trajectory-time-invalid = Enter a time, such as 14:30.
error-trajectory-weeks-invalid = Enter a number of weeks between 1 and 26.
error-trajectory-months-invalid = Enter a number of months between 1 and 24.
error-trajectory-attendee-unknown = Choose the people present from the team's members.
error-trajectory-session-closed = This evaluation is completed and cannot change any more.
error-trajectory-helped-choose = Choose yes or no.
error-trajectory-results-required = Write down what the agreements brought before you complete the evaluation.

## Trajectory details: the evaluation's actions, "evaluate on", held date
trajectory-label-last-update = Latest progress
trajectory-no-update = No progress reported yet
trajectory-to-evaluate = On the agenda: evaluate on
trajectory-to-evaluate-hint = The team's actions whose "Evaluate on" points to this evaluation: after the previous evaluation and no later than this one's date.
trajectory-label-evaluate-on = Evaluate on
trajectory-held-on = held on { $date }
trajectory-label-held-on = Held on
trajectory-trainer-search = Search for the trainer by name or e-mail address
trajectory-trainer-search-button = Search
trajectory-trainer-none-found = Nobody found for "{ $search }". Search for part of the name or e-mail address.
trajectory-trainer-found = { $count ->
    [one] One person found.
   *[other] { $count } people found.
}
trajectory-trainer-more = The first { $count } people found; search more precisely if the trainer is not among them.
trajectory-nav-print = Print schema
trajectory-sheet-title = Agreements of { $team }
trajectory-sheet-printed = Printed on { $date }.
trajectory-sheet-hint = The schema for the ward meeting: agreement, goal, kartrekker, status and evaluation. Print this page (Ctrl+P); each trajectory comes on a page of its own.

# Undoing mistakes: reopening a step, editing and deleting (with a trace in the audit log)
trajectory-reopen = Back to the previous step
trajectory-reopen-hint = Only the trainer can do this. What the team already recorded in this step is kept. The reason goes into the trajectory's history.
trajectory-reopen-button = Reopen { $phase }
trajectory-label-reopen-reason = Why are you going back?
trajectory-reopen-reason-hint = For example: colleagues still have to answer, or an observation is missing.
trajectory-history = History of the steps
trajectory-reopened-to = reopened { $phase }
trajectory-reopened-from = (back from { $phase }).
trajectory-reopened-reason = Reason: { $reason }
trajectory-finish-confirm = { $answered } of { $total } answered. Finish anyway?
trajectory-finish-anyway = Finish anyway
trajectory-finish-wait = Wait a little longer
trajectory-complete-confirm = { $voted } of { $total } voted whether the agreements helped. Complete anyway?
trajectory-complete-anyway = Complete anyway
error-trajectory-complete-unvoted = Not everyone has voted yet.
trajectory-edit = Edit
trajectory-delete = Delete
trajectory-cancel = Cancel
trajectory-back = Back
trajectory-own-answers = Your answers
trajectory-delete-heading = Delete
trajectory-delete-confirm = Yes, delete
trajectory-edit-observation = Edit observation
trajectory-edit-observation-label = Observation
trajectory-delete-observation = Delete this observation
trajectory-delete-observation-title = Delete observation?
trajectory-delete-observation-explain = The text is removed from Kartrekker completely and cannot come back. The audit log only keeps who deleted an observation and when, not what it said.
trajectory-edit-answer = Edit answer
trajectory-edit-answer-label = Answer
trajectory-delete-answer = Delete this answer
trajectory-delete-answer-title = Delete answer?
trajectory-delete-answer-explain = The answer is removed from Kartrekker completely and cannot come back. The audit log only keeps who deleted an answer and when, not what it said.
trajectory-edit-theme = Edit theme
trajectory-edit-theme-label = Name of the theme
trajectory-delete-theme = Delete this theme
trajectory-delete-theme-title = Delete theme?
trajectory-delete-theme-explain = The answers and observations under this theme are kept, without a theme. The team's reflection on this theme is removed.
trajectory-edit-agreement = Edit agreement
trajectory-edit-agreement-label = Agreement
trajectory-delete-agreement = Delete this agreement
trajectory-delete-agreement-title = Delete agreement?
trajectory-delete-agreement-explain = The agreement is also removed as an action from the action register. If work on it has started, set the action to 'Dropped' in the register instead: its history is kept.
trajectory-agreement-edit-hint = Here you change the words of the agreement. Kartrekker, status and dates are changed in the action register.
trajectory-agreement-in-register = To the action in the register
notice-trajectory-reopened = The previous step is open again. The reason is in the history.
notice-trajectory-item-saved = The change is saved.
notice-trajectory-item-deleted = Deleted.
error-trajectory-reopen-reason-required = Write down why you are going back to the previous step.
error-trajectory-cannot-reopen = This step has no previous step that can be reopened.
error-trajectory-finish-unanswered = Not everyone has answered yet.
error-trajectory-answer-locked = The intake is closed: answers can no longer be changed or deleted. The trainer can reopen the intake.
error-trajectory-answer-text-required = Write an answer, or delete the answer.
error-agreement-started = Work on this agreement has started. Set the action to 'Dropped' in the action register, so that its history is kept.

# Anonymity in small groups (docs/decisions/0012)
trajectory-participants-hidden = You see how many have answered from { $n } answers of people other than you.
trajectory-group-unreachable = { $size } people of this team can fill in the intake. With a minimum group size of { $needed } (you not counted), the answers and group results will not be shown.
trajectory-answers-hidden = Answers not visible yet
trajectory-answers-too-few = The intake's answers show, in random order, once at least { $n } people (you not counted) have answered.
trajectory-finish-confirm-few = Not everyone has answered yet. Finish anyway?
