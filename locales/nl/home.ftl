# The home page: what needs you now.
home-to-answer = Vragenlijsten om in te vullen
home-intake = Intakevragenlijst invullen
home-self-evaluation = Zelfevaluatie invullen
home-feedback = Feedback gevraagd
home-feedback-for = Feedback geven aan { $name }
home-due = uiterlijk { $date }
home-votes = Heeft het geholpen?
home-vote = { $team }: zeg bij { $count ->
    [one] één afspraak
   *[other] { $count } afspraken
} of het hielp
home-vote-date = evaluatie { $date }
home-sessions = Bijeenkomsten
home-session-ics = { $session } in je agenda (.ics)
home-buddy-plans = Plannen die je volgt als buddy
home-buddy-of = Actieplan van { $name }
home-follow-up = opvolging { $date }
home-led-teams = Teams die je leidt
home-trained = Trajecten die je begeleidt
home-attention = Teams die aandacht vragen
home-attention-none = Geen team heeft nu acties over de datum of een evaluatie zonder datum.
home-attention-overview = Naar het overzicht van alle trajecten
home-phase = Stap: { $phase }
home-no-trajectory = Geen traject
home-next-session = volgende bijeenkomst { $date }
home-no-evaluation-planned = geen evaluatie gepland
home-team-overdue = { $count ->
    [one] één actie over de datum
   *[other] { $count } acties over de datum
}
home-cycles = Reflectiecycli die je leidt
home-cycle-answered = { $answered } van { $total } hebben de zelfevaluatie ingevuld
home-cycle-too-small = De groep is te klein om aantallen te tonen
home-cycle-few-answered = Minder dan { $n } hebben de zelfevaluatie ingevuld
home-cycle-open = feedback open
home-cycle-closed = feedback gesloten
home-nothing-now = Er wacht nu niets op jou
home-next-intro = Wat je wel kunt doen:
home-next-board = Het actiebord van { $team } bekijken of een actie toevoegen
home-next-program = De trajecten van alle teams volgen
home-next-admin = Teams en mensen van je organisatie beheren
home-next-organisations = Organisaties beheren
