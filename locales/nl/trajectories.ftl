# Het teamtraject "Leidinggeven & leidingkrijgen"

nav-trajectories = Trajecten

trajectory-title = Traject Leidinggeven & leidingkrijgen · { $team }
trajectory-about = Leidinggeven & leidingkrijgen is een traject in vijf stappen: intake, observatie, spiegelsessie, aan de slag en evaluatie. Een trainer van buiten de afdeling kijkt mee, houdt het team een spiegel voor, en het team maakt zelf afspraken over wat beter kan. Daarna evalueert het team regelmatig opnieuw.
trajectory-none-yet = Dit team heeft nog geen traject.
trajectory-none = Geen traject
trajectory-start = Traject starten
trajectory-start-button = Traject starten
trajectory-start-for = Traject starten voor { $team }
trajectory-trainer-hint = Kies een trainer: iemand van buiten dit team, die intern is opgeleid. De trainer wordt aan het team toegevoegd in de rol trainer.
trajectory-label-trainer = Trainer
trajectory-phase-now = Stap nu: { $phase }.
trajectory-trainer-is = Trainer: { $name }.
trajectory-now = Wat nu?
trajectory-advance-to = Afronden en door naar { $phase }
trajectory-advance-hint = Een stap overslaan kan niet. Ga pas door als deze stap klaar is.
trajectory-step-done = afgerond
trajectory-step-current = nu bezig
trajectory-step-todo = nog niet
trajectory-re-evaluation-every = daarna elk half jaar, of zo vaak als het team afspreekt
trajectory-fill-in = Vul de vragenlijst in
trajectory-to-intake = Naar de intake
trajectory-to-observations = Naar de observaties
trajectory-to-mirror = Naar de spiegelsessie
trajectory-participants = { $count ->
    [one] Eén teamlid heeft de vragenlijst ingevuld,
   *[other] { $count } teamleden hebben de vragenlijst ingevuld,
}
trajectory-of-respondents = van de { $count }.
trajectory-nav-label = Traject
trajectory-nav-overview = Overzicht
trajectory-nav-evaluation = Evaluatie
trajectory-nav-actions = Acties van het team

trajectory-phase-intake = Intake
trajectory-phase-observation = Observatie
trajectory-phase-mirror_session = Spiegelsessie
trajectory-phase-work = Aan de slag
trajectory-phase-evaluation = Evaluatie
trajectory-phase-re_evaluation = Herevaluatie
trajectory-explain-intake = Iedereen in het team vult de Miniteam-vragenlijst in: waar loop je tegenaan in je dagelijkse werk, en waar ben je trots op? De trainer groepeert de antwoorden in thema's. De intakebijeenkomst duurt hoogstens 2 uur.
trajectory-explain-observation = De trainer loopt mee op de afdeling en schrijft op wat hij of zij ziet: het werk, de vraagstukken waar het team tegenaan loopt, en hoe leidinggevende en medewerkers met elkaar omgaan. Feiten, geen meningen of conclusies.
trajectory-explain-mirror_session = De trainer houdt het team een spiegel voor: dit heb ik gezien, zonder oordeel. Het team bespreekt de thema's en maakt afspraken over verbeterpunten, elk met een kartrekker. De spiegelsessie duurt hoogstens 2 uur.
trajectory-explain-work = Het team gaat 4 tot 6 weken aan de slag met de afspraken. De kartrekkers houden de voortgang bij op het actiebord.
trajectory-explain-evaluation = Wat heeft het team gedaan, wat heeft het opgeleverd en hoe gaan we verder? De evaluatie duurt hoogstens 2 uur. Na het afronden staat de volgende herevaluatie gepland.
trajectory-explain-re_evaluation = Het team evalueert regelmatig opnieuw, zodat jullie elkaar scherp houden en de werkwijze van het team zelf wordt.

