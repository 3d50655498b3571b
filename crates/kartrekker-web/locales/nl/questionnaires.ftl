error-definition-syntax = Dit is geen geldige TOML
error-definition-id = De id mag alleen kleine letters, cijfers, - en _ bevatten
error-definition-version = De versie moet een geheel getal vanaf 1 zijn
error-definition-scale-points = Een schaal heeft minstens twee punten, elk met een eigen waarde
error-definition-no-sections = Er is geen enkel onderdeel ([[sections]])
error-definition-section-id = De id van dit onderdeel is ongeldig of komt twee keer voor
error-definition-no-items = Dit onderdeel heeft geen vragen
error-definition-item-id = De id van deze vraag is ongeldig of komt twee keer voor
error-definition-unknown-scale = Deze schaal bestaat niet in [scales]
error-definition-needs-scale = Een likert-vraag heeft een schaal nodig (scale = "...")
error-definition-needs-ends = Een vraag van 0 tot 10 heeft low en high nodig
error-definition-needs-options = Een keuzevraag heeft minstens twee opties met verschillende waarden nodig
error-definition-item-type = Onbekend soort vraag; kies likert, zero_to_ten, single_choice of open_text
error-answer-too-long = Dit antwoord is te lang.
error-answer-out-of-scale = Kies een van de antwoorden.
