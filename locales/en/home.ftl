# The home page: what needs you now.
home-to-answer = Questionnaires to fill in
home-intake = Fill in the intake questionnaire
home-self-evaluation = Fill in your self-evaluation
home-feedback = Feedback asked of you
home-feedback-for = Give feedback to { $name }
home-due = by { $date }
home-votes = Did it help?
home-vote = { $team }: say for { $count ->
    [one] one agreement
   *[other] { $count } agreements
} whether it helped
home-vote-date = evaluation { $date }
home-sessions = Sessions
home-session-ics = { $session } in your calendar (.ics)
home-buddy-plans = Plans you follow as buddy
home-buddy-of = Action plan of { $name }
home-follow-up = follow-up { $date }
home-led-teams = Teams you lead
home-trained = Trajectories you guide
home-attention = Teams that need attention
home-attention-none = No team has overdue actions or an evaluation without a date.
home-attention-overview = To the overview of all trajectories
home-phase = Step: { $phase }
home-no-trajectory = No trajectory
home-next-session = next session { $date }
home-no-evaluation-planned = no evaluation planned
home-team-overdue = { $count ->
    [one] one action overdue
   *[other] { $count } actions overdue
}
home-cycles = Reflection cycles you lead
home-cycle-answered = { $answered } of { $total } have filled in their self-evaluation
home-cycle-too-small = The group is too small to show counts
home-cycle-few-answered = Fewer than { $n } have filled in the self-evaluation
home-cycle-open = feedback open
home-cycle-closed = feedback closed
home-nothing-now = Nothing needs you now
home-next-intro = What you can do:
home-next-board = See the action board of { $team } or add an action
home-next-program = Follow the trajectories of all teams
home-next-admin = Manage your organisation's teams and people
home-next-organisations = Manage organisations