trajectory-session-intake = Intake
trajectory-session-mirror_session = Spiegelsessie
trajectory-session-evaluation = Evaluatie
trajectory-re-evaluation-n = Herevaluatie { $number }
trajectory-sessions = Bijeenkomsten
trajectory-sessions-hint = De intake, de spiegelsessie en elke evaluatie duren hoogstens 2 uur. Zet ze in je agenda met het agendabestand.
trajectory-the-session = De bijeenkomst
trajectory-label-session = Bijeenkomst
trajectory-label-date = Datum
trajectory-label-start-time = Begintijd
trajectory-label-minutes = Duur
trajectory-label-minutes-max = Duur in minuten (hoogstens 120)
trajectory-label-location = Plaats
trajectory-label-agenda = Agenda
trajectory-label-attendance = Aanwezig
trajectory-label-calendar = Agenda-bestand
trajectory-minutes = { $count } minuten
trajectory-attendees = { $count ->
    [0] Nog niemand aangemerkt als aanwezig.
    [one] Eén persoon aanwezig.
   *[other] { $count } mensen aanwezig.
}
trajectory-not-planned = Nog niet gepland
trajectory-no-agenda = Nog geen agenda.
trajectory-session-plan = { $session } plannen en aanwezigheid bijhouden
trajectory-session-ics = { $session } in je agenda zetten (.ics)
trajectory-session-intro = Plan de bijeenkomst, zet de agenda erbij en vink na afloop aan wie er waren.
trajectory-agenda-hint = { $session ->
    [intake] Bijvoorbeeld: kennismaken, uitleg over het traject, de antwoorden op de vragenlijst bespreken, thema's kiezen.
    [mirror_session] Bijvoorbeeld: wat heeft de trainer gezien, per thema reflecteren, afspraken maken met een kartrekker.
   *[other] Bijvoorbeeld: wat hebben we gedaan, wat heeft het opgeleverd, hoe gaan we verder.
}
trajectory-back-to = Terug naar { $page }
trajectory-done = afgerond
trajectory-planned = gepland

trajectory-label-weeks = Aantal weken aan de slag
trajectory-weeks-planned = { $count ->
    [one] Het team gaat één week aan de slag.
   *[other] Het team gaat { $count } weken aan de slag.
}
trajectory-work-started = Begonnen op { $date }.
trajectory-work-ends = De evaluatie is gepland rond { $date }.
trajectory-weeks-warning = Het advies is 4 tot 6 weken aan de slag te gaan. Korter is vaak te kort om resultaat te zien, langer maakt het lastig de vaart erin te houden.

trajectory-intake-title = Intake · { $team }
trajectory-intake-intro = Met de Miniteam-vragenlijst vertelt ieder teamlid wat hij of zij nodig heeft om het werk goed te kunnen doen. De trainer groepeert de antwoorden in thema's; die komen terug in de spiegelsessie.
trajectory-questionnaire = Vragenlijst
trajectory-question-daily = Waar loop je tegenaan in je dagelijkse werk?
trajectory-question-daily-hint = Denk aan de overdracht, de planning, overleg, materialen, de samenwerking met anderen.
trajectory-question-proud = Waar ben je trots op in je werk?
trajectory-question-proud-hint = Wat gaat er goed, waar ben je blij mee, wat wil je zeker houden?
trajectory-answer-button = Antwoorden versturen
trajectory-anonymous-explain = Je antwoorden zijn anoniem: er wordt niet bewaard wie wat heeft geschreven. Je kunt de vragenlijst één keer invullen en je antwoorden daarna niet meer wijzigen.
trajectory-named-explain = Je antwoorden worden bewaard met je naam, zodat je ze kunt aanpassen tot de intake klaar is. In de spiegelsessie staan ze zonder naam.
trajectory-answered-named = Je hebt de vragenlijst ingevuld. Je kunt je antwoorden hieronder nog aanpassen.
trajectory-answered-anonymously = Je hebt de vragenlijst anoniem ingevuld. Dank je wel! Anonieme antwoorden kun je niet meer wijzigen.
trajectory-intake-closed = De intake is afgerond; het traject is nu bij de stap { $phase }. Antwoorden geven of wijzigen kan niet meer.
trajectory-anonymity = Anoniem of met naam
trajectory-anonymity-legend = Hoe worden de antwoorden bewaard?
trajectory-anonymous-yes = Anoniem: niemand kan zien wie wat heeft geschreven
trajectory-anonymous-no = Met naam: teamleden kunnen hun antwoorden aanpassen tot de intake klaar is
trajectory-themes = Thema's
trajectory-themes-hint = Groepeer de antwoorden in thema's. De thema's komen terug in de spiegelsessie, samen met wat je hebt gezien.
trajectory-no-themes = Er zijn nog geen thema's.
trajectory-label-new-theme = Nieuw thema
trajectory-add-theme = Thema toevoegen
trajectory-answers = { $count ->
    [one] Eén antwoord
   *[other] { $count } antwoorden
}
trajectory-no-answers = Er zijn nog geen antwoorden.
trajectory-label-theme = Thema
trajectory-label-theme-optional = Thema (mag leeg blijven)
trajectory-no-theme = — geen thema —
trajectory-group-button = Thema opslaan
trajectory-under-theme = Thema: { $theme }

