# E-mails (kartrekker/src/mail/messages.rs): a subject, paragraphs of plain
# text (escaped for the HTML part) and the button under the link.
mail-greeting = Dear { $name },

mail-invitation-subject = Invitation to Kartrekker from { $organisation }
mail-invitation-intro = { $organisation } invites you to Kartrekker, where your team agrees on improvement actions and follows them up.
mail-invitation-password = Choose a password with the link below. It works once and is valid for { $days } days.
mail-invitation-button = Choose a password

mail-reset-subject = New password for Kartrekker
mail-reset-asked = You asked for a new password. Choose it with the link below.
mail-reset-valid = The link works once and is valid for { $hours } hours. Did you not ask for this? Then there is nothing to do.
mail-reset-button = Choose a new password

mail-due-soon = "{ $title }" ({ $team }) is due on { $due }.
mail-overdue = "{ $title }" ({ $team }) was due on { $due }.

mail-reminder-due-soon-subject = Reminder: { $title }
mail-reminder-overdue-subject = Overdue: { $title }
mail-reminder-ask = You are the kartrekker of this action. Add the progress, or change the date or the status.
mail-reminder-settings = You choose how often you get these e-mails under Settings.
mail-reminder-button = Go to the action

mail-digest-subject = Your actions today
mail-digest-intro = These are the actions you pull that need attention:
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
