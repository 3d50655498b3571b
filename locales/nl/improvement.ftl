## Verwonder & Verbeter

vv-link = Verwonderpunten
vv-title = Verwonderpunten van { $team }
vv-post-heading = Waar verwonder je je over?
vv-label-title = Mijn verwonderpunt
vv-label-body = Toelichting (mag leeg)
vv-label-anonymous = Anoniem, alleen voor de teamleider
vv-anonymous-hint = Een anoniem verwonderpunt ziet alleen de teamleider, zonder je naam. Jij ziet zelf wat ermee gebeurt.
vv-post-button = Plaatsen
vv-waiting-heading = Wacht op een besluit
vv-triaged-heading = Besproken
vv-none-waiting = Er wachten geen verwonderpunten.
vv-none-triaged = Nog geen verwonderpunten besproken.
vv-col-point = Verwonderpunt
vv-col-support = Steun
vv-col-posted = Geplaatst
vv-col-status = Stand
vv-col-support-action = Steunen
vv-anonymous = anoniem
vv-mine = van mij
vv-supported = je steunt dit
vv-support-button = +1 steunen
vv-status-new = Wacht op een besluit
vv-status-not_now = Niet nu
vv-status-quick_fix = Snel opgelost
vv-status-project = Verbeterproject
vv-status-merged = Samengevoegd
vv-label-reason = Waarom niet nu
vv-label-action = Actie
vv-open-action = Naar de actie
vv-label-merged-into = Samengevoegd met
vv-open-merged = Naar het verwonderpunt
vv-label-posters = Geplaatst door
vv-anonymous-posters = { $count ->
    [one] één collega anoniem
   *[other] { $count } collega's anoniem
}
vv-triage-heading = Besluiten
vv-triage-legend = Wat doen we ermee?
vv-choice-quick_fix = Snel oplossen: meteen een actie in het register
vv-choice-project = Verbeterproject starten
vv-choice-not_now = Niet nu (met een reden die de melder ziet)
vv-triage-hint = Snel oplossen vraagt een actie, kartrekker en eventueel een datum; een verbeterproject een titel, kartrekker en probleemstelling; niet nu een reden.
vv-label-triage-title = Titel van de actie of het project
vv-label-goal = Doel van de actie
vv-label-problem = Probleemstelling
vv-triage-button = Besluiten
vv-merge-heading = Samenvoegen
vv-label-merge-into = Samenvoegen met
vv-merge-button = Samenvoegen
vv-comments-heading = Reacties
vv-label-comment = Reactie
vv-comment-button = Reageren
vv-no-comments = Nog geen reacties.
vv-triagers-heading = Wie bespreekt de verwonderpunten?
vv-triagers-legend = Naast de teamleider besluiten ook:
vv-notice-posted = Je verwonderpunt staat erop.
vv-notice-triagers-saved = Opgeslagen wie de verwonderpunten bespreekt.
vv-notice-supported = Je steunt dit verwonderpunt.
vv-notice-commented = Je reactie staat erbij.
vv-notice-merged = De verwonderpunten zijn samengevoegd.
vv-notice-triaged = Het besluit is vastgelegd.
vv-error-title-required = Schrijf op waar je je over verwondert.
vv-error-comment-required = Schrijf een reactie.
vv-error-reason-required = Geef een reden: de melder leest die.
vv-error-project-title-required = Geef een titel.
vv-error-problem-required = Beschrijf het probleem.
vv-error-choice = Kies wat we ermee doen.
vv-error-already-triaged = Over dit verwonderpunt is al besloten.
vv-error-own-point = Je eigen verwonderpunt steun je al.
vv-error-merged = Dit verwonderpunt is samengevoegd met een ander.
vv-error-merge-target = Kies een ander wachtend verwonderpunt van dit team.

## Verbeterprojecten

vv-open-project = Naar het verbeterproject
vv-label-aim = Doel
vv-aim-by = uiterlijk { $date }
vv-label-measure = Meting
vv-label-result = Resultaat
vv-better-higher = hoger is beter
vv-better-lower = lager is beter
vv-chart-heading = Run chart
vv-no-data = Nog geen meetpunten.
vv-chart-legend = De doorgetrokken lijn is de mediaan, de gestippelde de mediaan van de nulmeting. Een gevuld punt hoort bij een verschuiving (6 of meer punten aan één kant van de lijn), een dikke rand bij een trend (5 of meer punten op rij stijgend of dalend).
vv-chart-title = Run chart: { $measure }
vv-chart-desc = { $count } meetpunten, mediaan { $median }.
vv-chart-has-shift = Er is een verschuiving.
vv-chart-has-trend = Er is een trend.
vv-chart-shift = verschuiving
vv-chart-trend = trend
vv-data-caption = Meetpunten
vv-col-date = Datum
vv-col-value = Waarde
vv-col-marks = Opvallend
vv-data-heading = Meetpunten toevoegen
vv-label-pasted = Of plak twee kolommen: datum en waarde
vv-pasted-hint = Een regel per meting, bijvoorbeeld uit Excel: 3-3-2026 en 12,5. Een datum die er al staat krijgt de nieuwe waarde.
vv-data-button = Toevoegen
vv-aim-heading = Doel en meting
vv-label-aim-what = Wat willen we bereiken
vv-label-aim-how-much = Hoeveel
vv-label-aim-by = Uiterlijk
vv-label-unit = Eenheid
vv-label-better = Wat is beter
vv-label-baseline-until = Nulmeting tot en met
vv-close-heading = Project afsluiten
vv-close-button = Afsluiten met dit resultaat
vv-notice-project-started = Het verbeterproject is gestart.
vv-notice-project-saved = Doel en meting zijn opgeslagen.
vv-notice-data-added = De meetpunten staan in de run chart.
vv-notice-project-closed = Het project is afgesloten.
vv-error-aim-required = Schrijf op wat je wilt bereiken.
vv-error-measure-required = Geef de meting een naam.
vv-error-better = Kies of hoger of lager beter is.
vv-error-result-required = Schrijf het resultaat op.
vv-error-project-closed = Dit project is afgesloten.
vv-error-no-data = Vul een datum en een waarde in, of plak meetpunten.
vv-error-value = Vul een getal in, bijvoorbeeld 12,5.
vv-error-line-columns = Regel { $line }: verwacht twee kolommen, datum en waarde.
vv-error-line-date = Regel { $line }: de datum is niet te lezen.
vv-error-line-value = Regel { $line }: de waarde is geen getal.