trajectory-observations-title = Observaties · { $team }
trajectory-observations-intro = De trainer loopt mee op de afdeling en kijkt naar drie dingen: het werk, de vraagstukken waar het team tegenaan loopt, en de omgang tussen leidinggevende en medewerkers.
trajectory-new-observation = Nieuwe observatie
trajectory-facts-only = Schrijf op wat je zag en hoorde, niet wat je ervan vindt. Dus geen mening of conclusie ("de overdracht is chaotisch"), maar wat er gebeurde ("tijdens de overdracht van 7.30 uur ging drie keer de telefoon en werd het gesprek onderbroken").
trajectory-label-observed-on = Datum van de observatie
trajectory-label-category = Waarover gaat het?
trajectory-label-observation = Wat zag of hoorde je?
trajectory-observation-hint = Alleen feiten: wie deed wat, wanneer, waar.
trajectory-add-observation = Observatie opslaan
trajectory-observations-closed = Observaties vastleggen kan in de stap Observatie. Het traject is nu bij de stap { $phase }.
trajectory-observations-count = { $count ->
    [one] Eén observatie
   *[other] { $count } observaties
}
trajectory-no-observations = Nog niets vastgelegd.
trajectory-category-work = Het werk
trajectory-category-problem = Een vraagstuk waar het team tegenaan loopt
trajectory-category-interaction = De omgang tussen leidinggevende en medewerkers

trajectory-mirror-title = Spiegelsessie · { $team }
trajectory-mirror-intro = De trainer laat zien wat er is gezien en gezegd, per thema en zonder oordeel. Het team reflecteert en maakt afspraken over verbeterpunten. Elke afspraak krijgt een kartrekker en komt op het actiebord.
trajectory-mirror-closed = Reflecties en afspraken vastleggen kan in de stap Spiegelsessie. Het traject is nu bij de stap { $phase }.
trajectory-present = Presenteren op het scherm
trajectory-from-intake = Uit de intake
trajectory-seen = Wat de trainer zag
trajectory-other = Overig
trajectory-reflection = Reflectie van het team
trajectory-label-reflection = Reflectie van het team op "{ $theme }"
trajectory-save-reflection = Reflectie opslaan
trajectory-agreements = Afspraken
trajectory-no-agreements = Er zijn nog geen afspraken gemaakt.
trajectory-new-agreement = Nieuwe afspraak
trajectory-agreement-hint = Een afspraak wordt meteen een actie op het actiebord, met een kartrekker uit het team.
trajectory-add-agreement = Afspraak toevoegen
trajectory-label-action = Afspraak
trajectory-label-goal = Doel
trajectory-goal-hint = Wat wil het team ermee bereiken? Zo weten jullie bij de evaluatie of het heeft geholpen.
trajectory-label-kartrekker = Kartrekker
trajectory-label-due = Uiterlijk
trajectory-label-status = Status

trajectory-present-title = Wat heb ik gezien?
trajectory-present-intro = Een spiegel, geen oordeel: dit heeft de trainer gezien en gehoord, en dit hebben jullie zelf in de vragenlijst geschreven. Wat herkennen jullie, en wat willen jullie anders?
trajectory-slide-of = Dia { $number } van
trajectory-slides = Dia's
trajectory-previous = Vorige
trajectory-next = Volgende
trajectory-end-presentation = Terug naar de spiegelsessie
trajectory-keys-hint = Met het toetsenbord of een presentatieklikker: pijltje rechts of Page Down gaat naar de volgende dia, pijltje links of Page Up naar de vorige. Sneltoetsen (met Alt of Alt+Shift): N volgende, P vorige, S terug.
trajectory-theme-empty = Bij dit thema staan nog geen antwoorden of observaties.

