# Two-step log-in (pages/two_step.rs, decision 0027): the code after the password, setting it up under Settings.
totp-title = Tweestapsinloggen
totp-intro = Met tweestapsinloggen vraagt Kartrekker na je wachtwoord ook een code uit een app op je telefoon (zoals Microsoft Authenticator, Google Authenticator of FreeOTP). Wie alleen je wachtwoord kent, komt er dan niet in.
totp-required = Als beheerder zet je tweestapsinloggen aan voordat je verder kunt.
totp-on = Tweestapsinloggen staat aan.
totp-codes-left = Je hebt nog { $count } ongebruikte herstelcodes.
totp-step-scan = 1. Voeg Kartrekker toe aan je app
totp-scan-intro = Open de app en scan deze QR-code.
totp-qr-label = QR-code om Kartrekker aan je app toe te voegen
totp-secret-intro = Lukt scannen niet? Typ dan deze sleutel in de app (op tijd gebaseerd, 6 cijfers):
totp-uri-summary = Het adres achter de QR-code
totp-step-confirm = 2. Typ de code die de app nu toont
totp-label-first-code = Code uit de app
totp-confirm-button = Tweestapsinloggen aanzetten
totp-codes-title = Je herstelcodes
totp-codes-on = Tweestapsinloggen staat aan.
totp-codes-intro = Bewaar deze tien codes op een veilige plek, bijvoorbeeld uitgeprint of in een wachtwoordkluis. Heb je je telefoon niet bij de hand, dan log je in met een van deze codes; elke code werkt één keer. Je ziet ze alleen nu.
totp-codes-continue = Verder naar Kartrekker
totp-disable-title = Tweestapsinloggen uitzetten
totp-disable-intro = Typ een code uit de app of je wachtwoord. Je herstelcodes vervallen dan ook.
totp-label-proof = Code uit de app of wachtwoord
totp-disable-button = Tweestapsinloggen uitzetten
totp-notice-disabled = Tweestapsinloggen staat uit. Je logt voortaan in met alleen je wachtwoord.
totp-code-title = Code uit je app
totp-code-intro = Je wachtwoord klopt. Typ nu de code die je app voor Kartrekker toont.
totp-label-code = Code of herstelcode
totp-code-hint = Zes cijfers uit de app, of een van je herstelcodes als je de app niet bij de hand hebt.
totp-code-button = Inloggen
totp-code-start-again = Opnieuw beginnen
totp-error-code-wrong = Deze code klopt niet. Typ de zes cijfers die de app nu toont.
totp-error-login-code-wrong = Deze code klopt niet. Typ de zes cijfers die de app nu toont, of een ongebruikte herstelcode.
totp-error-code-used = Deze code is al gebruikt. Wacht op de volgende code in de app.
totp-error-throttled = Te vaak een verkeerde code. Probeer het over { $minutes ->
    [one] 1 minuut
   *[other] { $minutes } minuten
} opnieuw.
totp-error-expired = Het inloggen duurde te lang. Log opnieuw in met je wachtwoord.
totp-error-already-on = Tweestapsinloggen staat al aan.
totp-error-not-on = Tweestapsinloggen staat niet aan.
totp-error-disable-wrong = Dit is geen geldige code uit de app en ook niet je wachtwoord.