## Berichten

notice-kind-verwonderpunt_answered = Nieuws over je verwonderpunt
notice-kind-verwonderpunt_answered-help = Over je verwonderpunt is besloten (niet nu, snel opgelost of een verbeterproject), of het verbeterproject ervan is afgesloten.
mail-notice-verwonderpunt_answered-subject = Nieuws over "{ $subject }"
mail-notice-verwonderpunt_answered = Er is nieuws over je verwonderpunt "{ $subject }" ({ $team }): lees wat ermee gebeurt.
home-vv = Verwonderpunten
home-vv-waiting = { $count } wachten op een besluit
home-vv-answered = Je verwonderpunt „{ $title }”
notice-kind-verwonderpunt_posted = Nieuw verwonderpunt in je team
notice-kind-verwonderpunt_posted-help = Iemand in een team dat je leidt plaatste een verwonderpunt; het wacht op een besluit.
mail-notice-verwonderpunt_posted-subject = Nieuw verwonderpunt: "{ $subject }"
mail-notice-verwonderpunt_posted = Er is een nieuw verwonderpunt in { $team }: "{ $subject }". Het wacht op een besluit: niet nu, snel oplossen of een verbeterproject.

## PDCA-cycli

improvement-cycles-heading = PDCA-cycli
improvement-cycles-none = Nog geen cycli. Een cyclus plant een kleine verandering (plan), voert die uit (do), bestudeert wat de metingen laten zien (study) en beslist wat blijft (act).
improvement-cycle-title = Cyclus { $number }
improvement-cycle-from-to = { $from } tot en met { $to }
improvement-cycle-from = vanaf { $from }
improvement-cycle-plan = Plan: wat gaan we proberen?
improvement-cycle-do = Do: wat deden we?
improvement-cycle-study = Study: wat zagen we?
improvement-cycle-act = Act: wat houden we vast of passen we aan?
improvement-cycle-open = Cyclus { $number } bekijken
improvement-cycle-edit-n = Cyclus { $number } bijwerken of er een actie uit maken
improvement-cycle-new = Nieuwe cyclus
improvement-cycle-add = Cyclus toevoegen
improvement-cycle-edit = Cyclus bijwerken
improvement-label-starts-on = Begint op
improvement-label-ends-on = Eindigt op (mag leeg)
improvement-cycle-actions = Acties uit deze cyclus
improvement-cycle-actions-intro = Een actie komt meteen in het actieregister van het team, met een kartrekker.
improvement-cycle-no-actions = Nog geen acties.
improvement-action-due = uiterlijk { $date }
improvement-back-to-project = Terug naar { $project }
improvement-notice-cycle-added = De cyclus is toegevoegd.
improvement-notice-cycle-saved = De cyclus is bijgewerkt.
improvement-error-plan-required = Schrijf op wat jullie gaan proberen: het plan.
improvement-error-ends-before-start = De cyclus kan niet eindigen voordat hij begint.

## Wat we veranderden

improvement-wall-link = Wat we veranderden
improvement-wall-title = Wat we veranderden in { $team }
improvement-wall-intro = Afgeronde verbeterprojecten met hun resultaat, en snel opgeloste verwonderpunten waarvan de actie klaar is. De nieuwste eerst.
improvement-wall-empty = Nog niets afgerond. Een verbeterproject dat sluit of een snelle oplossing die klaar is, komt hier te staan.
improvement-wall-project = Verbeterproject
improvement-wall-kartrekker = kartrekker { $name }
improvement-wall-from-point = uit het verwonderpunt „{ $title }”

## Overzicht van de organisatie

improvement-overview-title = Verbeterprojecten in de organisatie
improvement-overview-intro = Per afdeling en team: hoeveel verbeterprojecten lopen en afgesloten zijn, en per lopend project de kartrekker, het laatste meetpunt en wat de run chart laat zien.
improvement-overview-empty = Er zijn nog geen verbeterprojecten.
improvement-overview-caption = Verbeterprojecten van { $department }
improvement-col-team = Team
improvement-col-running = Lopend
improvement-col-closed = Afgesloten
improvement-col-projects = Lopende projecten
improvement-overview-latest = laatste meetpunt { $value } op { $date }
improvement-overview-shift = de run chart toont een verschuiving
improvement-overview-trend = de run chart toont een trend
improvement-overview-shift-trend = de run chart toont een verschuiving en een trend
improvement-overview-no-signal = nog geen verschuiving of trend
improvement-overview-no-data = nog geen meetpunten
improvement-home-next = De verbeterprojecten van alle teams volgen