trajectory-evaluation-intro = Wat heeft het team gedaan, wat heeft het opgeleverd en hoe gaan jullie verder? Geef per afspraak aan of die heeft geholpen.
trajectory-evaluation-not-yet = De evaluatie komt na de stap Aan de slag. Het traject is nu bij de stap { $phase }.
trajectory-what-agreed = Wat is er afgesproken?
trajectory-agreed-in-mirror = Afgesproken in de spiegelsessie
trajectory-agreed-in-evaluations = Afgesproken bij evaluaties
trajectory-helped-question = Heeft het geholpen?
trajectory-helped-hint = Geef per afspraak met één klik je antwoord. Je kunt het veranderen tot de evaluatie is afgerond.
trajectory-helped-yes-count = { $count } ja
trajectory-helped-no-count = { $count } nee
trajectory-your-answer = Jouw antwoord
trajectory-yes = Ja
trajectory-no = Nee
trajectory-helped-yes-for = "{ $title }" heeft geholpen
trajectory-helped-no-for = "{ $title }" heeft niet geholpen
trajectory-overdue = over de datum
trajectory-results-title = Resultaten en hoe verder
trajectory-label-results = Wat heeft het opgeleverd?
trajectory-results-hint = Wat is er gedaan en wat is er veranderd? Wat ging goed, wat niet?
trajectory-label-next-steps = Hoe gaan we verder?
trajectory-next-steps-hint = Wat houden jullie vast, wat pakken jullie nog op?
trajectory-label-months = Volgende herevaluatie over (maanden)
trajectory-complete-evaluation = Evaluatie afronden
trajectory-complete-hint = Na het afronden staat de volgende herevaluatie gepland, het gekozen aantal maanden na de datum van deze evaluatie. De trainer en de leidinggevenden krijgen vooraf een herinnering.
trajectory-not-yet-recorded = Nog niet vastgelegd.
trajectory-evaluation-agreement-hint = Wat gaat het team nu doen? Een nieuwe afspraak wordt meteen een actie met een kartrekker.
trajectory-all-evaluations = Alle evaluaties

trajectory-overview-title = Trajecten van alle teams
trajectory-overview-intro = Per team: in welke stap het traject is, hoeveel acties er open staan en hoeveel daarvan over de datum zijn, en wanneer er is en wordt geëvalueerd.
trajectory-filter-label = Trajecten filteren
trajectory-label-phase = Stap
trajectory-label-team-name = Naam van het team bevat
trajectory-filter-all = Alle
trajectory-filter-button = Filteren
trajectory-filter-clear = Filter wissen
trajectory-overview-count = { $count ->
    [one] Eén team.
   *[other] { $count } teams.
}
trajectory-page-of = Pagina { $page } van
trajectory-pages = Pagina's
trajectory-previous-page = Vorige pagina
trajectory-next-page = Volgende pagina
trajectory-column-team = Team
trajectory-column-phase = Stap
trajectory-column-open = Open acties
trajectory-column-overdue = Over de datum
trajectory-column-last_evaluation = Sinds de laatste evaluatie
trajectory-column-next_evaluation = Volgende evaluatie
trajectory-days = { $count ->
    [one] 1 dag
   *[other] { $count } dagen
}
trajectory-never = Nog niet geëvalueerd

notice-trajectory-started = Het traject is gestart. De trainer is aan het team toegevoegd.
notice-trajectory-advanced = Het traject is door naar de volgende stap.
notice-trajectory-weeks-saved = Het aantal weken is opgeslagen.
notice-trajectory-answer-saved = Dank je wel! Je antwoorden zijn opgeslagen.
notice-trajectory-anonymity-saved = De keuze is opgeslagen.
notice-trajectory-theme-added = Het thema is toegevoegd.
notice-trajectory-grouped = Het thema is opgeslagen.
notice-trajectory-observation-added = De observatie is opgeslagen.
notice-trajectory-reflection-saved = De reflectie is opgeslagen.
notice-trajectory-agreement-added = De afspraak is toegevoegd en staat op het actiebord.
notice-trajectory-session-saved = De bijeenkomst is opgeslagen.
notice-trajectory-evaluation-saved = De evaluatie is opgeslagen.
notice-trajectory-evaluation-completed = De evaluatie is afgerond. De volgende herevaluatie is gepland.
notice-trajectory-helped-saved = Je antwoord is opgeslagen.

