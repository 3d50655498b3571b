# E-mails (kartrekker/src/mail/messages.rs): a subject, paragraphs of plain
# text (escaped for the HTML part) and the button under the link.
mail-greeting = Dear { $name },

mail-invitation-subject = Invitation to Kartrekker from { $organisation }
mail-invitation-intro = { $organisation } invites you to Kartrekker, where your team agrees on improvement actions and follows them up.
mail-invitation-password = Choose a password with the link below. It works once and is valid for { $days } days.
mail-invitation-button = Choose a password
mail-added-subject = You were added to { $organisation } in Kartrekker
mail-added-intro = { $organisation } added you to Kartrekker. You log in with your existing e-mail address and password.
mail-added-switch = After logging in, choose "Switch organisation" at the top of the page to go to { $organisation }.
mail-added-button = Log in

mail-reset-subject = New password for Kartrekker
mail-reset-asked = You asked for a new password. Choose it with the link below.
mail-reset-valid = The link works once and is valid for { $hours } hours. Did you not ask for this? Then there is nothing to do.
mail-reset-button = Choose a new password

mail-password-changed-subject = Your Kartrekker password was changed
mail-password-changed = Your Kartrekker password has just been changed. You were logged out on other devices.
mail-password-changed-not-you = Wasn't it you? Then choose a new password straight away with the link below and tell your organisation's Kartrekker administrator.
mail-password-changed-button = Choose a new password

mail-reminder-settings = You choose how often you get these e-mails under Settings.

mail-digest-subject = Your overview of today
mail-digest-intro = This needs your attention in Kartrekker:
mail-digest-button = Go to Kartrekker

mail-evaluation-first = evaluation
mail-evaluation-again = re-evaluation
mail-evaluation-subject = Coming up: { $what } of { $team }
mail-evaluation-planned = The { $what } of the trajectory Leading & being led of { $team } is planned for { $date }.
mail-evaluation-actions = This evaluation also looks at the actions you chose to evaluate then: { $titles }.
mail-evaluation-prepare = Look beforehand at what was agreed and what came of it. Add the date, the agenda and who attends, so that the team can discuss together how to go on.
mail-evaluation-button = Go to the evaluation

mail-follow-up-own-subject = Look back on your action plan on { $date }
mail-follow-up-own = On { $date } you look back on your personal action plan from the reflection cycle. Make an appointment with your buddy.
mail-follow-up-buddy-subject = Look back with { $owner } on { $date }
mail-follow-up-buddy = You are { $owner }'s buddy. On { $date } you look back together on the personal action plan.
mail-follow-up-button = Go to the action plan

# Notices (kartrekker/src/notifications): per kind a subject and a line,
# with { $team }, { $subject } (what it is about) and { $date }.
mail-notice-button = Open in Kartrekker
mail-notice-intake_opened-subject = The intake of { $team } is open
mail-notice-intake_opened = The trainer opened the intake of the trajectory Leading & being led of { $team }. Answer the two questions through the link below.
mail-notice-session_planned-subject = { $subject } of { $team }: { $date }
mail-notice-session_planned = { $subject } of { $team } is planned on { $date }. The appointment for your calendar is attached.
mail-notice-evaluation_open-subject = Did it help? Vote for { $team }
mail-notice-evaluation_open = The evaluation of { $team } has begun. Say for each agreement whether it helped.
mail-notice-kartrekker-subject = You are the kartrekker of "{ $subject }"
mail-notice-kartrekker = You are the kartrekker of "{ $subject }" ({ $team }). You pull this action and keep its progress up to date.
mail-notice-cycle_started-subject = Reflection cycle "{ $subject }" of { $team } has started
mail-notice-cycle_started = The reflection cycle "{ $subject }" of { $team } has started. Begin with your self-evaluation, by { $date }.
mail-notice-feedback_requested-subject = { $subject } asks you for feedback
mail-notice-feedback_requested = { $subject } ({ $team }) asks you for feedback in the reflection cycle. Your answers stay anonymous.
mail-notice-due_soon-subject = Reminder: { $subject } ({ $team })
mail-notice-due_soon = "{ $subject }" ({ $team }) is due on { $date }.
mail-notice-results_ready-subject = Your results are ready ({ $team })
mail-notice-results_ready = The feedback in the reflection cycle "{ $subject }" of { $team } is closed. Your results are ready.
mail-notice-buddy_named-subject = You are the buddy of { $subject }
mail-notice-buddy_named = { $subject } ({ $team }) chose you as buddy for their personal action plan. You can now see the plan.
mail-notice-overdue-subject = Overdue: { $subject } ({ $team })
mail-notice-overdue = "{ $subject }" ({ $team }) was due on { $date }.
mail-notice-team_overdue-subject = Overdue actions in { $team }
mail-notice-team_overdue = In { $team } these actions are overdue: { $subject }.
mail-notice-evaluation_reminder-subject = The { $subject } of { $team } is coming up
mail-notice-evaluation_reminder = The { $subject } of { $team } is on { $date }.
mail-notice-plan_follow_up-subject = Looking back on { $subject } on { $date }
mail-notice-plan_follow_up = On { $date } you look back on { $subject } ({ $team }).
mail-notice-minutes_sent-subject = Minutes of { $subject } ({ $date })
mail-notice-minutes_sent = The chair closed { $subject } of { $team } on { $date }. Read the minutes, the decisions and the actions.
mail-notice-chair_feedback_asked-subject = { $subject } asks for feedback on chairing
mail-notice-chair_feedback_asked = { $subject } chaired the meeting of { $team } on { $date } and asks you for short feedback: preparation, leading the meeting and group dynamics. Your answer is anonymous.
