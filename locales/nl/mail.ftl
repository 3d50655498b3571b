# E-mails (kartrekker/src/mail/messages.rs): a subject, paragraphs of plain
# text (escaped for the HTML part) and the button under the link.
mail-greeting = Beste { $name },

mail-invitation-subject = Uitnodiging voor Kartrekker van { $organisation }
mail-invitation-intro = { $organisation } nodigt je uit voor Kartrekker, waar je team verbeteracties afspreekt en opvolgt.
mail-invitation-password = Kies via de link hieronder een wachtwoord. De link werkt één keer en is { $days } dagen geldig.
mail-invitation-button = Wachtwoord kiezen

mail-reset-subject = Nieuw wachtwoord voor Kartrekker
mail-reset-asked = Je hebt gevraagd om een nieuw wachtwoord. Kies het via de link hieronder.
mail-reset-valid = De link werkt één keer en is { $hours } uur geldig. Heb je dit niet gevraagd? Dan hoef je niets te doen.
mail-reset-button = Nieuw wachtwoord kiezen

mail-due-soon = "{ $title }" ({ $team }) moet af op { $due }.
mail-overdue = "{ $title }" ({ $team }) had af moeten zijn op { $due }.

mail-reminder-due-soon-subject = Herinnering: { $title }
mail-reminder-overdue-subject = Over de datum: { $title }
mail-reminder-ask = Je bent de kartrekker van deze actie. Zet de voortgang erbij, of pas de datum of de status aan.
mail-reminder-settings = Hoe vaak je deze e-mails krijgt, stel je zelf in onder Instellingen.
mail-reminder-button = Naar de actie

mail-digest-subject = Je acties van vandaag
mail-digest-intro = Dit zijn de acties waarvan je kartrekker bent en die aandacht vragen:
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