error-trajectory-exists = Dit team heeft al een traject.
error-trajectory-trainer-choose = Kies een trainer uit de lijst.
error-trajectory-wrong-phase = Dat kan niet in de stap waarin het traject nu is. Een stap overslaan kan niet.
error-trajectory-phase-changed = Het traject is niet (meer) in deze stap. Laad de pagina opnieuw; een stap overslaan kan niet.
error-trajectory-complete-evaluation = Rond de evaluatie af op de pagina van de evaluatie.
error-trajectory-answer-required = Beantwoord minstens één van de twee vragen.
error-trajectory-already-answered = Je hebt de vragenlijst al anoniem ingevuld. Anonieme antwoorden kun je niet wijzigen.
error-trajectory-anonymity-locked = Er zijn al antwoorden gegeven. Anoniem of met naam kan nu niet meer veranderen.
error-trajectory-text-too-long = Deze tekst is te lang.
error-trajectory-theme-required = Geef het thema een naam.
error-trajectory-theme-exists = Er is al een thema met deze naam.
error-trajectory-theme-choose = Kies een thema uit de lijst.
error-trajectory-category-choose = Kies waar de observatie over gaat.
error-trajectory-observation-required = Schrijf op wat je zag of hoorde.
error-trajectory-date-in-future = Deze datum ligt in de toekomst.
error-trajectory-minutes-invalid = Vul de duur in als een aantal minuten, zoals 90.
error-trajectory-session-too-long = Een bijeenkomst duurt hoogstens 2 uur: vul 120 minuten of minder in.
error-trajectory-time-invalid = Vul een tijd in, zoals 14:30.
error-trajectory-weeks-invalid = Vul een aantal weken in tussen 1 en 26.
error-trajectory-months-invalid = Vul een aantal maanden in tussen 1 en 24.
error-trajectory-attendee-unknown = Kies aanwezigen uit de leden van het team.
error-trajectory-session-closed = Deze evaluatie is al afgerond en kan niet meer veranderen.
error-trajectory-helped-choose = Kies ja of nee.
error-trajectory-results-required = Schrijf op wat de afspraken hebben opgeleverd voordat je de evaluatie afrondt.

## Trajectory details: the evaluation's actions, "evaluate on", held date
trajectory-label-last-update = Laatste voortgang
trajectory-no-update = Nog geen voortgang gemeld
trajectory-to-evaluate = Op de agenda: evalueren op
trajectory-to-evaluate-hint = Acties van het team waarbij "Evalueren op" naar deze evaluatie wijst: na de vorige evaluatie en uiterlijk op de datum van deze.
trajectory-label-evaluate-on = Evalueren op
trajectory-held-on = gehouden op { $date }
trajectory-label-held-on = Gehouden op
trajectory-trainer-search = Zoek de trainer op naam of e-mailadres
trajectory-trainer-search-button = Zoeken
trajectory-trainer-none-found = Niemand gevonden voor "{ $search }". Zoek op een deel van de naam of het e-mailadres.
trajectory-trainer-found = { $count ->
    [one] Eén persoon gevonden.
   *[other] { $count } personen gevonden.
}
trajectory-trainer-more = De eerste { $count } gevonden personen; zoek preciezer als de trainer er niet bij staat.
trajectory-nav-print = Schema afdrukken
trajectory-sheet-title = Afspraken van { $team }
trajectory-sheet-printed = Afgedrukt op { $date }.
trajectory-sheet-hint = Het schema voor het werkoverleg: afspraak, doel, kartrekker, status en evaluatie. Druk deze pagina af (Ctrl+P); elk traject komt op een eigen pagina.

