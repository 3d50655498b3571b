# E-mails (kartrekker/src/mail/messages.rs): a subject, paragraphs of plain
# text (escaped for the HTML part) and the button under the link.
mail-greeting = Beste { $name },

mail-invitation-subject = Uitnodiging voor Kartrekker van { $organisation }
mail-invitation-intro = { $organisation } nodigt je uit voor Kartrekker, waar je team verbeteracties afspreekt en opvolgt.
mail-invitation-password = Kies via de link hieronder een wachtwoord. De link werkt één keer en is { $days } dagen geldig.
mail-invitation-button = Wachtwoord kiezen
mail-added-subject = Je bent toegevoegd aan { $organisation } in Kartrekker
mail-added-intro = { $organisation } heeft je toegevoegd aan Kartrekker. Je logt in met je bestaande e-mailadres en wachtwoord.
mail-added-switch = Na het inloggen kies je bovenaan de pagina bij "Wissel van organisatie" voor { $organisation }.
mail-added-button = Inloggen

mail-reset-subject = Nieuw wachtwoord voor Kartrekker
mail-reset-asked = Je hebt gevraagd om een nieuw wachtwoord. Kies het via de link hieronder.
mail-reset-valid = De link werkt één keer en is { $hours } uur geldig. Heb je dit niet gevraagd? Dan hoef je niets te doen.
mail-reset-button = Nieuw wachtwoord kiezen

mail-password-changed-subject = Je wachtwoord voor Kartrekker is gewijzigd
mail-password-changed = Je wachtwoord voor Kartrekker is zojuist gewijzigd. Op andere apparaten ben je daarbij uitgelogd.
mail-password-changed-not-you = Heb je dit niet zelf gedaan? Kies dan meteen een nieuw wachtwoord via de link hieronder en meld het bij de beheerder van Kartrekker in je organisatie.
mail-password-changed-button = Nieuw wachtwoord kiezen

mail-reminder-settings = Hoe vaak je deze e-mails krijgt, stel je zelf in onder Instellingen.

mail-digest-subject = Je overzicht van vandaag
mail-digest-intro = Dit vraagt je aandacht in Kartrekker:
mail-digest-button = Naar Kartrekker

mail-evaluation-first = evaluatie
mail-evaluation-again = herevaluatie
mail-evaluation-subject = Binnenkort: { $what } van { $team }
mail-evaluation-planned = Op { $date } staat de { $what } van het traject Leidinggeven & leidingkrijgen van { $team } gepland.
mail-evaluation-actions = Bij deze evaluatie komen ook de acties die jullie toen wilden evalueren: { $titles }.
mail-evaluation-prepare = Bekijk vooraf wat er is afgesproken en wat ervan is gekomen. Zet de datum, de agenda en de aanwezigen erbij, zodat het team samen kan bespreken hoe het verder gaat.
mail-evaluation-button = Naar de evaluatie

mail-follow-up-own-subject = Terugkijken op je actieplan op { $date }
mail-follow-up-own = Op { $date } kijk je terug op je persoonlijke actieplan uit de reflectiecyclus. Spreek een moment af met je maatje.
mail-follow-up-buddy-subject = Terugkijken met { $owner } op { $date }
mail-follow-up-buddy = Je bent het maatje van { $owner }. Op { $date } kijken jullie samen terug op het persoonlijke actieplan.
mail-follow-up-button = Naar het actieplan

# Notices (kartrekker/src/notifications): per kind a subject and a line,
# with { $team }, { $subject } (what it is about) and { $date }.
mail-notice-button = Openen in Kartrekker
mail-notice-intake_opened-subject = De intake van { $team } staat open
mail-notice-intake_opened = De trainer heeft de intake van het traject Leidinggeven & leidingkrijgen van { $team } geopend. Vul de twee vragen in via de link hieronder.
mail-notice-session_planned-subject = { $subject } van { $team }: { $date }
mail-notice-session_planned = { $subject } van { $team } is gepland op { $date }. De afspraak voor je agenda zit in de bijlage.
mail-notice-evaluation_open-subject = Heeft het geholpen? Stem voor { $team }
mail-notice-evaluation_open = De evaluatie van { $team } is begonnen. Geef per afspraak aan of die geholpen heeft.
mail-notice-kartrekker-subject = Je bent kartrekker van "{ $subject }"
mail-notice-kartrekker = Je bent kartrekker van "{ $subject }" ({ $team }). Je trekt deze actie en houdt de voortgang bij.
mail-notice-cycle_started-subject = Reflectiecyclus "{ $subject }" van { $team } is begonnen
mail-notice-cycle_started = De reflectiecyclus "{ $subject }" van { $team } is begonnen. Begin met je zelfevaluatie, uiterlijk op { $date }.
mail-notice-feedback_requested-subject = { $subject } vraagt je om feedback
mail-notice-feedback_requested = { $subject } ({ $team }) vraagt je om feedback in de reflectiecyclus. Je antwoorden blijven anoniem.
mail-notice-due_soon-subject = Herinnering: { $subject } ({ $team })
mail-notice-due_soon = "{ $subject }" ({ $team }) moet af op { $date }.
mail-notice-results_ready-subject = Je resultaten staan klaar ({ $team })
mail-notice-results_ready = De feedback in de reflectiecyclus "{ $subject }" van { $team } is gesloten. Je resultaten staan klaar.
mail-notice-buddy_named-subject = Je bent het maatje van { $subject }
mail-notice-buddy_named = { $subject } ({ $team }) heeft je gekozen als maatje bij het persoonlijke actieplan. Je kunt het plan nu bekijken.
mail-notice-overdue-subject = Over de datum: { $subject } ({ $team })
mail-notice-overdue = "{ $subject }" ({ $team }) had af moeten zijn op { $date }.
mail-notice-team_overdue-subject = Acties over de datum in { $team }
mail-notice-team_overdue = In { $team } zijn acties over de datum: { $subject }.
mail-notice-evaluation_reminder-subject = De { $subject } van { $team } komt eraan
mail-notice-evaluation_reminder = De { $subject } van { $team } is op { $date }.
mail-notice-plan_follow_up-subject = Terugkijken op { $subject } op { $date }
mail-notice-plan_follow_up = Op { $date } kijk je terug op { $subject } ({ $team }).
mail-notice-minutes_sent-subject = Notulen van { $subject } ({ $date })
mail-notice-minutes_sent = De voorzitter heeft { $subject } van { $team } op { $date } afgesloten. Lees de notulen, de besluiten en de acties.
mail-notice-chair_feedback_asked-subject = { $subject } vraagt feedback op het voorzitten
mail-notice-chair_feedback_asked = { $subject } zat het overleg van { $team } op { $date } voor en vraagt je kort feedback: voorbereiding, leiding en groepsdynamiek. Je antwoord is anoniem.