# Fouten herstellen: een stap heropenen, wijzigen en verwijderen (met een spoor in het logboek)
trajectory-reopen = Terug naar de vorige stap
trajectory-reopen-hint = Alleen de trainer kan dit. Wat het team in deze stap al vastlegde blijft bewaard. De reden komt in de geschiedenis van het traject.
trajectory-reopen-button = Heropen { $phase }
trajectory-label-reopen-reason = Waarom ga je terug?
trajectory-reopen-reason-hint = Bijvoorbeeld: er moeten nog collega's antwoorden, of een observatie ontbreekt.
trajectory-history = Geschiedenis van de stappen
trajectory-reopened-to = heropende { $phase }
trajectory-reopened-from = (terug vanuit { $phase }).
trajectory-reopened-reason = Reden: { $reason }
trajectory-finish-confirm = { $answered } van de { $total } hebben geantwoord. Toch afronden?
trajectory-finish-anyway = Toch afronden
trajectory-finish-wait = Nog wachten
trajectory-complete-confirm = { $voted } van de { $total } hebben gestemd of de afspraken hielpen. Toch afronden?
trajectory-complete-anyway = Toch afronden
error-trajectory-complete-unvoted = Nog niet iedereen heeft gestemd.
trajectory-edit = Wijzigen
trajectory-delete = Verwijderen
trajectory-cancel = Annuleren
trajectory-back = Terug
trajectory-own-answers = Je antwoorden
trajectory-delete-heading = Verwijderen
trajectory-delete-confirm = Ja, verwijderen
trajectory-edit-observation = Observatie wijzigen
trajectory-edit-observation-label = Observatie
trajectory-delete-observation = Deze observatie verwijderen
trajectory-delete-observation-title = Observatie verwijderen?
trajectory-delete-observation-explain = De tekst verdwijnt helemaal uit Kartrekker en kan niet terug. In het logboek staat alleen wie wanneer een observatie verwijderde, niet wat er stond.
trajectory-edit-answer = Antwoord wijzigen
trajectory-edit-answer-label = Antwoord
trajectory-delete-answer = Dit antwoord verwijderen
trajectory-delete-answer-title = Antwoord verwijderen?
trajectory-delete-answer-explain = Het antwoord verdwijnt helemaal uit Kartrekker en kan niet terug. In het logboek staat alleen wie wanneer een antwoord verwijderde, niet wat er stond.
trajectory-edit-theme = Thema wijzigen
trajectory-edit-theme-label = Naam van het thema
trajectory-delete-theme = Dit thema verwijderen
trajectory-delete-theme-title = Thema verwijderen?
trajectory-delete-theme-explain = De antwoorden en observaties onder dit thema blijven bewaard, zonder thema. De reflectie van het team op dit thema verdwijnt.
trajectory-edit-agreement = Afspraak wijzigen
trajectory-edit-agreement-label = Afspraak
trajectory-delete-agreement = Deze afspraak verwijderen
trajectory-delete-agreement-title = Afspraak verwijderen?
trajectory-delete-agreement-explain = De afspraak verdwijnt ook als actie uit het actieregister. Is er al aan gewerkt, zet de actie dan in het register op 'Vervallen': dan blijft de geschiedenis bewaard.
trajectory-agreement-edit-hint = Hier verander je de woorden van de afspraak. Kartrekker, status en datums pas je aan in het actieregister.
trajectory-agreement-in-register = Naar de actie in het register
notice-trajectory-reopened = De vorige stap is heropend. De reden staat in de geschiedenis.
notice-trajectory-item-saved = De wijziging is opgeslagen.
notice-trajectory-item-deleted = Verwijderd.
error-trajectory-reopen-reason-required = Schrijf op waarom je teruggaat naar de vorige stap.
error-trajectory-cannot-reopen = Deze stap heeft geen vorige stap die nog open kan.
error-trajectory-finish-unanswered = Nog niet iedereen heeft geantwoord.
error-trajectory-answer-locked = De intake is afgesloten: antwoorden kunnen niet meer veranderen of verdwijnen. De trainer kan de intake heropenen.
error-trajectory-answer-text-required = Schrijf een antwoord, of verwijder het antwoord.
error-agreement-started = Aan deze afspraak is al gewerkt. Zet de actie in het actieregister op 'Vervallen'; dan blijft de geschiedenis bewaard.

# Anonymity in small groups (docs/decisions/0012)
trajectory-participants-hidden = Hoeveel mensen hebben geantwoord, zie je vanaf { $n } antwoorden van anderen dan jijzelf.
trajectory-group-unreachable = Van dit team kunnen { $size } mensen de intake invullen. Met een minimale groepsgrootte van { $needed } (jijzelf niet meegeteld) worden de antwoorden en groepsresultaten niet getoond.
trajectory-answers-hidden = Antwoorden nog niet zichtbaar
trajectory-answers-too-few = De antwoorden van de intake worden getoond, in willekeurige volgorde, zodra minstens { $n } mensen (jijzelf niet meegeteld) hebben geantwoord.
trajectory-finish-confirm-few = Nog niet iedereen heeft geantwoord. Toch afronden?
